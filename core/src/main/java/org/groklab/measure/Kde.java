package org.groklab.measure;

/**
 * Gaussian kernel density estimate with Scott's bandwidth, as scipy's {@code gaussian_kde} and seaborn's
 * {@code kdeplot} (the thesis's Figure 2.3) compute it for one-dimensional data:
 * h = std(sample, ddof = 1) · n^(-1/5), density(x) = Σ_i φ((x − x_i) / h) / (n h), φ the standard normal density.
 * Written here because it is a dozen lines; no library needed.
 */
public record Kde(double[] sample, double bandwidth) {
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    /** The estimate of {@code sample} with Scott's rule (a sample of equal values gets bandwidth 1e-3 · (1 + |x|)). */
    public static Kde scott(double[] sample) {
        if (sample.length == 0) {
            throw new IllegalArgumentException("a density estimate needs at least one value");
        }
        double std = std(sample);
        double h = std * Math.pow(sample.length, -0.2);
        if (!(h > 0)) {
            h = 1e-3 * (1 + Math.abs(sample[0]));
        }
        return new Kde(sample.clone(), h);
    }

    /** Sample standard deviation (ddof = 1; 0 for a single value). */
    public static double std(double[] x) {
        if (x.length < 2) {
            return 0;
        }
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0;
        for (double v : x) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt(ss / (x.length - 1));
    }

    public double density(double x) {
        double s = 0;
        for (double xi : sample) {
            double z = (x - xi) / bandwidth;
            s += Math.exp(-0.5 * z * z);
        }
        return s * INV_SQRT_2PI / (sample.length * bandwidth);
    }

    /** {@code points} equally spaced x from min − cut·h to max + cut·h (seaborn: cut 3, 200 points). */
    public double[] grid(int points, double cut) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : sample) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        lo -= cut * bandwidth;
        hi += cut * bandwidth;
        double[] x = new double[points];
        for (int i = 0; i < points; i++) {
            x[i] = points == 1 ? (lo + hi) / 2 : lo + (hi - lo) * i / (points - 1);
        }
        return x;
    }

    public double[] density(double[] xs) {
        double[] y = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            y[i] = density(xs[i]);
        }
        return y;
    }
}
