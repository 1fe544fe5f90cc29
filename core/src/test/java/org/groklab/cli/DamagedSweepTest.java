package org.groklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.groklab.io.TreeCopy;
import org.groklab.run.RunDirectory;
import org.groklab.sweep.SweepDirectory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sweep directory with an edited, missing or empty plan.csv or a damaged summary.json of one run. */
class DamagedSweepTest {
    @TempDir
    static Path shared;
    static Path spec;
    static Path sweep;

    @TempDir
    Path tmp;

    @BeforeAll
    static void runOnce() throws Exception {
        spec = shared.resolve("pair.yaml");
        Files.writeString(spec, ConcurrentWritersTest.SWEEP);
        sweep = shared.resolve("sweep");
        assertEquals(0, CliRunner.run("sweep", "run", spec.toString(), "--out", sweep.toString(), "--workers", "1")
                .code());
    }

    private Path copy(String name) throws Exception {
        Path d = tmp.resolve(name);
        TreeCopy.copy(sweep, d);
        return d;
    }

    @Test
    void anEditedOrEmptyPlanIsRefusedByReadersAndWritersAndAMissingOneIsWrittenAgain() throws Exception {
        Path d = copy("edited");
        Path plan = d.resolve(SweepDirectory.PLAN);
        String original = Files.readString(plan);
        Files.writeString(plan, original.replace(",0,", ",1,")); // relabel a run's cell
        for (String[] args : List.of(new String[] {"sweep", "table", d.toString()},
                new String[] {"sweep", "resume", d.toString(), "--workers", "1"},
                new String[] {"query", d.toString(), "SELECT count(*) FROM plan"})) {
            CliRunner.Result r = CliRunner.run(args);
            assertEquals(2, r.code(), r.toString());
            assertEquals(1, r.err().lines().count(), r.toString());
            assertTrue(r.err().contains("plan.csv") && r.err().contains("sweep resume"), r.toString());
        }
        Files.writeString(plan, "");
        assertEquals(2, CliRunner.run("sweep", "table", d.toString()).code());
        // the repair the message offers
        Files.delete(plan);
        CliRunner.Result r = CliRunner.run("sweep", "resume", d.toString(), "--workers", "1");
        assertEquals(0, r.code(), r.toString());
        assertEquals(original, Files.readString(plan));
    }

    @Test
    void aTruncatedSummaryOfOneRunIsReportedForThatRunAlone() throws Exception {
        Path d = copy("truncated");
        Path runs = d.resolve(SweepDirectory.RUNS);
        Path victim;
        try (Stream<Path> s = Files.list(runs)) {
            victim = s.sorted().findFirst().orElseThrow();
        }
        Path summary = victim.resolve(RunDirectory.SUMMARY);
        String text = Files.readString(summary);
        Files.writeString(summary, text.substring(0, text.length() / 2));
        CliRunner.Result r = CliRunner.run("sweep", "resume", d.toString(), "--workers", "1");
        assertEquals(1, r.code(), r.toString());
        assertFalse(r.err().contains("\tat ") || r.out().contains("\tat "), r.toString());
        String errors = Files.readString(d.resolve(SweepDirectory.ERRORS));
        assertTrue(errors.contains(victim.getFileName().toString()) && errors.contains("summary.json"), errors);
        assertTrue(r.out().contains("outcomes:"), r.toString());
    }

    @Test
    void zeroWorkersIsRefusedBeforeAnythingIsWritten() {
        Path d = tmp.resolve("zero");
        CliRunner.Result r = CliRunner.run("sweep", "run", spec.toString(), "--out", d.toString(), "--workers", "0");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--workers"), r.toString());
        assertFalse(Files.exists(d), "nothing written");
    }

    @Test
    void aHalfCreatedSweepDirectoryIsClearedAndRun() throws Exception {
        Path d = tmp.resolve("half");
        Files.createDirectories(d.resolve(SweepDirectory.RUNS));
        Files.writeString(d.resolve(SweepDirectory.PLAN), "run_id,cell,seed\n");
        CliRunner.Result r = CliRunner.run("sweep", "run", spec.toString(), "--out", d.toString(), "--workers", "1");
        assertEquals(0, r.code(), r.toString());
        assertEquals(CliRunner.reproducibleFiles(sweep), CliRunner.reproducibleFiles(d));
    }
}
