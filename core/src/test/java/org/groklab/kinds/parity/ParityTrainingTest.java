package org.groklab.kinds.parity;

import org.groklab.kind.Kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.groklab.spec.SpecLoader;
import org.groklab.train.Events;
import org.groklab.train.Metrics;
import org.groklab.train.Outcome;
import org.groklab.train.Progress;
import org.groklab.train.RecordingSink;
import org.groklab.train.Setup;
import org.groklab.train.Trainer;
import org.junit.jupiter.api.Test;

class ParityTrainingTest {

    private static Events events(Setup s) {
        var e = s.spec().eval();
        return new Events(e.memorizeAt(), e.generalizeAt(), e.grokTestAcc());
    }

    @Test
    void theQuickParityPresetGroks() {
        Setup setup = Kinds.setup(SpecLoader.load("quick-parity", null, List.of()).spec());
        Events events = events(setup);
        RecordingSink r = new RecordingSink();
        Trainer.Result result = Trainer.run(setup, -1, events, r, Progress.NONE);
        assertEquals(Outcome.GROK, events.outcome(), "memorized at step " + events.memorized() + ", generalized at "
                + events.generalized() + ", test accuracy at memorization " + events.testAccAtMemorization());
        assertTrue(events.generalized() >= 3 * events.memorized(), "generalization (step " + events.generalized()
                + ") well after memorization (step " + events.memorized() + ")");
        assertEquals(1.0, result.last().testAcc(), "final test accuracy");
        // every epoch evaluated; the extra columns: epoch, spectral and Frobenius norms, weight mass
        assertEquals(151, r.rows.size(), "epochs 0..150");
        assertEquals(ParityMeasures.NAMES.size(), r.rows.get(0).extra().length, "extra metrics");
        Metrics last = result.last();
        assertEquals(150.0, last.extra()[0], "epoch column of the last row");
        assertEquals(last.l2()[0], last.extra()[3], 1e-9, "fro_W1 = l2_W1");
        assertTrue(last.extra()[1] <= last.extra()[3] + 1e-9, "spectral <= Frobenius");
        assertTrue(last.extra()[7] > 0.1, "the relevant bits hold a growing share of |W1|: " + last.extra()[7]
                + " (2/50 at a uniform start)");
        assertEquals(List.of(0L, 100L, 200L, 300L, 400L, 500L, 600L, 700L, 800L, 900L, 1000L, 1100L, 1200L, 1300L,
                1400L, 1500L), r.snapshots, "snapshots every 10 epochs");
    }

    @Test
    void weightDecaySwitchesAfterMemorization() {
        List<String> base = List.of("train.steps=400");
        Setup plain = Kinds.setup(SpecLoader.load("quick-parity", null, base).spec());
        Events e1 = events(plain);
        Trainer.run(plain, -1, e1, new RecordingSink(), Progress.NONE);
        List<String> sets = new ArrayList<>(base);
        sets.add("optimizer.decay_switch_at=memorization");
        sets.add("optimizer.decay_switch_to=0.5");
        Setup switched = Kinds.setup(SpecLoader.load("quick-parity", null, sets).spec());
        Events e2 = events(switched);
        RecordingSink r2 = new RecordingSink();
        Trainer.run(switched, -1, e2, r2, Progress.NONE);
        assertEquals(e1.memorized(), e2.memorized(), "identical until memorization");
        float[] a = ((ParityMlp) plain.model()).w1().data();
        float[] b = ((ParityMlp) switched.model()).w1().data();
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        assertTrue(nb < 0.5 * na, "decay 0.5 after memorization shrinks W1: |W1|² " + nb + " vs " + na);
        Metrics atMem = r2.rows.stream().filter(m -> m.step() == e2.memorized()).findFirst().orElseThrow();
        Metrics beforeMem = plainRow(plain, e1.memorized());
        assertEquals(beforeMem.csv(), atMem.csv(), "the row of the memorization step is unchanged");
    }

    private static Metrics plainRow(Setup unused, long step) {
        Setup s = Kinds.setup(SpecLoader.load("quick-parity", null, List.of("train.steps=400")).spec());
        RecordingSink r = new RecordingSink();
        Trainer.run(s, -1, events(s), r, Progress.NONE);
        return r.rows.stream().filter(m -> m.step() == step).findFirst().orElseThrow();
    }

    @Test
    void resumedRunWithADecaySwitchEndsWithTheSameBytes(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        List<String> sets = List.of("train.steps=400", "optimizer.decay_switch_at=memorization",
                "optimizer.decay_switch_to=0.2", "checkpoints.resume_every=300", "snapshots.every=0",
                "snapshots.steps=[250]");
        Path whole = tmp.resolve("whole");
        org.groklab.run.Runner.train(SpecLoader.load("quick-parity", null, sets), whole, Progress.NONE);
        // an interrupted copy: drop everything after the step-300 resume checkpoint's step
        Path cut = tmp.resolve("cut");
        org.groklab.run.Runner.train(SpecLoader.load("quick-parity", null, sets), cut, Progress.NONE);
        Files.delete(cut.resolve("summary.json"));
        try (var files = Files.list(cut.resolve("checkpoints"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String n = f.getFileName().toString();
                long step = Long.parseLong(n.substring(5, n.length() - ".safetensors".length()));
                if (step > 200) {
                    Files.delete(f);
                }
            }
        }
        org.groklab.run.Runner.resume(cut, Progress.NONE);
        assertEquals(Files.readString(whole.resolve("metrics.csv")), Files.readString(cut.resolve("metrics.csv")),
                "metrics.csv of the resumed run");
        assertTrue(Files.isRegularFile(cut.resolve("snapshots/step-250.safetensors")), "snapshot at step 250");
        Snapshots.Snapshot s = Snapshots.read(cut.resolve("snapshots/step-250.safetensors"));
        assertEquals(25.0, s.epoch(), "epoch of step 250");
        assertEquals(300 * 64, s.hidden().length, "hidden activations [N x width]");
        assertEquals(64, s.outputWeights().length, "output weights");
    }
}
