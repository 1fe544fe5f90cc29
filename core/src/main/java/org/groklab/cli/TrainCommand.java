package org.groklab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.groklab.kind.Kinds;
import org.groklab.math.Kernels;
import org.groklab.render.RunFigures;
import org.groklab.run.EventUnits;
import org.groklab.run.MetricsTable;
import org.groklab.run.RunDirectory;
import org.groklab.run.RunDirectoryName;
import org.groklab.run.Runner;
import org.groklab.run.Summary;
import org.groklab.spec.SpecException;
import org.groklab.spec.SpecLoader;
import org.groklab.train.Progress;
import org.groklab.train.RunTimes;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train one model from a preset or a config file into a run directory.")
final class TrainCommand implements Callable<Integer> {
    @CommandLine.Option(names = "--preset", paramLabel = "NAME", description = "a preset (see `groklab presets`)")
    String preset;

    @CommandLine.Option(names = "--config", paramLabel = "FILE", description = "a spec file, .yaml or .json")
    Path config;

    @CommandLine.Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override one key, e.g. --set optimizer.lr=3e-3 (repeatable)")
    List<String> sets = new ArrayList<>();

    @CommandLine.Option(names = "--out", paramLabel = "DIR",
            description = "the run directory (default: runs/NAME-OVERRIDES-RUNID, e.g. "
                    + "runs/quick-modadd-seed3-wd0.1-RUNID); must be absent or empty (or left "
                    + "half-created by an interrupted train, which is cleared)")
    Path out;

    @CommandLine.Option(names = "--quiet", description = "no progress display")
    boolean quiet;

    @CommandLine.Option(names = "--force", description = "train even when the run's memory estimate exceeds what "
            + "this JVM may use (-Xmx)")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (preset == null && config == null) {
            throw new SpecException("--preset/--config", "give a preset (see `groklab presets`) or a config file");
        }
        SpecLoader.Loaded loaded = SpecLoader.load(preset, config, sets);
        Path dir = out != null ? out
                : Path.of("runs", RunDirectoryName.of(loaded.spec().name(), sets, RunDirectory.runId(loaded.tree())));
        RunDirectory.checkFresh(dir);
        Kinds.checkMemory(loaded.spec(), force);
        PrintWriter o = spec.commandLine().getOut();
        o.println("training " + loaded.spec().name() + " into " + dir);
        TimedProgress progress = new TimedProgress(quiet ? Progress.NONE : new ConsoleProgress(o));
        RunFigures.warmUpInBackground();
        Summary s = trainAlone(dir, progress, () -> Runner.train(loaded, dir, progress));
        return drawAlone(() -> report(s, dir, o, progress.times()));
    }

    /**
     * Trains a run in a process that has nothing else to do (train, resume), the warm-ups held until its first step
     * is done: that step runs on the plain kernels either way, and sooner with the cores and the JIT compiler to
     * itself (BENCHMARKS.md, a single run's first step and figures). Tells how to continue the run if the process is
     * stopped.
     */
    static Summary trainAlone(Path dir, TimedProgress progress, java.util.function.Supplier<Summary> work) {
        try (var hold = Kernels.holdWarmUps()) {
            progress.onFirstStep(hold::release);
            return whileTelling(dir, work);
        }
    }

    /** Draws a trained run's figures (through {@code report}) with the warm-ups held: the cores are theirs. */
    static int drawAlone(java.util.function.IntSupplier report) {
        try (var hold = Kernels.holdWarmUps()) {
            return report.getAsInt();
        }
    }

    /**
     * Runs {@code work}; if the process is stopped before the run is complete (Ctrl-C, a kill), says on stderr how
     * to continue it.
     */
    static Summary whileTelling(Path dir, java.util.function.Supplier<Summary> work) {
        Thread tell = new Thread(() -> {
            if (!Files.isRegularFile(dir.resolve(RunDirectory.SUMMARY))) {
                System.err.println("groklab: interrupted; continue this run with: groklab resume " + dir);
            }
        });
        Runtime.getRuntime().addShutdownHook(tell);
        try {
            return work.get();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(tell);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it has said what to do
            }
        }
    }

    /** Draws the run's figures (after training, from its files), then prints its outcome. */
    static int report(Summary s, Path dir, PrintWriter o) {
        return report(s, dir, o, null);
    }

    /** {@link #report(Summary, Path, PrintWriter)}, then where the time went when {@code times} is known. */
    static int report(Summary s, Path dir, PrintWriter o, RunTimes times) {
        long f0 = System.nanoTime();
        if (!"failed".equals(s.outcome())) {
            RunFigures.drawAlongside(dir, true);
        }
        double figures = (System.nanoTime() - f0) / 1e9;
        MetricsTable m = Files.isRegularFile(dir.resolve(RunDirectory.METRICS))
                ? MetricsTable.read(dir) : null;
        o.printf("outcome: %s | memorized at %s | generalized at %s | final train acc %s, test acc %s%n",
                s.outcome(), orNone(m, s.memorizationStep()), orNone(m, s.generalizationStep()),
                fmt(s.finalMetrics().get("train_acc")), fmt(s.finalMetrics().get("test_acc")));
        if (s.trend() != null) {
            o.println(unsettled(s));
        }
        if (s.error() != null) {
            o.println("error: " + s.error());
        }
        o.println("results: " + dir + "  (summary.json, metrics.csv, checkpoints/, figures/accuracy.png)");
        if (times != null) {
            o.printf("time: steps %.2f s, evaluation %.2f s, writing %.2f s, figures %.2f s; first step done %.2f s "
                    + "after start%n", times.steps(), times.evaluation(), times.writing(), figures,
                    times.firstStepAfterStart());
        }
        return "failed".equals(s.outcome()) ? Main.FAILED : Main.OK;
    }

    /** What the trend of an outcome that waits for an event says: still moving, or flat at the end. */
    static String unsettled(Summary s) {
        return Boolean.TRUE.equals(s.stillImproving())
                ? "not settled: still improving when the steps ran out (" + s.trend().describe() + "); more steps "
                  + "(--set train.steps=N) may change the outcome"
                : "settled: no clear rise over the last quarter of the steps (" + s.trend().describe() + ")";
    }

    private static String orNone(MetricsTable m, Long step) {
        return step == null ? "-" : EventUnits.at(m, step);
    }

    private static String fmt(Double d) {
        return d == null ? "-" : String.format("%.3f", d);
    }
}
