package org.groklab.kinds.ctrnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.groklab.math.Rng;
import org.junit.jupiter.api.Test;

/** The ziggurat's draws against the standard normal: moments, tails and the probability of 40 bins. */
class ZigguratNormalTest {
    private static final int DRAWS = 2_000_000;

    private static double density(double x) {
        return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    }

    /** P(lo <= X < hi) by Simpson's rule on 200 panels. */
    private static double probability(double lo, double hi) {
        int m = 200;
        double h = (hi - lo) / m;
        double s = density(lo) + density(hi);
        for (int i = 1; i < m; i++) {
            s += (i % 2 == 1 ? 4 : 2) * density(lo + i * h);
        }
        return s * h / 3;
    }

    @Test
    void drawsHaveTheMomentsBinProbabilitiesAndTailsOfTheStandardNormal() {
        Rng rng = new Rng(2024);
        double[] moments = new double[7];
        int bins = 40;
        double lo = -4;
        double width = 0.2;
        long[] counts = new long[bins];
        long beyondR = 0;
        for (int i = 0; i < DRAWS; i++) {
            double x = ZigguratNormal.next(rng);
            double p = 1;
            for (int k = 1; k <= 6; k++) {
                p *= x;
                moments[k] += p / DRAWS;
            }
            int b = (int) Math.floor((x - lo) / width);
            if (b >= 0 && b < bins) {
                counts[b]++;
            }
            if (Math.abs(x) > 3.442619855899) {
                beyondR++;
            }
        }
        assertEquals(0, moments[1], 0.003, "mean");
        assertEquals(1, moments[2], 0.004, "variance");
        assertEquals(0, moments[3], 0.01, "third moment");
        assertEquals(3, moments[4], 0.03, "fourth moment");
        assertEquals(15, moments[6], 0.5, "sixth moment");
        double chi = 0;
        for (int b = 0; b < bins; b++) {
            double e = DRAWS * probability(lo + b * width, lo + (b + 1) * width);
            chi += (counts[b] - e) * (counts[b] - e) / e;
        }
        // 40 bins: chi-square 99.9% quantile with 39 degrees of freedom is about 73
        assertTrue(chi < 73, "chi-square " + chi);
        double tail = 2 * probability(3.442619855899, 12);
        double seen = (double) beyondR / DRAWS;
        assertTrue(Math.abs(seen - tail) < 5 * Math.sqrt(tail / DRAWS), "tail beyond R: " + seen + " vs " + tail);
    }

    @Test
    void theSameStreamGivesTheSameDraws() {
        Rng a = new Rng(9);
        Rng b = new Rng(9);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(ZigguratNormal.next(a), ZigguratNormal.next(b));
        }
    }
}
