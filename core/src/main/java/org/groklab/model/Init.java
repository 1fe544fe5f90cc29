package org.groklab.model;

import org.groklab.math.Rng;

/**
 * Weight initialisers. Values are drawn in row-major order from the run's "init" stream; a float64 parameter keeps
 * the draws in float64 where the initialiser says so, and is refused by the others.
 */
public final class Init {
    /** Standard deviation of a standard normal truncated to [-2, 2]. */
    public static final double TRUNCATED_STD = 0.87962566103423978;

    private Init() {
    }

    /** N(0, std²) for every entry (Gromov's N(0, 1) init). */
    public static void normal(Param p, Rng rng, double std) {
        float32Only(p);
        float[] d = p.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (std * rng.nextGaussian());
        }
    }

    /** {@code scale} × a standard normal truncated to [-2, 2] (Haiku's TruncatedNormal(stddev=scale)). */
    public static void truncatedNormal(Param p, Rng rng, double scale) {
        if (p.isFloat64()) { // the same draws, kept in float64 (Haiku draws a float64 parameter in float64)
            double[] d = p.values64();
            for (int i = 0; i < d.length; i++) {
                d[i] = scale * rng.nextTruncatedGaussian();
            }
            p.narrow();
            return;
        }
        float[] d = p.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (scale * rng.nextTruncatedGaussian());
        }
    }

    /**
     * Variance scaling, fan-in mode, truncated normal (Haiku's VarianceScaling): the truncated draw is rescaled so
     * that the entries' standard deviation is sqrt(scale / fanIn).
     */
    public static void varianceScaling(Param p, Rng rng, double scale, int fanIn) {
        truncatedNormal(p, rng, Math.sqrt(scale / fanIn) / TRUNCATED_STD);
    }

    /** PyTorch's default for nn.Linear: uniform in ±1/sqrt(fanIn). */
    public static void uniformFanIn(Param p, Rng rng, int fanIn) {
        float32Only(p);
        double bound = 1 / Math.sqrt(fanIn);
        float[] d = p.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) ((2 * rng.nextDouble() - 1) * bound);
        }
    }

    private static void float32Only(Param p) {
        if (p.isFloat64()) {
            throw new IllegalArgumentException("this initialiser has no float64 form (" + p + ")");
        }
    }
}
