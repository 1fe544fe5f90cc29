package org.groklab.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** groklab's float tanh against StrictMath.tanh rounded to float, and its special values. */
class TanhTest {

    private static double ulpsOff(float got, double want) {
        float w = (float) want;
        return Math.abs(got - want) / Math.ulp(w);
    }

    @Test
    void withinTwoUlpOfStrictMathOnADenseGrid() {
        double worst = 0;
        float worstAt = 0;
        for (float x = -12f; x <= 12f; x += 1.7e-4f) {
            double u = ulpsOff(Tanh.tanh(x), StrictMath.tanh(x));
            if (u > worst) {
                worst = u;
                worstAt = x;
            }
        }
        for (float x = 1e-30f; x < 1f; x *= 1.01f) {
            worst = Math.max(worst, ulpsOff(Tanh.tanh(x), StrictMath.tanh(x)));
            worst = Math.max(worst, ulpsOff(Tanh.tanh(-x), StrictMath.tanh(-x)));
        }
        assertTrue(worst <= 2, "worst error " + worst + " ulp at x=" + worstAt);
    }

    @Test
    void specialValues() {
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(Tanh.tanh(0f)));
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(Tanh.tanh(-0f)));
        assertEquals(1f, Tanh.tanh(Float.POSITIVE_INFINITY));
        assertEquals(-1f, Tanh.tanh(Float.NEGATIVE_INFINITY));
        assertEquals(1f, Tanh.tanh(Float.MAX_VALUE));
        assertEquals(Float.MIN_VALUE, Tanh.tanh(Float.MIN_VALUE));
        assertTrue(Float.isNaN(Tanh.tanh(Float.NaN)));
        for (float x = -30f; x <= 30f; x += 0.01f) {
            assertEquals(Tanh.tanh(x), -Tanh.tanh(-x), "odd at " + x);
            assertTrue(Math.abs(Tanh.tanh(x)) <= 1f, "bounded at " + x);
        }
    }
}
