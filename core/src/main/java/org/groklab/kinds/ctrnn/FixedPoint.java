package org.groklab.kinds.ctrnn;

/**
 * A fixed point x* = F(x*) of a {@link StateMap} found by {@link FixedPointFinder}, with the eigenvalues of the
 * map's Jacobian there (sorted by decreasing modulus) and the readout z at x*.
 *
 * @param q                 the residual 1/2 |F(x*) - x*|² the search ended with
 * @param unstableDirections eigenvalues of modulus above 1
 */
public record FixedPoint(double[] x, double q, Stability stability, int unstableDirections, double[] eigenReal,
                         double[] eigenImag, double readout) {

    /** How the discrete map behaves near a fixed point. */
    public enum Stability {
        /** every eigenvalue of the Jacobian inside the unit circle: an attractor */
        STABLE,
        /** some inside, some outside (or on) the unit circle */
        SADDLE,
        /** every eigenvalue outside the unit circle: a repeller */
        UNSTABLE
    }

    public double maxModulus() {
        return Math.hypot(eigenReal[0], eigenImag[0]);
    }
}
