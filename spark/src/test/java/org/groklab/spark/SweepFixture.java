package org.groklab.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.groklab.cli.Main;
import org.groklab.run.RunDirectory;
import org.groklab.spec.SpecLoader;
import org.groklab.sweep.SweepDirectory;
import org.groklab.sweep.SweepPlan;
import org.groklab.sweep.SweepRunner;

/** The tiny sweep both Spark tests run, its run through the local executor, and the comparison of the two. */
final class SweepFixture {
    /** 2 cells x 2 seeds = 4 runs of 60 steps. */
    static final String SPEC = """
            name: spark-tiny
            base: {preset: quick-modadd, set: {train.steps: 60, eval.every: 20, checkpoints.per_decade: 1}}
            axes:
              - {field: optimizer.weight_decay, values: [0.1, 0.3]}
            seeds: 2
            """;

    private SweepFixture() {
    }

    static Path writeSpec(Path dir) throws IOException {
        Path f = dir.resolve("spark-tiny.yaml");
        Files.writeString(f, SPEC);
        return f;
    }

    private static Path reference;

    /**
     * The spec run once per JVM with core's local executor (2 threads), in a temporary directory removed at exit:
     * what every Spark run of the spec is compared with.
     */
    static synchronized Path reference() throws IOException {
        if (reference == null) {
            Path tmp = Files.createTempDirectory("groklab-spark-reference");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(tmp)));
            Path spec = writeSpec(tmp);
            SweepDirectory dir = SweepDirectory.prepare(tmp.resolve("local"), SpecLoader.readFile(spec, "SPEC"),
                    SweepPlan.of(spec));
            SweepRunner.Status s = SweepRunner.run(dir, 2, status -> { });
            assertEquals(4, s.total());
            assertTrue(!s.outcomes().containsKey("error"), "local executor: " + s.outcomes());
            reference = dir.root();
        }
        return reference;
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: the system cleans it up eventually
        }
    }

    /** The Spark executor's printed output; fails unless it exits 0. */
    static String runOnSpark(SparkConf conf, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SparkSweep.run(args, conf, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, "SparkSweep exit code; out:\n" + out + "\nerr:\n" + err);
        return out.toString();
    }

    /** What `groklab sweep table DIR` prints: core's command line, in this JVM. */
    static String coreTable(Path dir) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"sweep", "table", dir.toString()}, new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertEquals(0, code, "groklab sweep table: " + err);
        return out.toString();
    }

    /**
     * The Spark sweep {@code actual} has the local sweep {@code expected}'s files: the same sweep.json and plan.csv,
     * the same run ids, outcomes and byte-identical metrics.csv; and the Spark driver printed the same table as
     * `groklab sweep table` prints for the local sweep.
     */
    static void assertSameSweep(Path expected, Path actual, String sparkOutput) throws IOException {
        assertArrayEquals(Files.readAllBytes(expected.resolve(SweepDirectory.PLAN)),
                Files.readAllBytes(actual.resolve(SweepDirectory.PLAN)), "plan.csv");
        assertEquals(SpecLoader.JSON.readTree(expected.resolve(SweepDirectory.SWEEP).toFile()),
                SpecLoader.JSON.readTree(actual.resolve(SweepDirectory.SWEEP).toFile()), "sweep.json");
        List<String> ids = runIds(expected);
        assertEquals(4, ids.size());
        assertEquals(ids, runIds(actual), "run ids");
        assertEquals(outcomes(expected), outcomes(actual), "outcomes");
        for (String id : ids) {
            Path m = Path.of(SweepDirectory.RUNS, id, RunDirectory.METRICS);
            assertArrayEquals(Files.readAllBytes(expected.resolve(m)), Files.readAllBytes(actual.resolve(m)),
                    "metrics.csv of " + id);
        }
        assertTrue(!Files.exists(actual.resolve(SweepDirectory.ERRORS)), "errors.csv");
        String table = coreTable(expected);
        assertTrue(table.lines().count() >= 4, table);
        assertTrue(sparkOutput.contains(table), "the Spark driver prints the local sweep's table:\n" + table
                + "\nbut printed:\n" + sparkOutput);
        assertEquals(table, coreTable(actual), "groklab sweep table on the Spark sweep");
    }

    static List<String> runIds(Path sweep) throws IOException {
        try (Stream<Path> s = Files.list(sweep.resolve(SweepDirectory.RUNS))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** run id → outcome, event steps and final metrics. */
    static Map<String, String> outcomes(Path sweep) {
        Map<String, String> t = new TreeMap<>();
        SweepDirectory dir = SweepDirectory.open(sweep);
        for (SweepPlan.Run r : dir.plan().runs()) {
            var s = RunDirectory.open(dir.run(r.runId())).readSummary();
            t.put(r.runId(), r.cell() + "/" + r.seed() + " " + s.outcome() + " " + s.memorizationStep() + " "
                    + s.generalizationStep() + " " + s.finalMetrics());
        }
        return t;
    }

    /** A driver in this JVM, on the loopback interface only, without its web UI. */
    static SparkConf conf(String master) {
        return new SparkConf().setMaster(master).setAppName("groklab-spark-test")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.ui.enabled", "false");
    }
}
