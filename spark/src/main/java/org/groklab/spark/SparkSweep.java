package org.groklab.spark;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.groklab.query.CellTable;
import org.groklab.query.SweepDatabase;
import org.groklab.run.DirectoryLock;
import org.groklab.run.RunDirectory;
import org.groklab.run.Version;
import org.groklab.spec.SpecException;
import org.groklab.spec.SpecLoader;
import org.groklab.sweep.SweepDirectory;
import org.groklab.sweep.SweepPlan;
import org.groklab.sweep.SweepSpecs;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The Spark executor for sweeps, run by {@code spark-submit}. The driver plans the sweep into a shared directory
 * (sweep.json and plan.csv, the local executor's layout), makes one task per run that is not complete yet, and each
 * task writes its ordinary run directory under {@code SHARED_DIR/runs/}. The driver then gathers the tasks' results
 * and prints the outcome counts and the per-cell table of {@code groklab sweep table}.
 *
 * <pre>
 * spark-submit --class org.groklab.spark.SparkSweep groklab-spark.jar SPEC --out SHARED_DIR
 * spark-submit --class org.groklab.spark.SparkSweep groklab-spark.jar --resume SHARED_DIR
 * </pre>
 * The driver holds the sweep directory's lock while the sweep runs: a second driver (or a local {@code groklab sweep
 * run}) on the same directory exits 2 naming the holder's pid; the executors lock each run directory they write.
 * Exit codes as groklab's: 0 done, 1 a run threw (or the Spark job failed), 2 bad usage or input.
 */
@Command(name = "SparkSweep", mixinStandardHelpOptions = true, versionProvider = SparkSweep.VersionProvider.class,
        description = {"Run a groklab sweep on Spark: one task per run, each writing its run directory under "
                + "SHARED_DIR, which every node must see at the same path. The driver prints the outcome counts and "
                + "the per-cell table.",
                "  spark-submit --class org.groklab.spark.SparkSweep groklab-spark.jar SPEC --out SHARED_DIR",
                "  spark-submit --class org.groklab.spark.SparkSweep groklab-spark.jar --resume SHARED_DIR"})
