package org.groklab.kinds.ctrnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.groklab.math.Kernels;
import org.junit.jupiter.api.Test;

class CtrnnTrainingTest {
    private static final SetTaskConfig TASK = SetTaskConfig.MURRAY.withInputDim(20);
    private static final CtrnnConfig MODEL = CtrnnConfig.MURRAY_100MS.withNeurons(32).withInputDim(20);

    @Test
    void aSmallTau100NetworkLearnsTheTaskFarAboveChance() {
        // Murray's settings (AdamW lr 1e-3, wd 1e-4, batches of 256, noise 0.1) on a smaller network and input
        SetTask task = SetTask.generate(TASK, 1);
        CtrnnTraining training = new CtrnnTraining(task, MODEL, TrainingConfig.MURRAY.withEpochs(70),
                Kernels.vector(), 1);
        List<EpochMetrics> m = training.run(null);
        assertEquals(70, m.size());
        EpochMetrics first = m.get(0);
        EpochMetrics last = m.get(m.size() - 1);
        assertTrue(first.validationAccuracy() < 0.7, "starts near chance: " + first);
        assertTrue(last.trainAccuracy() > 0.95 && last.validationAccuracy() > 0.95, "learned: " + last);
        assertTrue(last.trainLoss() < 0.2 * first.trainLoss(), first.trainLoss() + " -> " + last.trainLoss());
    }

    @Test
    void trainingIsDeterministicAndStopsWhenAsked() {
        SetTask task = SetTask.generate(TASK.withHeldOut(HoldOut.BOTH, 3), 2);
        TrainingConfig cfg = TrainingConfig.MURRAY.withEpochs(5);
        CtrnnTraining a = new CtrnnTraining(task, MODEL, cfg, Kernels.vector(), 4);
        CtrnnTraining b = new CtrnnTraining(task, MODEL, cfg, Kernels.plain(), 4);
        List<EpochMetrics> ma = a.run(e -> e.epoch() == 2);
        List<EpochMetrics> mb = b.run(e -> e.epoch() == 2);
        assertEquals(3, ma.size(), "stopped after epoch 2");
        assertEquals(ma, mb, "vector and plain kernels, same seed: same metrics");
        for (int p = 0; p < 5; p++) {
            assertArrayEquals(a.model().params().get(p).data(), b.model().params().get(p).data());
        }
        CtrnnTraining c = new CtrnnTraining(task, MODEL, cfg, Kernels.vector(), 5);
        assertTrue(!c.run(e -> e.epoch() == 2).equals(ma), "another seed, other numbers");
    }

    @Test
    void aResumedRunEndsWithTheBytesOfAnUninterruptedOne() {
        SetTask task = SetTask.generate(TASK, 6);
        TrainingConfig cfg = TrainingConfig.MURRAY.withEpochs(4);
        CtrnnTraining straight = new CtrnnTraining(task, MODEL, cfg, Kernels.vector(), 7);
        List<EpochMetrics> all = straight.run(null);
        CtrnnTraining first = new CtrnnTraining(task, MODEL, cfg, Kernels.vector(), 7);
        first.run(e -> e.epoch() == 1);
        CtrnnTraining resumed = new CtrnnTraining(task, MODEL, cfg, Kernels.vector(), 7);
        for (int p = 0; p < 5; p++) {
            float[] saved = first.model().params().get(p).data();
            System.arraycopy(saved, 0, resumed.model().params().get(p).data(), 0, saved.length);
        }
        resumed.optimizer().restore(first.optimizer().state(), first.optimizer().updates());
        resumed.resumeAfter(2);
        List<EpochMetrics> rest = resumed.run(null);
        assertEquals(all.subList(2, 4), rest);
        for (int p = 0; p < 5; p++) {
            assertArrayEquals(straight.model().params().get(p).data(), resumed.model().params().get(p).data());
        }
    }
}
