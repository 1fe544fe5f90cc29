package org.groklab.kinds.ctrnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FastTanhTest {
    @Test
    void staysWithinTwoPointSixTimesTenToTheMinusSevenOfTanhEverywhere() {
        double max = 0;
        float at = 0;
        for (float x = -12f; x <= 12f; x += 1e-4f) {
            double e = Math.abs(FastTanh.tanh(x) - Math.tanh(x));
            if (e > max) {
                max = e;
                at = x;
            }
        }
        assertTrue(max < 2.6e-7, "max error " + max + " at " + at);
    }

    @Test
    void isOddAndSaturates() {
        for (float x : new float[] {1e-30f, 1e-6f, 0.3f, 2f, 7f, 50f}) {
            assertEquals(-FastTanh.tanh(x), FastTanh.tanh(-x));
        }
        assertEquals(0f, FastTanh.tanh(0f));
        assertTrue(FastTanh.tanh(1e6f) > 0.9999997f && FastTanh.tanh(1e6f) <= 1f);
        assertTrue(Float.isNaN(FastTanh.tanh(Float.NaN)));
    }
}