public final class SparkSweep implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int BAD_INPUT = 2;

    @CommandLine.Parameters(paramLabel = "SPEC", arity = "0..1", description = "the sweep spec (.yaml or .json)")
    Path file;

    @CommandLine.Option(names = "--preset", paramLabel = "NAME", description = "a shipped sweep preset instead of SPEC")
    String preset;

    @CommandLine.Option(names = "--out", paramLabel = "SHARED_DIR",
            description = "the sweep directory, on a file system every node sees at this path")
    Path out;

    @CommandLine.Option(names = "--resume", paramLabel = "SHARED_DIR",
            description = "continue the sweep in SHARED_DIR: finished runs are kept, the others resume or restart")
    Path resume;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final SparkConf conf;

    private SparkSweep(SparkConf conf) {
        this.conf = conf;
    }

    public static void main(String[] args) {
        int code = run(args, new SparkConf(), new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        if (code != OK) {
            System.exit(code);
        }
    }

    /** Runs the command line with a Spark configuration (its master and so on) and streams; returns the exit code. */
    public static int run(String[] args, SparkConf conf, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new SparkSweep(conf));
        cli.setOut(out);
        cli.setErr(err);
        org.groklab.cli.Main.reportErrors(cli, err);
        return cli.execute(args);
    }

    @Override
    public Integer call() {
        if (resume != null) {
            if (file != null || preset != null || out != null) {
                throw new SpecException("--resume", "give either SPEC (or --preset) with --out SHARED_DIR, or only "
                        + "--resume SHARED_DIR");
            }
            Path root = resume.toAbsolutePath().normalize();
            try (DirectoryLock lock = SweepDirectory.lock(root, false, "--resume")) {
                return execute(SweepDirectory.openLocked(root), conf, spec.commandLine().getOut(),
                        spec.commandLine().getErr());
            }
        } else {
            if ((file == null) == (preset == null)) {
                throw new SpecException("SPEC/--preset", "give a sweep spec file or --preset NAME (or --resume DIR)");
            }
            if (out == null) {
                throw new SpecException("--out", "give the shared sweep directory: --out SHARED_DIR");
            }
            SweepPlan plan = file != null ? SweepPlan.of(file) : SweepPlan.ofPreset(preset);
            JsonNode tree = file != null ? SpecLoader.readFile(file, "SPEC") : SweepSpecs.presetTree(preset);
            Path root = out.toAbsolutePath().normalize();
            try (DirectoryLock lock = SweepDirectory.lock(root, true, "--out")) {
                return execute(SweepDirectory.prepare(root, tree, plan), conf, spec.commandLine().getOut(),
                        spec.commandLine().getErr());
            }
        }
    }

    /** Runs every run of {@code dir} that is not complete, one Spark task each; prints the outcomes and the table. */
    static int execute(SweepDirectory dir, SparkConf conf, PrintWriter out, PrintWriter err) {
        long t0 = System.nanoTime();
        SweepPlan plan = dir.plan();
        Map<String, String> outcomes = new LinkedHashMap<>();
        List<String> todo = new ArrayList<>();
        for (SweepPlan.Run r : plan.runs()) {
            if (dir.complete(r)) {
                outcomes.put(r.runId(), RunDirectory.open(dir.run(r.runId())).readSummary().outcome());
            } else {
                todo.add(r.runId());
            }
        }
        out.printf("sweep %s: %d runs in %s, %d finished, %d to run on Spark%n", plan.name(), plan.runs().size(),
                dir.root(), outcomes.size(), todo.size());
        out.flush();
        if (!todo.isEmpty()) {
            Map<String, Integer> executors = new TreeMap<>();
            for (RunTask.Result r : runOnSpark(dir, todo, conf, out)) {
                outcomes.put(r.runId(), r.outcome());
                executors.merge(r.executor(), 1, Integer::sum);
                if ("error".equals(r.outcome())) {
                    err.println("groklab: run " + r.runId() + " threw on executor " + r.executor() + ": "
                            + r.error());
                }
            }
            out.println("runs per executor: " + executors);
        }
        Map<String, Integer> counts = new TreeMap<>();
        outcomes.values().forEach(o -> counts.merge(o, 1, Integer::sum));
        out.printf("outcomes: %s  (%.0fs)%n", counts, (System.nanoTime() - t0) / 1e9);
        out.print(table(dir.root(), err));
        out.println("results: " + dir.root() + "  (groklab sweep table " + dir.root() + ")");
        out.flush();
        return counts.containsKey("error") ? FAILED : OK;
    }

    /** One partition, hence one task, per run; returns the tasks' results. */
    static List<RunTask.Result> runOnSpark(SweepDirectory dir, List<String> runIds, SparkConf conf,
                                           PrintWriter out) {
        conf.setIfMissing("spark.app.name", "groklab sweep " + dir.plan().name());
        // two attempts of one run at once would write the same run directory
        conf.set("spark.speculation", "false");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            out.printf("spark %s, master %s, default parallelism %d%n", sc.version(), sc.master(),
                    sc.defaultParallelism());
            out.flush();
            sc.sc().addSparkListener(new Progress(runIds.size(), out));
            sc.setJobDescription("groklab sweep " + dir.plan().name() + ": " + runIds.size() + " runs");
            return sc.parallelize(runIds, runIds.size()).map(new RunTask(dir.root().toString())).collect();
        }
    }

    /**
     * The per-cell table exactly as {@code groklab sweep table DIR} prints it (core's DuckDB query), or a note when
     * it cannot be made here.
     */
    static String table(Path dir, PrintWriter err) {
        try {
            // the JDBC driver sits in the application jar, which DriverManager may not have scanned under spark-submit
            Class.forName("org.duckdb.DuckDBDriver");
            try (SweepDatabase db = SweepDatabase.openSweep(dir)) {
                return String.format("sweep %s: %d/%d runs finished, %d cells%n", db.sweep().plan().name(),
                        db.finished(), db.planned(), db.sweep().plan().cells().size())
                        + CellTable.text(CellTable.data(db), db.fields()).text("-");
            }
        } catch (ClassNotFoundException | SQLException | RuntimeException | LinkageError e) {
            err.println("groklab: no table here (" + e + "); run `groklab sweep table " + dir + "`");
            return "";
        }
    }

    /** Prints runs done of total as tasks end: every 10 s at most, and at the last one. */
    private static final class Progress extends SparkListener {
        private final int total;
        private final PrintWriter out;
        private final AtomicInteger done = new AtomicInteger();
        private final long t0 = System.nanoTime();
        private volatile long lastPrinted;

        Progress(int total, PrintWriter out) {
            this.total = total;
            this.out = out;
        }

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (!end.taskInfo().successful()) {
                return;
            }
            int n = done.incrementAndGet();
            long now = System.nanoTime();
            if (n == total || now - lastPrinted > 10_000_000_000L) {
                lastPrinted = now;
                out.printf("runs %d/%d | %.0fs%n", n, total, (now - t0) / 1e9);
                out.flush();
            }
        }
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"groklab-spark " + Version.VERSION + " (Java " + Runtime.version() + ")"};
        }
    }
}
