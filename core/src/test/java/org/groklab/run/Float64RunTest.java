package org.groklab.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.groklab.spec.SpecLoader;
import org.groklab.train.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs in float64 and in PAIR's mix: checkpoints hold each tensor in its own precision (F64 or F32, optimizer state
 * too), a resumed run ends with the bytes of an uninterrupted one, and the precision changes the run.
 */
class Float64RunTest {
    private static List<String> small(String precision) {
        return List.of("task.p=13", "model.d_embed=32", "model.width=8", "train.steps=240", "eval.every=20",
                "checkpoints.resume_every=50", "model.precision=" + precision);
    }

    private static Summary train(Path out, List<String> sets) {
        return Runner.train(SpecLoader.load("pair-modadd", null, sets), out, Progress.NONE);
    }

    @Test
    void safetensorsKeepFloat64ValuesExactly(@TempDir Path tmp) throws Exception {
        double[] wide = {Math.PI, -1e-300, 1 + Math.ulp(1.0), Double.MAX_VALUE, 0.1};
        Path f = tmp.resolve("t.safetensors");
        List<Safetensors.Tensor> ts = List.of(Safetensors.Tensor.of64("w", new int[] {5}, wide),
                new Safetensors.Tensor("x", new int[] {2}, new float[] {1.5f, -2f}));
        Safetensors.write(f, ts, Safetensors.withChecksum(ts, Map.of("k", "v")));
        Safetensors.Loaded back = Safetensors.read(f);
        assertArrayEquals(wide, back.tensors().get("w").data64());
        assertEquals("F64", back.tensors().get("w").dtype());
        assertEquals((float) Math.PI, back.tensors().get("w").data()[0]);
        assertNull(back.tensors().get("x").data64());
        assertTrue(Files.size(f) > 8 * 5 + 4 * 2, "F64 takes 8 bytes a value");
    }

    @Test
    void pairsMixCheckpointsTheEmbeddingAsF32AndTheRestAsF64(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("pair");
        train(run, small("pair"));
        Safetensors.Loaded c = Safetensors.read(run.resolve(RunDirectory.CHECKPOINTS).resolve("step-240.safetensors"));
        assertEquals("F32", c.tensors().get("E").dtype());
        assertEquals("F64", c.tensors().get("H").dtype());
        assertEquals("F64", c.tensors().get("O").dtype());
        assertEquals("F32", c.tensors().get("optimizer.exp_avg.E").dtype());
        assertEquals("F64", c.tensors().get("optimizer.exp_avg_sq.H").dtype());
        assertEquals("F64", c.tensors().get("optimizer.exp_avg.O").dtype());
        Path all = tmp.resolve("float64");
        train(all, small("float64"));
        Safetensors.Loaded d = Safetensors.read(all.resolve(RunDirectory.CHECKPOINTS).resolve("step-240.safetensors"));
        assertEquals("F64", d.tensors().get("E").dtype());
        assertEquals("F64", d.tensors().get("optimizer.exp_avg.E").dtype());
    }

    @Test
    void aFloat64RunResumedFromACheckpointEndsWithTheBytesOfAnUninterruptedOne(@TempDir Path tmp) throws Exception {
        for (String precision : new String[] {"pair", "float64"}) {
            Path whole = tmp.resolve("whole-" + precision);
            train(whole, small(precision));
            Path cut = tmp.resolve("cut-" + precision);
            train(cut, small(precision));
            Files.delete(cut.resolve(RunDirectory.SUMMARY));
            try (var files = Files.list(cut.resolve(RunDirectory.CHECKPOINTS))) {
                for (Path f : files.toList()) {
                    if (Long.parseLong(f.getFileName().toString().replaceAll("\\D", "")) > 50) {
                        Files.delete(f);
                    }
                }
            }
            Runner.resume(cut, Progress.NONE);
            DeterminismTest.assertSameBytes(whole, cut);
        }
    }

    @Test
    void pairModaddF32IsPairModaddInFloat32AndDiffersFromPairsPrecision(@TempDir Path tmp) throws Exception {
        Path f32Preset = tmp.resolve("f32-preset");
        Path f32 = tmp.resolve("f32");
        Path pair = tmp.resolve("pair");
        List<String> sizes = small("float32").subList(0, 6);
        Runner.train(SpecLoader.load("pair-modadd-f32", null, sizes), f32Preset, Progress.NONE);
        train(f32, small("float32"));
        train(pair, sizes); // the preset's own precision: pair
        assertArrayEquals(Files.readAllBytes(f32Preset.resolve(RunDirectory.METRICS)),
                Files.readAllBytes(f32.resolve(RunDirectory.METRICS)));
        assertArrayEquals(Files.readAllBytes(f32Preset.resolve(RunDirectory.SPLIT)),
                Files.readAllBytes(pair.resolve(RunDirectory.SPLIT)));
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(f32.resolve(RunDirectory.METRICS)),
                Files.readAllBytes(pair.resolve(RunDirectory.METRICS))));
    }
}
