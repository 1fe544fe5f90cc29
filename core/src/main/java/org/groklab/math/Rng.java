package org.groklab.math;

import java.nio.charset.StandardCharsets;

/**
 * A small, fully specified pseudo-random generator (SplitMix64) so that every number a run draws is the same on
 * every JVM and machine. Each purpose (init, split, batches, noise, ...) gets its own stream, derived from the run
 * seed and the purpose's name, so that changing how one stream is used never shifts another.
 */
public final class Rng {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private long state;
    private double spareGaussian;
    private boolean hasSpare;

    public Rng(long seed) {
        this.state = seed;
    }

    /** The stream for {@code purpose} of the run seeded with {@code seed}. */
    public static Rng stream(long seed, String purpose) {
        long h = mix(seed ^ 0x6A09E667F3BCC908L);
        for (byte c : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ (c & 0xFF));
        }
        return new Rng(h);
    }

    /** The stream for {@code purpose} and an index (an epoch, a layer...). */
    public static Rng stream(long seed, String purpose, long index) {
        return new Rng(mix(stream(seed, purpose).state ^ mix(index + GOLDEN)));
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform integer in [0, bound), without modulo bias. */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long limit = (Long.MAX_VALUE / bound) * bound;
        long r;
        do {
            r = nextLong() >>> 1;
        } while (r >= limit);
        return (int) (r % bound);
    }

    /** Standard normal by the polar method; StrictMath keeps it identical on every machine. */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u, v, s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * f;
        hasSpare = true;
        return u * f;
    }

    /** Standard normal truncated to [-2, 2] (resampled outside), as in JAX and PyTorch's trunc_normal_. */
    public double nextTruncatedGaussian() {
        double g;
        do {
            g = nextGaussian();
        } while (g < -2 || g > 2);
        return g;
    }

    /** A seeded Fisher-Yates permutation of 0..n-1. */
    public int[] permutation(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
