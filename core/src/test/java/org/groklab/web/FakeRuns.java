package org.groklab.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.groklab.spec.SpecLoader;
import org.groklab.sweep.SweepDirectory;
import org.groklab.sweep.SweepPlan;

/**
 * Run and sweep directories written directly, with no training: config.json, metrics.csv and summary.json in the
 * layout groklab writes, for the explorer's tests of large sweeps and of the phase diagram. The outcome of a sweep
 * run is a fixed function of its cell, so the phase diagram has a known pattern: grok where both swept values are
 * high, memorize-only where only the first is, no-learn elsewhere (seed 0 of every cell is direct-generalize).
 */
final class FakeRuns {
    private FakeRuns() {
    }

    /**
     * A sweep of {@code xs.length} x {@code ys.length} cells and {@code seeds} seeds over two fields, planned by
     * groklab's own sweep planner (sweep.json and plan.csv as {@code groklab sweep run} writes them).
     */
    static Path sweep(Path dir, double[] xs, double[] ys, int seeds) throws IOException {
        Files.createDirectories(dir.getParent());
        Path spec = dir.resolveSibling(dir.getFileName() + ".yaml");
        Files.writeString(spec, "name: " + dir.getFileName() + "\n"
                + "base: {preset: quick-modadd, set: {train.steps: 100}}\n"
                + "axes:\n"
                + "  - {field: task.train_fraction, values: " + list(xs) + "}\n"
                + "  - {field: optimizer.weight_decay, values: " + list(ys) + "}\n"
                + "seeds: " + seeds + "\n");
        SweepPlan plan = SweepPlan.of(spec);
        SweepDirectory sweep = SweepDirectory.prepare(dir, SpecLoader.readFile(spec, "SPEC"), plan);
        for (SweepPlan.Run r : plan.runs()) {
            double x = plan.cells().get(r.cell()).values().get("task.train_fraction").asDouble();
            double y = plan.cells().get(r.cell()).values().get("optimizer.weight_decay").asDouble();
            run(sweep.run(r.runId()), r.runId(), r.seed(), outcome(xs, ys, x, y, r.seed()), 100, true);
        }
        return dir;
    }

    private static String outcome(double[] xs, double[] ys, double x, double y, long seed) {
        return seed == 0 ? "direct-generalize"
                : x >= median(xs) && y >= median(ys) ? "grok" : x >= median(xs) ? "memorize-only" : "no-learn";
    }

    private static double median(double[] v) {
        return v[v.length / 2];
    }

    private static String list(double[] v) {
        StringBuilder b = new StringBuilder("[");
        for (double d : v) {
            b.append(b.length() > 1 ? ", " : "").append(d);
        }
        return b.append(']').toString();
    }

    static String summary(String runId, String outcome, int steps) {
        boolean mem = !outcome.equals("no-learn");
        boolean gen = outcome.equals("grok") || outcome.equals("direct-generalize");
        Long memStep = mem ? (long) steps * 9 / 10 : null;
        Long genStep = gen ? (long) steps * (outcome.equals("grok") ? 8 : 9) / 10 : null;
        return String.format(Locale.ROOT, """
                {"run_id": "%s", "name": "fake", "outcome": "%s", "memorization_step": %s,
                 "generalization_step": %s, "grok_delay": null, "steps": %d, "steps_done": %d, "diverged_at": null,
                 "final_metrics": {"train_loss": 0.01, "train_acc": %s, "test_loss": 0.5, "test_acc": %s},
                 "wall_time_seconds": 0.1, "error": null, "groklab_version": "0.1.0"}
                """, runId, outcome, memStep, genStep, steps, steps, mem ? "1.0" : "0.05", gen ? "1.0" : "0.05");
    }

    /** A finished run of {@code steps} steps with the given outcome, metrics every tenth of the way. */
    static Path run(Path dir, String runId, long seed, String outcome, int steps) {
        return run(dir, runId, seed, outcome, steps, true);
    }

    /** The same, without metrics.csv when {@code metrics} is false (the sweep views read only the summaries). */
    static Path run(Path dir, String runId, long seed, String outcome, int steps, boolean metrics) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("config.json"), String.format(Locale.ROOT, """
                    {"run_id": "%s", "name": "fake", "seed": %d, "task": {"type": "modular", "p": 23},
                     "model": {"type": "gromov-mlp", "width": 8}, "train": {"steps": %d}}
                    """, runId, seed, steps));
            boolean mem = !outcome.equals("no-learn");
            boolean gen = outcome.equals("grok") || outcome.equals("direct-generalize");
            StringBuilder m = new StringBuilder("step,lr,train_loss,train_acc,test_loss,test_acc\n");
            for (int i = 0; i <= 10; i++) {
                int step = steps * i / 10;
                double train = mem ? Math.min(1, 0.1 * i + 0.05) : 0.05;
                double test = gen ? (outcome.equals("grok") ? (i >= 8 ? 1 : 0.05) : Math.min(1, 0.1 * i + 0.05)) : 0.05;
                m.append(String.format(Locale.ROOT, "%d,0.001,%.4f,%.4f,%.4f,%.4f%n", step, 1.0 - train + 1e-3, train,
                        1.0 - test + 1e-3, test));
            }
            if (metrics) {
                Files.writeString(dir.resolve("metrics.csv"), m.toString());
            }
            Files.writeString(dir.resolve("summary.json"), summary(runId, outcome, steps));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
