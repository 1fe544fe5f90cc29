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
