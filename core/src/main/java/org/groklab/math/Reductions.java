package org.groklab.math;

/** The fixed summation order of {@link Kernels#sumSquares} and {@link Kernels#sumAbs}, shared by both twins. */
final class Reductions {
    /** Partial sums, independent of the vector width. */
    static final int STRIPES = 16;

    private Reductions() {
    }

    /** ((s0+s1)+(s2+s3)) + ((s4+s5)+(s6+s7)) + ...: neighbours first, a balanced tree over the 16 stripes. */
    static double tree(double[] s) {
        double[] t = s.clone();
        for (int width = t.length; width > 1; width /= 2) {
            for (int i = 0; i < width / 2; i++) {
                t[i] = t[2 * i] + t[2 * i + 1];
            }
        }
        return t[0];
    }
}
