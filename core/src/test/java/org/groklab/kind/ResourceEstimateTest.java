package org.groklab.kind;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.groklab.kinds.modular.model.ModularMemory;
import org.groklab.spec.Presets;
import org.groklab.spec.SpecException;
import org.groklab.spec.SpecLoader;
import org.groklab.sweep.SweepPlan;
import org.groklab.sweep.SweepSpecs;
import org.junit.jupiter.api.Test;

class ResourceEstimateTest {
    /** What the test JVM may plan to use: 60% of the 2 GB -Xmx the build gives it. */
    private static final long TEST_HEAP = 2L << 30;

    @Test
    void parameterCountsMatchTheModelsShapes() {
        // gromov-quadratic at p = 97, M = 500: W1 500 x 194, W2 97 x 500
        assertEquals(500 * 194 + 97 * 500, ModularMemory.gromovParams(97, 500, 1));
        assertEquals(500 * 194 + 500 * 500 + 97 * 500, ModularMemory.gromovParams(97, 500, 2));
        // PAIR: p 67, d 500, 24 neurons, tied: E 67 x 500, H 500 x 24, O 24 x 500
        assertEquals(67 * 500 + 500 * 24 + 24 * 500, ModularMemory.pairParams(67, 500, 24, true, false, false));
        // PAIR's collapsed model: 3,216 parameters (W_in 67 x 24, W_out 24 x 67)
        assertEquals(3216, ModularMemory.pairParams(67, 500, 24, false, true, true));
        // the counts agree with the models the kind builds
        for (String preset : List.of("pair-modadd", "pair-collapsed", "gromov-quadratic", "quick-modadd")) {
            var spec = SpecLoader.load(preset, null, List.of()).spec();
            long built = Kinds.setup(spec).model().params().stream().mapToLong(p -> p.data().length).sum();
            var m = spec.model();
            long counted = m instanceof org.groklab.kinds.modular.model.PairMlpSpec s
                    ? ModularMemory.pairParams(67, s.dEmbed(), s.width(), s.tiedEmbedding(), s.collapsedHidden(),
                    s.collapsedOutput())
                    : ModularMemory.gromovParams(org.groklab.kinds.modular.task.ModularTaskSpec.of(spec).p(),
                    ((org.groklab.kinds.modular.model.GromovMlpSpec) m).width(),
                    ((org.groklab.kinds.modular.model.GromovMlpSpec) m).layers());
            assertEquals(built, counted, preset);
        }
    }

    @Test
    void sizesThatOverflowSaturateInsteadOfWrapping() {
        long params = ModularMemory.pairParams(67, 100_000_000, 10_000_000, true, false, false);
        assertTrue(params > 0, "no wrap-around: " + params);
        ResourceEstimate e = ResourceEstimate.of("model.d_embed", params, 2, Long.MAX_VALUE, Long.MAX_VALUE, 3);
        assertEquals(Long.MAX_VALUE, e.bytes());
        SpecException x = assertThrows(SpecException.class, () -> e.check(TEST_HEAP, false));
        assertTrue(x.getMessage().startsWith("model.d_embed: the run needs about more than 9.2 EB"), x.getMessage());
        assertDoesNotThrow(() -> e.check(TEST_HEAP, true));
        ResourceEstimate four = e.timesWorkers(4);
        assertEquals(Long.MAX_VALUE, four.bytes());
        SpecException y = assertThrows(SpecException.class, () -> four.check(TEST_HEAP, false));
        assertTrue(y.getMessage().startsWith("model.d_embed, --workers: 4 runs at once need about"), y.getMessage());
    }

    @Test
    void aPairModelOfTenBillionWeightsIsRefusedNamingItsSizes() {
        var spec = SpecLoader.load("pair-modadd", null,
                List.of("model.d_embed=100000", "model.width=100000")).spec();
        ResourceEstimate e = Kinds.of(spec).memory(spec);
        assertTrue(e.bytes() > 100_000_000_000L, ResourceEstimate.human(e.bytes())); // H alone is 1e10 floats
        SpecException x = assertThrows(SpecException.class, () -> e.check(TEST_HEAP, false));
        assertTrue(x.getMessage().startsWith("task.p, model.d_embed, model.width: the run needs about "),
                x.getMessage());
        assertTrue(x.getMessage().contains("--force"), x.getMessage());
    }

    @Test
    void everyShippedPresetAndSweepFitsTheTestJvm() {
        for (String name : Presets.names()) {
            var spec = SpecLoader.load(name, null, List.of()).spec();
            long bytes = Kinds.of(spec).memory(spec).bytes();
            assertTrue(bytes < 0.6 * TEST_HEAP / 2, name + " needs " + ResourceEstimate.human(bytes));
        }
        // the one-machine sweeps (the -full ones sweep the same models over more seeds, and take minutes to plan)
        for (String name : SweepSpecs.presetNames().stream().filter(n -> !n.endsWith("-full")).toList()) {
            ResourceEstimate e = SweepPlan.ofPreset(name).memory(2);
            assertDoesNotThrow(() -> e.check(TEST_HEAP, false), name);
        }
    }

    @Test
    void humanSizes() {
        assertEquals("1.5 GB", ResourceEstimate.human(1_500_000_000L));
        assertEquals("12 B", ResourceEstimate.human(12));
        assertEquals("300.0 MB", ResourceEstimate.human(300_000_000L));
    }
}
