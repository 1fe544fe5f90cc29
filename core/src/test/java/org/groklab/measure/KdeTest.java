package org.groklab.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.groklab.math.Rng;
import org.junit.jupiter.api.Test;

class KdeTest {

    @Test
    void twoPointSampleMatchesTheFormula() {
        // sample {-1, 1}: std (ddof 1) = sqrt(2), Scott: h = sqrt(2) * 2^(-1/5)
        Kde kde = Kde.scott(new double[] {-1, 1});
        double h = Math.sqrt(2) * Math.pow(2, -0.2);
        assertEquals(h, kde.bandwidth(), 1e-15, "Scott's bandwidth");
        for (double x : new double[] {-3, -1, 0, 0.4, 2.5}) {
            double want = (Math.exp(-0.5 * Math.pow((x + 1) / h, 2)) + Math.exp(-0.5 * Math.pow((x - 1) / h, 2)))
                    / (2 * h * Math.sqrt(2 * Math.PI));
            assertEquals(want, kde.density(x), 1e-15, "density at " + x);
        }
    }

    @Test
    void fourPointSampleMatchesScipysGaussianKdeDefinition() {
        // scipy.stats.gaussian_kde([0, 1, 2, 5]) in one dimension: h = std(ddof=1) * n^(-1/5), Gaussian kernels
        double[] s = {0, 1, 2, 5};
        double std = Math.sqrt((4 + 1 + 0 + 9) / 3.0); // mean 2
        double h = std * Math.pow(4, -0.2);
        double want = 0;
        for (double v : s) {
            want += Math.exp(-0.5 * Math.pow((1.5 - v) / h, 2));
        }
        want /= 4 * h * Math.sqrt(2 * Math.PI);
        Kde kde = Kde.scott(s);
        assertEquals(h, kde.bandwidth(), 1e-14, "bandwidth");
        assertEquals(want, kde.density(1.5), 1e-15, "density at 1.5");
    }

    @Test
    void largeNormalSampleApproachesTheNormalDensityAndIntegratesToOne() {
        Rng rng = new Rng(1);
        double[] s = new double[20000];
        for (int i = 0; i < s.length; i++) {
            s[i] = 2 + 0.5 * rng.nextGaussian();
        }
        Kde kde = Kde.scott(s);
        for (double x : new double[] {1.0, 1.5, 2.0, 2.5, 3.0}) {
            double normal = Math.exp(-0.5 * Math.pow((x - 2) / 0.5, 2)) / (0.5 * Math.sqrt(2 * Math.PI));
            assertEquals(normal, kde.density(x), 0.03, "density at " + x + " of N(2, 0.5²)");
        }
        double[] xs = kde.grid(400, 3);
        double[] ys = kde.density(xs);
        double integral = 0;
        for (int i = 1; i < xs.length; i++) {
            integral += (xs[i] - xs[i - 1]) * (ys[i] + ys[i - 1]) / 2;
        }
        assertEquals(1.0, integral, 1e-3, "∫ density over min - 3h .. max + 3h");
    }
}
