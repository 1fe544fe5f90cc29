package org.groklab.kinds.ctrnn;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs SET trials through a {@link StateMap} without noise, from the network's initial state x(0) (the same value in
 * every neuron), with the task's colour vectors.
 */
public final class TrialRunner {
    private final StateMap map;
    private final double[][] colours;
    private final double initialState;

    /** Trials from x(0) = 0. */
    public TrialRunner(StateMap map, SetTask task) {
        this(map, task, 0);
    }

    /** Trials from x(0) = {@code initialState} in every neuron. */
    public TrialRunner(StateMap map, SetTask task, double initialState) {
        this.map = map;
        this.initialState = initialState;
        float[] c = task.colours();
        int d = task.inputDim();
        this.colours = new double[3][d];
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < d; i++) {
                colours[k][i] = c[k * d + i];
            }
        }
    }

    public StateMap map() {
        return map;
    }

    /** x(0) of every trial, one value for every neuron. */
    public double[] initialState() {
        double[] x = new double[map.dim()];
        java.util.Arrays.fill(x, initialState);
        return x;
    }

    /** The colour vector of colour k as the map's input. */
    public double[] colour(int k) {
        return colours[k].clone();
    }

    /**
     * States x(0)..x(steps) of a trial whose colours a, b, c start at the given onsets and last {@code inputSteps}
     * steps each (the state after step s is x(s + 1)).
     */
    public List<double[]> run(int[] colourSeq, int[] onsets, int inputSteps, int steps) {
        List<double[]> states = new ArrayList<>(steps + 1);
        double[] x = initialState();
        states.add(x);
        for (int s = 0; s < steps; s++) {
            double[] u = null;
            for (int p = 0; p < colourSeq.length; p++) {
                if (s >= onsets[p] && s < onsets[p] + inputSteps) {
                    u = colours[colourSeq[p]];
                }
            }
            x = map.step(x, u);
            states.add(x);
        }
        return states;
    }

    /** States x(0)..x(T) of a task trial. */
    public List<double[]> run(SetTrial trial, TrialTiming timing) {
        return run(new int[] {trial.a(), trial.b(), trial.c()}, new int[] {trial.o1(), trial.o2(), trial.o3()},
                timing.inputSteps(), timing.steps());
    }
}
