package org.groklab.measure;

/**
 * The Wilson score interval for a binomial proportion: k successes in n trials. Unlike the normal approximation it
 * stays inside [0, 1] and is useful for the small n of a sweep cell (0 of 10 gives [0, 0.28], not [0, 0]).
 */
public final class Wilson {
    /** z for a two-sided 95% interval. */
    public static final double Z95 = 1.96;

    private Wilson() {
    }

    /** An interval [lower, upper]. */
    public record Interval(double lower, double upper) {
    }

    /** The 95% interval (z = 1.96). */
    public static Interval interval(long k, long n) {
        return interval(k, n, Z95);
    }

    /**
     * The Wilson score interval {@code (p + z²/2n ± z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n)} with p = k/n. With no
     * trials the proportion is unknown: [0, 1].
     */
    public static Interval interval(long k, long n, double z) {
        if (n < 0 || k < 0 || k > n) {
            throw new IllegalArgumentException("need 0 <= k <= n, got k=" + k + ", n=" + n);
        }
        if (!(z > 0) || !Double.isFinite(z)) {
            throw new IllegalArgumentException("z must be a positive number, got " + z);
        }
        if (n == 0) {
            return new Interval(0, 1);
        }
        double p = (double) k / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        double lower = k == 0 ? 0 : Math.max(0, centre - half);
        double upper = k == n ? 1 : Math.min(1, centre + half);
        return new Interval(lower, upper);
    }
}
