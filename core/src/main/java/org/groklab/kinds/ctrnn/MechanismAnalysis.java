package org.groklab.kinds.ctrnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.groklab.math.Rng;

/**
 * Tells attractive from oscillatory dynamics in a trained network (Murray, Section 3). Evidence: fixed points of
 * the input-free map from {@code fixedPointStarts} states sampled along noise-free trials (stream
 * "analysis.fixed-point-starts"); the limit cycle, if any, of the input-free dynamics from x(0) and from the
 * end states of the trials; where those end states go when left alone. The label is OSCILLATORY when the dynamics
 * from x(0) or from most end states settle on a cycle; ATTRACTIVE when there are at least two stable fixed points
 * and at least 90% of the end states settle on one of them; NEITHER otherwise.
 */
public final class MechanismAnalysis {
    private final TrialRunner runner;
    private final TrialTiming timing;
    private final int fixedPointStarts;
    private final int relaxSteps;

    public MechanismAnalysis(TrialRunner runner, TrialTiming timing, int fixedPointStarts, int relaxSteps) {
        this.runner = runner;
        this.timing = timing;
        this.fixedPointStarts = fixedPointStarts;
        this.relaxSteps = relaxSteps;
    }

    public MechanismAnalysis(TrialRunner runner, TrialTiming timing) {
        this(runner, timing, 128, 5000);
    }

    /** Analyses the network on the given noise-free trajectories (x(0..T) of the trials); {@code seed} for starts. */
    public MechanismReport analyse(List<List<double[]>> trajectories, long seed) {
        StateMap map = runner.map();
        List<double[]> all = new ArrayList<>();
        for (List<double[]> t : trajectories) {
            all.addAll(t);
        }
        Rng rng = Rng.stream(seed, "analysis.fixed-point-starts");
        List<double[]> starts = new ArrayList<>();
        for (int i = 0; i < fixedPointStarts; i++) {
            starts.add(all.get(rng.nextInt(all.size())));
        }
        FixedPointFinder finder = new FixedPointFinder(map);
        FixedPointFinder.Result fps = finder.find(starts);
        LimitCycleFinder cycles = new LimitCycleFinder(map);
        LimitCycle cycle = cycles.find(runner.initialState());
        int ends = 0;
        int cyclic = 0;
        int atStable = 0;
        double reach = 1e-2 * Math.sqrt(map.dim());
        for (List<double[]> t : trajectories) {
            double[] end = t.get(t.size() - 1);
            ends++;
            if (cycles.find(end) != null) {
                cyclic++;
                continue;
            }
            double[] x = end;
            for (int s = 0; s < relaxSteps; s++) {
                x = map.step(x, null);
            }
            for (FixedPoint p : fps.points()) {
                if (p.stability() == FixedPoint.Stability.STABLE && distance(p.x(), x) < reach) {
                    atStable++;
                    break;
                }
            }
        }
        long stable = fps.count(FixedPoint.Stability.STABLE);
        double[][] shifts = null;
        LimitCycle shown = cycle;
        if (shown == null && 2 * cyclic > ends) {
            shown = cycles.find(trajectories.get(0).get(trajectories.get(0).size() - 1));
        }
        Mechanism label;
        String evidence;
        if (shown != null && (cycle != null || 2 * cyclic > ends)) {
            label = Mechanism.OSCILLATORY;
            double[] onCycle = runner.initialState();
            for (int s = 0; s < 3000; s++) {
                onCycle = map.step(onCycle, null);
            }
            shifts = new double[3][];
            for (int c = 0; c < 3; c++) {
                shifts[c] = cycles.phaseShift(shown, onCycle, runner.colour(c), timing.inputSteps(), 8, 100);
            }
            evidence = String.format(Locale.ROOT, "input-free dynamics %s settle on a limit cycle of period %.2f"
                            + " steps (%d of %d end states cycle); phase shifts by colour %.3f, %.3f, %.3f rad",
                    cycle != null ? "from x(0)" : "from most end states", shown.periodSteps(), cyclic, ends,
                    shifts[0][0], shifts[1][0], shifts[2][0]);
        } else if (stable >= 2 && atStable >= 0.9 * ends) {
            label = Mechanism.ATTRACTIVE;
            evidence = String.format(Locale.ROOT, "%d stable fixed points (%d saddles, %d unstable); %d of %d end"
                    + " states settle on a stable fixed point; no limit cycle", stable,
                    fps.count(FixedPoint.Stability.SADDLE), fps.count(FixedPoint.Stability.UNSTABLE), atStable, ends);
        } else {
            label = Mechanism.NEITHER;
            evidence = String.format(Locale.ROOT, "no limit cycle from x(0) (%d of %d end states cycle); %d stable"
                    + " fixed points, %d of %d end states settle on one", cyclic, ends, stable, atStable, ends);
        }
        return new MechanismReport(label, evidence, fps, shown, cyclic, ends, atStable, shifts);
    }

    static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
