package org.groklab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.groklab.math.Rng;
import org.groklab.data.Batch;
import org.groklab.model.Model;
import org.groklab.model.Param;
import org.groklab.spec.SpecLoader;
import org.groklab.loss.Loss;
import org.groklab.train.Setup;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointRecomputeTest {

    @Test
    void theFinalCheckpointOnTheSavedSplitGivesTheSummaryAccuracy(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        Summary s = RunTestSupport.train(run, RunTestSupport.quick("train.steps=400"));
        RunDirectory dir = RunDirectory.open(run);
        // a model with other weights, then loaded from the plain safetensors file
        Model model = org.groklab.kinds.modular.model.ModularSetup.model(dir.spec().spec().model(), ((org.groklab.kinds.modular.task.ModularTaskSpec) dir.spec().spec().task()).p(), new Rng(99), org.groklab.math.Kernels.preferred());
        Safetensors.Loaded ckpt = Safetensors.read(dir.checkpoint(400));
        for (Param p : model.params()) {
            float[] data = ckpt.tensors().get(p.name()).data();
            System.arraycopy(data, 0, p.data(), 0, data.length);
        }
        JsonNode split = SpecLoader.JSON.readTree(run.resolve(RunDirectory.SPLIT).toFile());
        JsonNode test = split.get("test");
        int[] tokens = new int[2 * test.size()];
        int[] labels = new int[test.size()];
        for (int i = 0; i < test.size(); i++) {
            JsonNode ex = split.get("examples").get(test.get(i).asInt());
            tokens[2 * i] = ex.get(0).asInt();
            tokens[2 * i + 1] = ex.get(1).asInt();
            labels[i] = ex.get(2).asInt();
        }
        float[] out = model.forward(Batch.ofTokens(2, tokens, labels));
        double acc = Loss.accuracy(out, labels, labels.length, model.outputs());
        assertEquals(s.finalMetrics().get("test_acc"), acc, 0.0);
    }

    @Test
    void numpyRecomputesTheSummaryAccuracyFromTheCheckpoint(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")), "needs python3 with numpy");
        Process probe = new ProcessBuilder("/usr/bin/python3", "-c", "import numpy").start();
        Assumptions.assumeTrue(probe.waitFor() == 0, "needs numpy");
        Path run = tmp.resolve("run");
        Summary s = RunTestSupport.train(run, RunTestSupport.quick("train.steps=2000"));
        Path script = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (script != null && !Files.exists(script.resolve("scripts/recompute_accuracy.py"))) {
            script = script.getParent();
        }
        Assumptions.assumeTrue(script != null, "scripts/recompute_accuracy.py not found above " + System.getProperty("user.dir"));
        Process p = new ProcessBuilder("/usr/bin/python3", script.resolve("scripts/recompute_accuracy.py").toString(),
                run.toString())
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), output);
        String[] parts = output.lines().reduce((a, b) -> b).orElse("").split("\\s+");
        double train = Double.parseDouble(parts[1]);
        double test = Double.parseDouble(parts[3]);
        assertEquals(s.finalMetrics().get("train_acc"), train, 1e-9, output);
        assertEquals(s.finalMetrics().get("test_acc"), test, 1e-9, output);
        assertTrue(test > 0.9, "the quick preset generalizes: " + output);
    }
}
