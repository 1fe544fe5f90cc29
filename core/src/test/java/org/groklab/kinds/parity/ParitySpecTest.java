package org.groklab.kinds.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.groklab.spec.SpecException;
import org.groklab.spec.SpecLoader;
import org.groklab.spec.Presets;
import org.groklab.sweep.SweepPlan;
import org.groklab.sweep.SweepSpecs;
import org.junit.jupiter.api.Test;

class ParitySpecTest {

    private static SpecException rejected(String... sets) {
        return assertThrows(SpecException.class, () -> SpecLoader.load("quick-parity", null, List.of(sets)));
    }

    @Test
    void badParitySettingsNameTheirField() {
        assertEquals("task.k", rejected("task.k=51").field());
        assertEquals("task.bits", rejected("task.bits=ternary").field());
        assertEquals("task.test_size", rejected("task.test_size=0").field(), "all unseen needs n <= 16");
        assertEquals("model.type", rejected("model.type=gromov-mlp").field(), "parity needs parity-mlp");
        assertEquals("loss.type", rejected("loss.type=mse").field());
        assertEquals("optimizer.decay_switch_at", rejected("optimizer.decay_switch_at=sometimes").field());
        assertEquals("snapshots.every", rejected("snapshots.every=-1").field());
        SpecException modular = assertThrows(SpecException.class, () -> SpecLoader.load("quick-modadd", null,
                List.of("snapshots.every=10")));
        assertEquals("snapshots", modular.field(), "snapshots are for parity runs");
        SpecLoader.load("quick-parity", null, List.of("task.n=10", "task.test_size=0", "task.train_size=100"));
    }

    @Test
    void aConfigWrittenBeforeTheParityKeysStillBinds() {
        ObjectNode tree = SpecLoader.defaults();
        ((ObjectNode) tree.get("optimizer")).remove(List.of("decay_switch_at", "decay_switch_to"));
        ((ObjectNode) tree.get("task")).remove(List.of("n", "k", "train_size", "test_size", "test_seed", "bits"));
        ((ObjectNode) tree.get("model")).remove(List.of("hidden_bias", "input_one"));
        tree.remove("snapshots");
        var loaded = SpecLoader.bind(tree);
        assertEquals("modular", loaded.spec().task().type());
    }

    @Test
    void everyParityPresetAndSweepPresetLoads() {
        for (String name : Presets.names()) {
            var spec = SpecLoader.load(name, null, List.of()).spec();
            if (spec.task().type().equals("parity")) {
                assertTrue(spec.source().length() > 10, name + " cites its source");
            }
        }
        for (String name : SweepSpecs.presetNames()) {
            SweepPlan plan = SweepPlan.ofPreset(name);
            assertTrue(plan.runs().size() >= 1, name + " has runs");
        }
    }
}
