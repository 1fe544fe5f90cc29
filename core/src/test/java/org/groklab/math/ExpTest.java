package org.groklab.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ExpTest {

    @Test
    void matchesStrictMathWithinOneEMinus15AcrossTheRange() {
        Rng rng = new Rng(7);
        double worst = 0;
        for (int i = 0; i < 200_000; i++) {
            double x = -745 + 1454 * rng.nextDouble();
            double want = StrictMath.exp(x);
            double got = Exp.exp(x);
            if (want > Double.MIN_NORMAL) {
                worst = Math.max(worst, Math.abs(got - want) / want);
            }
        }
        assertTrue(worst < 1e-15, "worst relative error " + worst);
    }

    @Test
    void handlesSpecialValues() {
        assertEquals(1.0, Exp.exp(0.0));
        assertEquals(0.0, Exp.exp(-1000));
        assertEquals(0.0, Exp.exp(Double.NEGATIVE_INFINITY));
        assertEquals(Double.POSITIVE_INFINITY, Exp.exp(710));
        assertTrue(Double.isNaN(Exp.exp(Double.NaN)));
        assertEquals(Math.E, Exp.exp(1.0), 1e-15);
    }
}
