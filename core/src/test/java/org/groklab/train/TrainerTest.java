package org.groklab.train;

import org.groklab.kind.Kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.groklab.spec.SpecLoader;
import org.junit.jupiter.api.Test;

class TrainerTest {

    @Test
    void aHugeLearningRateEndsTheRunAsDivergedWithoutThrowing() {
        Setup setup = Kinds.setup(SpecLoader.load("quick-modadd", null,
                List.of("optimizer.lr=1000", "optimizer.type=sgd", "train.steps=500")).spec());
        RecordingSink r = new RecordingSink();
        Trainer.Result result = Trainer.run(setup, -1, new Events(0.99, 0.95, 0.5), r, Progress.NONE);
        assertTrue(result.divergedAt() >= 0 && result.divergedAt() < 500, "diverged at " + result.divergedAt());
        Metrics last = r.rows.get(r.rows.size() - 1);
        assertEquals(result.divergedAt(), last.step());
        assertTrue(!last.finite(), "the last row records the non-finite loss: " + last.csv());
    }

    @Test
    void metricsAndCheckpointsFollowTheirSchedulesAndTheEvents() {
        Setup setup = Kinds.setup(SpecLoader.load("quick-modadd", null,
                List.of("train.steps=600", "eval.every=100", "eval.per_decade=0", "checkpoints.per_decade=1"))
                .spec());
        RecordingSink r = new RecordingSink();
        Events events = new Events(0.99, 0.95, 0.5);
        Trainer.run(setup, -1, events, r, Progress.NONE);
        assertEquals(List.of(0L, 100L, 200L, 300L, 400L, 500L, 600L), r.rows.stream().map(Metrics::step).toList());
        assertTrue(r.checkpoints.containsAll(List.of(0L, 1L, 10L, 100L, 600L)), r.checkpoints.toString());
        assertTrue(events.memorized() > 0 && r.checkpoints.contains(events.memorized()),
                "a checkpoint at the memorization step " + events.memorized() + ": " + r.checkpoints);
    }

    @Test
    void progressHearsOfTheFirstStepOnceAfterItsUpdateAndAfterTheEvaluationOfStepZero() {
        Setup setup = Kinds.setup(SpecLoader.load("quick-modadd", null,
                List.of("train.steps=20", "eval.every=5", "eval.per_decade=0")).spec());
        List<String> heard = new java.util.ArrayList<>();
        Progress progress = new Progress() {
            @Override
            public void evaluated(Metrics m, long totalSteps, double seconds) {
                heard.add("evaluated " + m.step());
            }

            @Override
            public void firstStepDone() {
                heard.add("first step");
            }
        };
        Trainer.run(setup, -1, new Events(0.99, 0.95, 0.5), new RecordingSink(), progress);
        assertEquals(List.of("evaluated 0", "first step", "evaluated 5", "evaluated 10", "evaluated 15",
                "evaluated 20"), heard);
    }

    @Test
    void theQuickPresetGroksEndToEnd() {
        Setup setup = Kinds.setup(SpecLoader.load("quick-modadd", null, List.of()).spec());
        Events events = new Events(0.99, 0.95, 0.5);
        Trainer.Result result = Trainer.run(setup, -1, events, new RecordingSink(), Progress.NONE);
        assertEquals(Outcome.GROK, events.outcome(),
                "memorized at " + events.memorized() + ", generalized at " + events.generalized());
        assertTrue(result.last().testAcc() >= 0.95, "final test accuracy " + result.last().testAcc());
        assertTrue(events.delay() >= events.memorized(), "generalization comes well after memorization");
    }
}
