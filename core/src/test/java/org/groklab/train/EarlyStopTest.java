package org.groklab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.groklab.run.MetricsTable;
import org.groklab.run.Runner;
import org.groklab.run.Summary;
import org.groklab.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train.stop_after_generalized ends a run once its outcome is decided, and says so in its summary. */
class EarlyStopTest {
    @Test
    void aRunStopsAfterTestAccuracyHeldForTheGivenEvaluations(@TempDir Path tmp) {
        List<String> sets = List.of("eval.every=25", "eval.per_decade=0", "train.stop_after_generalized=3");
        Summary s = Runner.train(SpecLoader.load("quick-modadd", null, sets), tmp.resolve("r"), Progress.NONE);
        assertEquals("grok", s.outcome());
        long gen = s.generalizationStep();
        assertTrue(s.stepsDone() < 3000, "stopped early at " + s.stepsDone());
        MetricsTable m = MetricsTable.read(tmp.resolve("r"));
        double[] steps = m.get("step");
        double[] test = m.get("test_acc");
        int n = m.rows();
        assertEquals(s.stepsDone(), (long) steps[n - 1], "the last row is the stopping step");
        for (int i = n - 3; i < n; i++) {
            assertTrue(test[i] >= 0.95, "held at step " + steps[i]);
        }
        assertTrue(steps[n - 1] >= gen + 50, "three evaluations from generalization at " + gen);
        assertTrue(tmp.resolve("r/checkpoints/step-" + s.stepsDone() + ".safetensors").toFile().isFile(),
                "a checkpoint at the stopping step");
    }
}
