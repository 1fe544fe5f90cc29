package org.groklab.kinds.ctrnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.groklab.data.Batch;
import org.groklab.kind.Kinds;
import org.groklab.math.Kernels;
import org.groklab.model.Param;
import org.groklab.run.MetricsTable;
import org.groklab.run.Runner;
import org.groklab.run.Summary;
import org.groklab.spec.SpecLoader;
import org.groklab.train.Progress;
import org.groklab.train.Setup;
import org.groklab.train.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recurrent networks as a kind of the engine: spec, split.json, the engine's loss and step, a short run. */
class CtrnnKindTest {
    static final List<String> SMALL = List.of("model.neurons=16", "task.input_dim=8", "train.steps=60",
            "eval.every=10", "checkpoints.resume_every=0");

    @Test
    void theEnginesLossAndStepGiveMurraysGradientsOfEq7() {
        Setup setup = Kinds.setup(SpecLoader.load("murray-tau100", null, SMALL).spec(), Kernels.vector());
        CtrnnModel model = (CtrnnModel) setup.model();
        Batch batch = setup.split().trainBatch().select(new int[] {0, 3, 5, 8, 13, 21});
        // the engine: MSE over the scored steps (reduction elements) plus the model's rate penalty
        Trainer.Pass pass = new Trainer.Step(setup).gradients(batch, 7);
        float[][] engine = model.params().stream().map(p -> p.grad().clone()).toArray(float[][]::new);
        // Murray's Eq. 7 as the recurrent package computes it (checked there against float64 finite differences)
        model.prepare(7, true);
        float[] z = model.forward(batch);
        CtrnnLoss eq7 = CtrnnLoss.of(model.net().config());
        float[] labels = new float[batch.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = ((org.groklab.data.Targets.Values) batch.targets()).values()[i * z.length / batch.size()];
        }
        float[] dz = new float[z.length];
        CtrnnLoss.Value v = eq7.evaluate(z, labels, batch.size(), z.length / batch.size(),
                model.net().sumSquaredRates(), dz);
        model.net().backward(dz, eq7.rateWeight(batch.size(), z.length / batch.size()));
        assertEquals(v.total(), pass.loss(), 1e-6 * v.total(), "loss");
        List<Param> params = model.params();
        for (int i = 0; i < params.size(); i++) {
            float[] g = params.get(i).grad();
            for (int j = 0; j < g.length; j++) {
                assertEquals(g[j], engine[i][j], 1e-6f * (1 + Math.abs(g[j])), params.get(i).name() + "[" + j + "]");
            }
        }
    }

    @Test
    void accuracyCountsATrialOnlyBeyondTheMarginSoThatAtTheStartNothingIsRight() {
        Setup setup = Kinds.setup(SpecLoader.load("murray-tau100", null, SMALL).spec(), Kernels.vector());
        assertEquals(org.groklab.data.Scoring.meanSign(0.5), setup.scoring(), "the author's |z| > 0.5");
        // at initialisation the outputs are small: with the margin no trial is right, by sign alone about half
        CtrnnModel model = (CtrnnModel) setup.model();
        Batch batch = setup.split().trainBatch();
        model.prepare(0, false);
        float[] z = model.forward(batch);
        assertEquals(0.0, setup.scoring().accuracy(z, batch.targets(), batch.size(), 1));
        double bySign = org.groklab.data.Scoring.meanSign(0).accuracy(z, batch.targets(), batch.size(), 1);
        assertTrue(bySign > 0.2 && bySign < 0.8, "by sign alone: " + bySign);
        Setup signOnly = Kinds.setup(SpecLoader.load("murray-tau100", null,
                java.util.stream.Stream.concat(SMALL.stream(), java.util.stream.Stream.of("model.accuracy_margin=0"))
                        .toList()).spec(), Kernels.vector());
        assertEquals(org.groklab.data.Scoring.meanSign(0), signOnly.scoring());
    }

    @Test
    void aShortRunWritesARegenerableSplitAndKeepsItsBytesOnBothKernels(@TempDir Path tmp) throws Exception {
        Summary s = Runner.train(SpecLoader.load("murray-tau100", null, SMALL), tmp.resolve("v"), Progress.NONE,
                Kernels.vector());
        Runner.train(SpecLoader.load("murray-tau100", null, SMALL), tmp.resolve("p"), Progress.NONE, Kernels.plain());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("v/metrics.csv")), Files.readAllBytes(tmp.resolve("p/metrics.csv")));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("v/checkpoints/step-60.safetensors")),
                Files.readAllBytes(tmp.resolve("p/checkpoints/step-60.safetensors")));
        assertEquals(60, s.stepsDone());
        MetricsTable m = MetricsTable.read(tmp.resolve("v"));
        assertEquals(7, m.rows(), "steps 0, 10, ..., 60");
        // split.json regenerates every trial
        SetSplit split = SpecLoader.JSON.readValue(tmp.resolve("v/split.json").toFile(), SetSplit.class);
        SetTask again = SetTask.fromSplit(split);
        SetTask direct = CtrnnKind.task(SpecLoader.load("murray-tau100", null, SMALL).spec());
        int[] ids = direct.trainIds();
        float[] a = new float[ids.length * direct.steps() * direct.inputDim()];
        float[] b = a.clone();
        direct.inputs(ids, 0, ids.length, a);
        again.inputs(again.trainIds(), 0, ids.length, b);
        assertArrayEquals(a, b, "the inputs of every training trial");
    }

    @Test
    void badSettingsAreOneLineErrorsNamingTheField() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.groklab.spec.SpecException.class,
                () -> SpecLoader.load("murray-tau100", null, List.of("task.hold_out=valid", "task.held_out=9")));
        assertEquals("task.held_out: an integer in [0, 8] (the valid condition has 9 relations, at least one must "
                + "stay in training), got 9", e.getMessage());
        var loss = org.junit.jupiter.api.Assertions.assertThrows(org.groklab.spec.SpecException.class,
                () -> SpecLoader.load("murray-tau100", null, List.of("loss.type=hinge")));
        assertTrue(loss.getMessage().startsWith("loss:"), loss.getMessage());
    }
}
