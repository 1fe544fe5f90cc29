package org.groklab.kinds.modular.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.groklab.spec.SpecException;
import org.groklab.spec.SpecLoader;
import org.junit.jupiter.api.Test;

/** {@code model.precision}: its default, its allowed values and the settings it cannot go with, as one-line errors. */
class PrecisionSpecTest {

    private static SpecException bad(String... sets) {
        return assertThrows(SpecException.class, () -> SpecLoader.load("pair-modadd", null, List.of(sets)));
    }

    @Test
    void defaultIsFloat32() {
        PairMlpSpec m = (PairMlpSpec) SpecLoader.load("pair-collapsed", null, List.of()).spec().model();
        assertEquals(PairMlpSpec.Precision.FLOAT32, m.precision());
    }

    @Test
    void anUnknownPrecisionListsTheAllowedOnes() {
        SpecException e = bad("model.precision=float16");
        assertEquals("model.precision", e.field(), e.getMessage());
        for (String allowed : new String[] {"float32", "float64", "pair"}) {
            assertTrue(e.getMessage().contains(allowed), e.getMessage());
        }
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void float64NeedsAnUncollapsedModelCrossEntropyAndAdam() {
        assertEquals("model.precision", bad("model.precision=pair", "model.collapsed_output=true").field());
        assertEquals("loss.type", bad("model.precision=float64", "loss.type=mse").field());
        SpecException sgd = bad("model.precision=pair", "optimizer.type=sgd", "optimizer.betas=null",
                "optimizer.eps=null");
        assertTrue(sgd.getMessage().startsWith("optimizer"), sgd.getMessage());
    }
}
