package org.groklab.kinds.ctrnn;

/**
 * A limit cycle of an input-free {@link StateMap}, seen through the projection p(t) = (x(t) - center) · direction
 * onto the first principal axis of the orbit: its period (in steps, from the upward zero crossings of p), the
 * spread of the crossing intervals relative to the period (near 0 for a clean cycle), and p's standard deviation.
 * The phase of a state on the cycle at time t is 2π (t - last crossing) / period.
 */
public record LimitCycle(double periodSteps, double intervalSpread, double amplitude, double[] center,
                         double[] direction) {

    /** p for one state. */
    public double project(double[] x) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (x[i] - center[i]) * direction[i];
        }
        return s;
    }
}
