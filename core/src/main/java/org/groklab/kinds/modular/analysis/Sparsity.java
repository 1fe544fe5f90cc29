package org.groklab.kinds.modular.analysis;

import java.util.Arrays;

/** How concentrated a list of non-negative magnitudes is (here: the Fourier norms of a weight matrix). */
public final class Sparsity {
    private Sparsity() {
    }

    /**
     * The Gini coefficient: with the values sorted ascending, (2 sum_i i x_i) / (n sum_i x_i) - (n + 1) / n. 0 when
     * all values are equal, (n - 1) / n when one value holds everything; 0 for an all-zero list.
     */
    public static double gini(double[] values) {
        int n = values.length;
        double[] x = values.clone();
        Arrays.sort(x);
        double total = 0;
        double weighted = 0;
        for (int i = 0; i < n; i++) {
            if (x[i] < 0 || !Double.isFinite(x[i])) {
                throw new IllegalArgumentException("Gini needs finite non-negative values, got " + x[i]);
            }
            total += x[i];
            weighted += (i + 1) * x[i];
        }
        return total == 0 ? 0 : 2 * weighted / (n * total) - (n + 1.0) / n;
    }

    /**
     * The inverse participation ratio of norms: sum_i x_i^4 / (sum_i x_i^2)^2, i.e. the sum of the squared power
     * shares. 1 when one value holds everything, 1/n when all are equal; its inverse is the effective number of
     * values in use. 0 for an all-zero list.
     */
    public static double ipr(double[] norms) {
        double s2 = 0;
        double s4 = 0;
        for (double v : norms) {
            double q = v * v;
            s2 += q;
            s4 += q * q;
        }
        return s2 == 0 ? 0 : s4 / (s2 * s2);
    }
}
