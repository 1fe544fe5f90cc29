package org.groklab.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {

    static List<String> files(Path run) throws IOException {
        try (Stream<Path> s = Files.list(run.resolve(RunDirectory.CHECKPOINTS))) {
            return Stream.concat(Stream.of(RunDirectory.METRICS, RunDirectory.CONFIG, RunDirectory.SPLIT),
                    s.map(p -> RunDirectory.CHECKPOINTS + "/" + p.getFileName()).sorted()).toList();
        }
    }

    static void assertSameBytes(Path a, Path b) throws IOException {
        List<String> names = files(a);
        assertEquals(names, files(b), "same files");
        for (String name : names) {
            assertArrayEquals(Files.readAllBytes(a.resolve(name)), Files.readAllBytes(b.resolve(name)),
                    name + " differs");
        }
    }

    @Test
    void twoRunsOfOneSpecGiveByteIdenticalMetricsAndCheckpoints(@TempDir Path tmp) throws IOException {
        RunTestSupport.train(tmp.resolve("a"), RunTestSupport.quick("train.steps=300"));
        RunTestSupport.train(tmp.resolve("b"), RunTestSupport.quick("train.steps=300"));
        assertSameBytes(tmp.resolve("a"), tmp.resolve("b"));
        assertFalse(files(tmp.resolve("a")).isEmpty());
    }

    @Test
    void minibatchRunsAreByteIdenticalToo(@TempDir Path tmp) throws IOException {
        List<String> sets = RunTestSupport.quick("train.steps=200", "train.batch_size=64", "task.label_noise=0.1");
        RunTestSupport.train(tmp.resolve("a"), sets);
        RunTestSupport.train(tmp.resolve("b"), sets);
        assertSameBytes(tmp.resolve("a"), tmp.resolve("b"));
    }

    @Test
    void thePlainJavaKernelsGiveTheSameBytesAsTheVectorKernels(@TempDir Path tmp) throws Exception {
        // what a machine without (or with other) vector units computes: -Dgroklab.simd=false, in another JVM
        RunTestSupport.train(tmp.resolve("vector"), RunTestSupport.quick("train.steps=300"));
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of(
                ProcessHandle.current().info().command().orElse("java"), "--add-modules", "jdk.incubator.vector",
                "-Dgroklab.simd=false", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                "org.groklab.cli.Main", "train", "--preset", "quick-modadd", "--quiet",
                "--out", tmp.resolve("plain").toString()));
        for (String s : RunTestSupport.quick("train.steps=300")) {
            cmd.add("--set");
            cmd.add(s);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), output);
        assertSameBytes(tmp.resolve("vector"), tmp.resolve("plain"));
    }

    @Test
    void vectorAndPlainKernelsSideBySideInOneJvmGiveTheSameBytes(@TempDir Path tmp) throws IOException {
        for (String preset : List.of("quick-modadd", "pair-modadd", "quick-parity")) {
            List<String> sets = List.of("train.steps=40");
            Runner.train(org.groklab.spec.SpecLoader.load(preset, null, sets), tmp.resolve(preset + "-vector"),
                    org.groklab.train.Progress.NONE, org.groklab.math.Kernels.vector());
            Runner.train(org.groklab.spec.SpecLoader.load(preset, null, sets), tmp.resolve(preset + "-plain"),
                    org.groklab.train.Progress.NONE, org.groklab.math.Kernels.plain());
            assertSameBytes(tmp.resolve(preset + "-vector"), tmp.resolve(preset + "-plain"));
        }
    }

    @Test
    void anotherSeedGivesAnotherRun(@TempDir Path tmp) throws IOException {
        Summary a = RunTestSupport.train(tmp.resolve("a"), RunTestSupport.quick("train.steps=50"));
        Summary b = RunTestSupport.train(tmp.resolve("b"), RunTestSupport.quick("train.steps=50", "seed=1"));
        assertNotEquals(a.runId(), b.runId());
        assertFalse(Files.readString(tmp.resolve("a/metrics.csv")).equals(Files.readString(tmp.resolve("b/metrics.csv"))));
    }
}
