package org.groklab.math;

/** Small array helpers that are not hot enough to need a vector twin. */
public final class Tensors {
    private Tensors() {
    }

    /** dst[c×r] = srcᵀ for src stored as [r×c]. */
    public static void transpose(float[] src, float[] dst, int r, int c) {
        for (int i = 0; i < r; i++) {
            int row = i * c;
            for (int j = 0; j < c; j++) {
                dst[j * r + i] = src[row + j];
            }
        }
    }

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

    public static boolean allFinite(float[] x) {
        for (float v : x) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
