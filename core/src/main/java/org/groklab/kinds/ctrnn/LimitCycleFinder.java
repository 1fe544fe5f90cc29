package org.groklab.kinds.ctrnn;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Limit cycles of the input-free dynamics and the phase shifts inputs cause (Murray, Appendix C: +2π/3 for green,
 * -2π/3 for purple, 0 for red, in the paper's network). The orbit from a start state is run for {@code burnIn}
 * steps, then observed for {@code window} steps; it is a cycle when its projection on the first principal axis
 * has a standard deviation above {@code minAmplitude} and at least three upward zero crossings whose intervals
 * vary by less than {@code maxIntervalSpread} of their mean.
 */
public final class LimitCycleFinder {
    private final StateMap map;
    private final int burnIn;
    private final int window;
    private final double minAmplitude;
    private final double maxIntervalSpread;

    public LimitCycleFinder(StateMap map, int burnIn, int window, double minAmplitude, double maxIntervalSpread) {
        this.map = map;
        this.burnIn = burnIn;
        this.window = window;
        this.minAmplitude = minAmplitude;
        this.maxIntervalSpread = maxIntervalSpread;
    }

    /** Defaults: 2,000 steps of burn-in, 1,000 observed, amplitude above 1e-3, crossing spread below 0.1. */
    public LimitCycleFinder(StateMap map) {
        this(map, 2000, 1000, 1e-3, 0.1);
    }

    /** Runs {@code steps} steps without input from x (x itself not included). */
    public List<double[]> run(double[] x, int steps) {
        List<double[]> out = new ArrayList<>(steps);
        for (int t = 0; t < steps; t++) {
            x = map.step(x, null);
            out.add(x);
        }
        return out;
    }

    /** The cycle the input-free orbit from {@code start} settles on, or null when it settles on none. */
    public LimitCycle find(double[] start) {
        double[] x = start.clone();
        for (int t = 0; t < burnIn; t++) {
            x = map.step(x, null);
        }
        List<double[]> orbit = run(x, window);
        int n = x.length;
        double[] center = new double[n];
        for (double[] s : orbit) {
            for (int i = 0; i < n; i++) {
                center[i] += s[i] / orbit.size();
            }
        }
        DMatrixRMaj cov = new DMatrixRMaj(n, n);
        for (double[] s : orbit) {
            for (int i = 0; i < n; i++) {
                double di = s[i] - center[i];
                for (int k = 0; k < n; k++) {
                    cov.data[i * n + k] += di * (s[k] - center[k]) / orbit.size();
                }
            }
        }
        double[] direction = topEigenvector(cov);
        LimitCycle probe = new LimitCycle(0, 0, 0, center, direction);
        double[] p = new double[orbit.size()];
        double sq = 0;
        for (int t = 0; t < p.length; t++) {
            p[t] = probe.project(orbit.get(t));
            sq += p[t] * p[t];
        }
        double amplitude = Math.sqrt(sq / p.length);
        if (!(amplitude > minAmplitude)) {
            return null;
        }
        List<Double> crossings = crossings(p);
        if (crossings.size() < 3) {
            return null;
        }
        double period = (crossings.get(crossings.size() - 1) - crossings.get(0)) / (crossings.size() - 1);
        double var = 0;
        for (int k = 1; k < crossings.size(); k++) {
            double d = crossings.get(k) - crossings.get(k - 1) - period;
            var += d * d / (crossings.size() - 1);
        }
        double spread = Math.sqrt(var) / period;
        if (!(spread < maxIntervalSpread)) {
            return null;
        }
        return new LimitCycle(period, spread, amplitude, center, direction);
    }

    /**
     * The phase shift (radians, in (-π, π]) that {@code input}, shown for {@code inputSteps} steps to a state on
     * the cycle, causes relative to the same state left alone, averaged (circular mean) over {@code starts} states
     * spread over one period; positive means the perturbed orbit runs ahead. Measured from zero crossings after
     * {@code relax} steps. Also returns the mean resultant length (1: the same shift from every phase).
     */
    public double[] phaseShift(LimitCycle cycle, double[] onCycle, double[] input, int inputSteps, int starts,
                               int relax) {
        double sumCos = 0;
        double sumSin = 0;
        double[] x = onCycle.clone();
        double stride = cycle.periodSteps() / starts;
        double next = 0;
        int t = 0;
        int measured = 0;
        for (int s = 0; s < starts; s++) {
            while (t < next) {
                x = map.step(x, null);
                t++;
            }
            next += stride;
            double[] free = x.clone();
            double[] kicked = x.clone();
            for (int k = 0; k < inputSteps; k++) {
                free = map.step(free, null);
                kicked = map.step(kicked, input);
            }
            int horizon = relax + (int) Math.ceil(4 * cycle.periodSteps()) + 2;
            double[] pf = new double[horizon];
            double[] pk = new double[horizon];
            for (int k = 0; k < horizon; k++) {
                free = map.step(free, null);
                kicked = map.step(kicked, null);
                pf[k] = cycle.project(free);
                pk[k] = cycle.project(kicked);
            }
            List<Double> cf = crossingsAfter(pf, relax);
            List<Double> ck = crossingsAfter(pk, relax);
            if (cf.isEmpty() || ck.isEmpty()) {
                continue;
            }
            double dt = cf.get(0) - ck.get(0);
            double shift = 2 * Math.PI * dt / cycle.periodSteps();
            sumCos += Math.cos(shift);
            sumSin += Math.sin(shift);
            measured++;
        }
        if (measured == 0) {
            return new double[] {Double.NaN, 0};
        }
        return new double[] {Math.atan2(sumSin, sumCos), Math.hypot(sumCos, sumSin) / measured};
    }

    /** Upward zero crossings of p, linearly interpolated, in steps. */
    static List<Double> crossings(double[] p) {
        return crossingsAfter(p, 0);
    }

    private static List<Double> crossingsAfter(double[] p, int from) {
        List<Double> c = new ArrayList<>();
        for (int t = Math.max(1, from); t < p.length; t++) {
            if (p[t - 1] < 0 && p[t] >= 0) {
                c.add(t - 1 + (-p[t - 1]) / (p[t] - p[t - 1]));
            }
        }
        return c;
    }

    /** The unit eigenvector of the largest eigenvalue of a symmetric matrix, its largest entry made positive. */
    static double[] topEigenvector(DMatrixRMaj sym) {
        int n = sym.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(sym.copy())) {
            throw new IllegalStateException("eigen decomposition failed");
        }
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (eig.getEigenvalue(i).real > eig.getEigenvalue(best).real) {
                best = i;
            }
        }
        DMatrixRMaj v = eig.getEigenVector(best);
        double[] d = new double[n];
        double norm = 0;
        int big = 0;
        for (int i = 0; i < n; i++) {
            d[i] = v.get(i, 0);
            norm += d[i] * d[i];
            if (Math.abs(d[i]) > Math.abs(d[big])) {
                big = i;
            }
        }
        double sign = d[big] < 0 ? -1 : 1;
        norm = Math.sqrt(norm);
        for (int i = 0; i < n; i++) {
            d[i] *= sign / norm;
        }
        return d;
    }
}
