package org.groklab.math;

/** Small array helpers that are not hot enough to need a vector twin. */
public final class Tensors {
    private Tensors() {
    }

    /**
     * dst (c × r) = srcᵀ (src r × c), in tiles of 16 × 16 so that the 16 values written down a column of dst share
     * cache lines (the row-by-row loop touched a new line of dst with every value). The plain kernels' transpose; the
     * vector kernels' ({@code VectorTranspose}) gives the same values faster.
     */
    public static void transpose(float[] src, float[] dst, int r, int c) {
        for (int i0 = 0; i0 < r; i0 += TILE) {
            int i1 = Math.min(r, i0 + TILE);
            for (int j0 = 0; j0 < c; j0 += TILE) {
                int j1 = Math.min(c, j0 + TILE);
                for (int i = i0; i < i1; i++) {
                    int row = i * c;
                    for (int j = j0; j < j1; j++) {
                        dst[j * r + i] = src[row + j];
                    }
                }
            }
        }
    }

    private static final int TILE = 16;

    public static float[] transpose(float[] src, int r, int c) {
        float[] dst = new float[src.length];
        transpose(src, dst, r, c);
        return dst;
    }

    /** Σ|x|, accumulated in double in index order. */
    public static double l1(float[] x) {
        double s = 0;
        for (float v : x) {
            s += Math.abs(v);
        }
        return s;
    }

    /** sqrt(Σx²), accumulated in double in index order. */
    public static double l2(float[] x) {
        double s = 0;
        for (float v : x) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }

    /** Σ|x|, accumulated in index order. */
    public static double l1(double[] x) {
        double s = 0;
        for (double v : x) {
            s += Math.abs(v);
        }
        return s;
    }

    /** sqrt(Σx²), accumulated in index order. */
    public static double l2(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** x rounded to float32. */
    public static float[] narrow(double[] x) {
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) x[i];
        }
        return out;
    }

    /** x widened to float64. */
    public static double[] widen(float[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i];
        }
        return out;
    }

    public static boolean allFinite(float[] x) {
        for (float v : x) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
