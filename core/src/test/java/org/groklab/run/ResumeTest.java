package org.groklab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.groklab.train.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeTest {

    /** Starts `groklab train` in another JVM and kills it (SIGKILL) once metrics.csv has {@code rows} rows. */
    static void trainAndKill(Path out, List<String> sets, int rows) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), "org.groklab.cli.Main",
                "train", "--preset", "quick-modadd", "--quiet", "--out", out.toString()));
        for (String s : sets) {
            cmd.add("--set");
            cmd.add(s);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
        Path metrics = out.resolve(RunDirectory.METRICS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.exists(metrics) && Files.readAllLines(metrics).size() > rows) {
                break;
            }
            Thread.sleep(5);
        }
        assertTrue(p.isAlive(), "the run finished before it could be killed; make it longer");
        p.destroyForcibly().waitFor();
    }

    @Test
    void aRunKilledMidwayAndResumedEndsWithTheBytesOfAnUninterruptedRun(@TempDir Path tmp) throws Exception {
        List<String> sets = RunTestSupport.quick("train.steps=3000");
        Path whole = tmp.resolve("whole");
        Path killed = tmp.resolve("killed");
        RunTestSupport.train(whole, sets);
        trainAndKill(killed, sets, 12);
        assertFalse(Files.exists(killed.resolve(RunDirectory.SUMMARY)), "a killed run has no summary");
        Summary resumed = Runner.resume(killed, Progress.NONE);
        assertEquals("grok", resumed.outcome());
        DeterminismTest.assertSameBytes(whole, killed);
        assertFalse(Files.exists(killed.resolve("checkpoints/resume.safetensors")), "rolling checkpoint removed");
    }

    @Test
    void aRunResumedFromEachKindOfCheckpointMatches(@TempDir Path tmp) throws Exception {
        // interrupt by deleting everything after a chosen checkpoint, as a kill at that point would leave it
        List<String> sets = RunTestSupport.quick("train.steps=700");
        Path whole = tmp.resolve("whole");
        RunTestSupport.train(whole, sets);
        for (long keep : new long[] {0, 22, 300}) {
            Path cut = tmp.resolve("cut" + keep);
            RunTestSupport.train(cut, sets);
            Files.delete(cut.resolve(RunDirectory.SUMMARY));
            try (var files = Files.list(cut.resolve(RunDirectory.CHECKPOINTS))) {
                for (Path f : files.toList()) {
                    long step = Long.parseLong(f.getFileName().toString().replaceAll("\\D", ""));
                    if (step > keep) {
                        Files.delete(f);
                    }
                }
            }
            Runner.resume(cut, Progress.NONE);
            DeterminismTest.assertSameBytes(whole, cut);
        }
    }
}
