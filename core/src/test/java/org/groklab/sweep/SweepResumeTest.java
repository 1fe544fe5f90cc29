package org.groklab.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.groklab.run.RunDirectory;
import org.groklab.run.Summary;
import org.groklab.spec.SpecException;
import org.groklab.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepResumeTest {
    @TempDir
    Path tmp;

    static final String SPEC = """
            name: resume-test
            base: {preset: quick-modadd, set: {train.steps: 400, eval.every: 20, checkpoints.resume_every: 50}}
            axes:
              - {field: optimizer.weight_decay, values: [0.1, 0.3]}
              - {field: task.train_fraction, values: [0.5, 0.7]}
            seeds: 2
            """;

    Path spec() throws IOException {
        Path f = tmp.resolve("sweep.yaml");
        Files.writeString(f, SPEC);
        return f;
    }

    static SweepDirectory prepare(Path file, Path dir) {
        return SweepDirectory.prepare(dir, SpecLoader.readFile(file, "SPEC"), SweepPlan.of(file));
    }

    /** run id → outcome, event steps and final metrics: what a table is made of. */
    static Map<String, String> table(SweepDirectory dir) {
        Map<String, String> t = new TreeMap<>();
        for (SweepPlan.Run r : dir.plan().runs()) {
            Summary s = RunDirectory.open(dir.run(r.runId())).readSummary();
            t.put(r.runId(), r.cell() + "/" + r.seed() + " " + s.outcome() + " " + s.memorizationStep() + " "
                    + s.generalizationStep() + " " + s.finalMetrics());
        }
        return t;
    }

    static List<String> runDirs(Path sweep) throws IOException {
        try (Stream<Path> s = Files.list(sweep.resolve(SweepDirectory.RUNS))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aSweepKilledMidwayAndResumedGivesTheTableOfAnUninterruptedOne() throws Exception {
        Path file = spec();
        SweepDirectory whole = prepare(file, tmp.resolve("whole"));
        SweepRunner.Status s = SweepRunner.run(whole, 2, st -> { });
        assertEquals(8, s.done());

        Path killed = tmp.resolve("killed");
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-modules", "jdk.incubator.vector", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), "org.groklab.cli.Main",
                "sweep", "run", file.toString(), "--out", killed.toString(), "--workers", "2"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(new File("/dev/null")).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        // kill once some runs are finished and others are in flight
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.isDirectory(killed.resolve("runs")) && finished(killed) >= 3) {
                break;
            }
            Thread.sleep(10);
        }
        assertTrue(p.isAlive(), "the sweep finished before it could be killed");
        p.destroyForcibly().waitFor();
        int before = finished(killed);
        assertTrue(before < 8, "killed midway: " + before + " runs finished");

        SweepDirectory resumed = SweepDirectory.open(killed);
        SweepRunner.Status r = SweepRunner.run(resumed, 2, st -> { });
        assertEquals(8, r.done());
        assertEquals(before, r.skipped(), "finished runs are kept, not run again");
        assertTrue(!r.outcomes().containsKey("error") && !Files.exists(killed.resolve(SweepDirectory.ERRORS)),
                "no run failed: " + r.outcomes());
        assertEquals(table(whole), table(resumed));
        assertEquals(runDirs(whole.root()), runDirs(killed), "no run lost or duplicated");
        for (String id : runDirs(killed)) {
            assertArrayEquals(Files.readAllBytes(whole.run(id).resolve(RunDirectory.METRICS)),
                    Files.readAllBytes(resumed.run(id).resolve(RunDirectory.METRICS)), id + " metrics.csv");
        }
        assertEquals(s.outcomes(), r.outcomes());
    }

    static int finished(Path sweep) throws IOException {
        int n = 0;
        for (String id : runDirs(sweep)) {
            if (Files.exists(sweep.resolve("runs").resolve(id).resolve(RunDirectory.SUMMARY))) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aDirectoryOfAnotherSweepIsRefused() throws Exception {
        Path file = spec();
        Path dir = tmp.resolve("d");
        prepare(file, dir);
        Path other = tmp.resolve("other.yaml");
        Files.writeString(other, SPEC.replace("[0.1, 0.3]", "[0.1, 0.2]"));
        SpecException e = assertThrows(SpecException.class, () -> prepare(other, dir));
        assertTrue(e.getMessage().contains("another sweep"), e.getMessage());
        assertThrows(SpecException.class, () -> SweepDirectory.open(tmp.resolve("nothing")));
    }
}
