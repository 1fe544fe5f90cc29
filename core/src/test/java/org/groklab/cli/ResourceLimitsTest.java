package org.groklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.groklab.run.RunDirectory;
import org.groklab.spec.SpecLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model or sweep bigger than the JVM's heap is refused up front with its estimate (one line, exit 2, nothing
 * written), and {@code --force} lets it try: the OutOfMemoryError it then meets is one line, exit 1, and a
 * summary.json that says {@code failed} and why. The test JVM has -Xmx2g.
 */
class ResourceLimitsTest {
    /** PAIR's model with H of 100000 x 6000 floats: 2.4 GB in one array, more than the whole heap. */
    static final String[] HUGE = {"--preset", "pair-modadd", "--set", "model.d_embed=100000", "--set",
            "model.width=6000", "--quiet"};

    @TempDir
    Path tmp;

    private static String[] with(String[] base, String... more) {
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static void refusedWithTheEstimate(CliRunner.Result r) {
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        assertTrue(r.err().startsWith("groklab: task.p, model.d_embed, model.width"), r.toString());
        assertTrue(r.err().contains(" need"), r.toString());
        assertTrue(r.err().contains("GB of memory") && r.err().contains("--force"), r.toString());
    }

    @Test
    void aModelBiggerThanTheHeapIsRefusedThenForcedIntoAFailedSummary() throws Exception {
        Path out = tmp.resolve("huge");
        refusedWithTheEstimate(CliRunner.run(with(with(new String[] {"train"}, HUGE), "--out", out.toString())));
        assertFalse(Files.exists(out), "nothing written");

        CliRunner.Result forced = CliRunner.run(with(with(new String[] {"train"}, HUGE), "--out", out.toString(),
                "--force"));
        assertEquals(1, forced.code(), forced.toString());
        assertFalse(forced.toString().contains("\tat "), forced.toString());
        assertTrue(forced.out().contains("error: java.lang.OutOfMemoryError"), forced.toString());
        String summary = Files.readString(out.resolve(RunDirectory.SUMMARY));
        assertTrue(summary.contains("\"outcome\" : \"failed\"") && summary.contains("OutOfMemoryError"), summary);

    }

    @Test
    void resumingARunThatDoesNotFitIsRefusedBeforeTheDirectoryIsTouched() throws Exception {
        // an interrupted run of the huge model, as train leaves it before its first checkpoint
        Path out = tmp.resolve("interrupted");
        RunDirectory.create(out, SpecLoader.load("pair-modadd", null, List.of("model.d_embed=100000",
                "model.width=6000")), "{}", "step,train_loss,train_acc,test_loss,test_acc");
        List<String> before = CliRunner.listing(out);
        Map<String, String> bytes = CliRunner.reproducibleFiles(out);
        refusedWithTheEstimate(CliRunner.run("resume", out.toString(), "--quiet"));
        assertEquals(before, CliRunner.listing(out));
        assertEquals(bytes, CliRunner.reproducibleFiles(out));
    }

    @Test
    void aSweepWhoseRunsDoNotFitIsRefusedBeforeItsDirectoryIsMade() throws Exception {
        Path spec = tmp.resolve("huge.yaml");
        Files.writeString(spec, """
                name: huge
                base: {preset: pair-modadd}
                axes:
                  - {field: model.d_embed, values: [500, 100000]}
                  - {field: model.width, values: [6000]}
                """);
        Path out = tmp.resolve("sweep");
        refusedWithTheEstimate(CliRunner.run("sweep", "run", spec.toString(), "--out", out.toString(), "--workers", "1"));
        assertEquals(List.of(), CliRunner.listing(out), "nothing written");
    }

    @Test
    void workersMultiplyTheEstimate() throws Exception {
        // one run of about 0.7 GB fits the 1.3 GB the test JVM may plan for; four at once do not
        Path spec = tmp.resolve("four.yaml");
        Files.writeString(spec, """
                name: four
                base: {preset: pair-modadd}
                axes:
                  - {field: model.d_embed, values: [10000]}
                  - {field: model.width, values: [1000]}
                seeds: 4
                """);
        Path out = tmp.resolve("sweep");
        CliRunner.Result r = CliRunner.run("sweep", "run", spec.toString(), "--out", out.toString(), "--workers", "4");
        refusedWithTheEstimate(r);
        assertTrue(r.err().startsWith("groklab: task.p, model.d_embed, model.width, --workers: 4 runs at once need "
                + "about "), r.toString());
        assertEquals(List.of(), CliRunner.listing(out), "nothing written");
    }
}
