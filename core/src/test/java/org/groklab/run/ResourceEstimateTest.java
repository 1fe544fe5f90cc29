package org.groklab.run;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.groklab.spec.SpecException;
import org.junit.jupiter.api.Test;

class ResourceEstimateTest {
    @Test
    void parameterCountsMatchTheModelsShapes() {
        // gromov-quadratic at p = 97, M = 500: W1 500 x 194, W2 97 x 500
        assertEquals(500 * 194 + 97 * 500, ResourceEstimate.gromovParams(97, 500, 1));
        assertEquals(500 * 194 + 500 * 500 + 97 * 500, ResourceEstimate.gromovParams(97, 500, 2));
        // PAIR: p 67, d 500, 24 neurons, tied: E 67 x 500, H 500 x 24, O 24 x 500
        assertEquals(67 * 500 + 500 * 24 + 24 * 500, ResourceEstimate.pairParams(67, 500, 24, true, false, false));
        // PAIR's collapsed model: 3,216 parameters (W_in 67 x 24, W_out 24 x 67)
        assertEquals(3216, ResourceEstimate.pairParams(67, 500, 24, true, true, true));
        assertEquals(30 * 1000 + 2000, ResourceEstimate.parityParams(30, 1000));
    }

    @Test
    void sizesThatOverflowSaturateInsteadOfWrapping() {
        long width = 10_000_000;
        long params = ResourceEstimate.pairParams(67, 100_000_000, width, true, false, false);
        assertTrue(params > 0, "no wrap-around: " + params);
        long bytes = ResourceEstimate.bytes(params, 2, ResourceEstimate.modularExamples(2_147_483_648L), 3,
                Long.MAX_VALUE, width);
        assertEquals(Long.MAX_VALUE, bytes);
        SpecException e = assertThrows(SpecException.class,
                () -> ResourceEstimate.check(bytes, 2L << 30, false, "model.d_embed"));
        assertTrue(e.getMessage().startsWith("model.d_embed: the run needs about more than 9.2 EB"), e.getMessage());
        assertDoesNotThrow(() -> ResourceEstimate.check(bytes, 2L << 30, true, "model.d_embed"));
    }

    @Test
    void theShippedPresetsFitEasily() {
        long pair = ResourceEstimate.bytes(ResourceEstimate.pairParams(67, 500, 24, true, false, false), 2,
                ResourceEstimate.modularExamples(67), 3, 67 * 67, 4 * 24 + 2 * 500 + 2 * 67);
        assertTrue(pair < 50_000_000, ResourceEstimate.human(pair)); // about 23 MB
        assertDoesNotThrow(() -> ResourceEstimate.check(pair, 256L << 20, false, "model"));
        assertEquals("1.5 GB", ResourceEstimate.human(1_500_000_000L));
    }

    @Test
    void aSweepOfTwoBillionRunsIsRefusedWithItsCount() {
        SpecException e = assertThrows(SpecException.class,
                () -> ResourceEstimate.checkRuns(2_000_000_000L, 100_000, false));
        assertTrue(e.getMessage().contains("2000000000 runs"), e.getMessage());
    }
}
