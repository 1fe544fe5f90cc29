package org.groklab.kinds.ctrnn;

import java.util.ArrayList;
import java.util.List;

/**
 * The dynamics analyses of one trained network, data only (Murray, Figure 1): PCA of the rates of noise-free
 * trials, the mechanism with its fixed points, limit cycle and phase shifts, the extracted automaton, and what
 * Figure 1 draws from them (the outputs of the trials, the fixed points and one period of the limit cycle in the
 * principal components). The trials analysed are the first {@code perRelation} training trials of every relation
 * that has them and the first of the validation trials of the others, so held-out relations are included.
 */
public final class CtrnnAnalysis {
    private CtrnnAnalysis() {
    }

    /** Everything the analyses found. */
    public record Report(RatePca pca, MechanismReport mechanism, ExtractedDfa dfa, Outputs outputs,
                         Landmarks landmarks) {
    }

    /**
     * The noise-free readout of every analysed trial (Figure 1, left column).
     *
     * @param relations the relation id (9a + 3b + c) of each trial
     * @param labels    its label, +1 (valid) or -1
     * @param z         z(0)..z(T) of each trial
     */
    public record Outputs(int[] relations, int[] labels, double[][] z) {
    }

    /**
     * The mechanism's objects in the principal components of {@link RatePca}: each fixed point (with its stability)
     * and five periods of the input-free limit cycle (a closed curve when the period is a whole number of steps,
     * a band of points around it otherwise; null without a cycle).
     */
    public record Landmarks(double[][] fixedPoints, String[] stability, double[][] cycle) {
    }

    public static Report analyse(Ctrnn model, SetTask task, int perRelation, long seed) {
        TrialRunner runner = new TrialRunner(new CtrnnMap(model), task, model.config().initialState());
        List<SetTrial> trials = new ArrayList<>();
        int[] taken = new int[Relation.COUNT];
        for (int[] ids : new int[][] {task.trainIds(), task.validationIds()}) {
            for (int id : ids) {
                SetTrial t = task.trial(id);
                int r = t.relation().id();
                if (taken[r] < perRelation) {
                    taken[r]++;
                    trials.add(t);
                }
            }
        }
        List<List<double[]>> states = new ArrayList<>();
        for (SetTrial t : trials) {
            states.add(runner.run(t, task.timing()));
        }
        RatePca pca = RatePca.fit(states, trials, task.timing(), 3);
        MechanismReport mech = new MechanismAnalysis(runner, task.timing()).analyse(states, seed);
        ExtractedDfa dfa = new DfaExtraction(runner, task.timing()).extract(mech.label(), mech.cycle());
        return new Report(pca, mech, dfa, outputs(runner.map(), trials, states), landmarks(runner, pca, mech, states));
    }

    private static Outputs outputs(StateMap map, List<SetTrial> trials, List<List<double[]>> states) {
        int[] rel = new int[trials.size()];
        int[] labels = new int[trials.size()];
        double[][] z = new double[trials.size()][];
        for (int i = 0; i < trials.size(); i++) {
            rel[i] = trials.get(i).relation().id();
            labels[i] = trials.get(i).label() > 0 ? 1 : -1;
            List<double[]> traj = states.get(i);
            z[i] = new double[traj.size()];
            for (int t = 0; t < traj.size(); t++) {
                z[i][t] = map.readout(traj.get(t));
            }
        }
        return new Outputs(rel, labels, z);
    }

    private static Landmarks landmarks(TrialRunner runner, RatePca pca, MechanismReport mech,
                                       List<List<double[]>> states) {
        List<FixedPoint> fps = mech.fixedPoints().points();
        double[][] points = new double[fps.size()][];
        String[] stability = new String[fps.size()];
        for (int i = 0; i < fps.size(); i++) {
            points[i] = pca.project(fps.get(i).x());
            stability[i] = fps.get(i).stability().name().toLowerCase(java.util.Locale.ROOT);
        }
        double[][] cycle = null;
        LimitCycle c = mech.cycle();
        if (c != null) {
            StateMap map = runner.map();
            // settle on the cycle from where the mechanism analysis found it, then record one period
            List<double[]> first = states.get(0);
            double[] x = new LimitCycleFinder(map).find(runner.initialState()) != null ? runner.initialState()
                    : first.get(first.size() - 1);
            for (int s = 0; s < 3000; s++) {
                x = map.step(x, null);
            }
            int n = Math.min(500, (int) Math.ceil(5 * c.periodSteps()) + 1);
            cycle = new double[n][];
            for (int s = 0; s < n; s++) {
                cycle[s] = pca.project(x);
                x = map.step(x, null);
            }
        }
        return new Landmarks(points, stability, cycle);
    }
}
