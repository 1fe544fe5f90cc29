package org.groklab.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.groklab.figures.LearningCurves;
import org.groklab.spec.SpecException;
import org.groklab.spec.SpecLoader;
import org.groklab.train.Events;
import org.groklab.train.Metrics;
import org.groklab.train.Outcome;
import org.groklab.train.Progress;
import org.groklab.train.Setup;
import org.groklab.train.Trainer;

/** Runs a spec into a run directory, or resumes one: train, draw the learning curves, then write the summary. */
public final class Runner {
    private Runner() {
    }

    /** Trains a new run into {@code out}, which must be absent or empty. */
    public static Summary train(SpecLoader.Loaded spec, Path out, Progress progress) {
        return train(spec, out, progress, true);
    }

    /** As {@link #train(SpecLoader.Loaded, Path, Progress)}; {@code svg} false draws PNG figures only (sweeps). */
    public static Summary train(SpecLoader.Loaded spec, Path out, Progress progress, boolean svg) {
        try (DirectoryLock lock = RunDirectory.lockFresh(out)) {
            Setup setup;
            try {
                setup = Setup.from(spec.spec());
            } catch (RuntimeException | OutOfMemoryError e) {
                if (e instanceof SpecException se) {
                    throw se;
                }
                return RunDirectory.writeFailed(out, spec, e); // a failed run says so in its summary.json
            }
            RunDirectory dir = RunDirectory.create(out, spec, setup.split(),
                    Metrics.header(setup.model().params(), setup.extraMetricNames()));
            return execute(dir, setup, -1, events(spec), 0, progress, svg);
        }
    }

    /**
     * Continues an interrupted run from its latest checkpoint. Rows written after that checkpoint are dropped and
     * recomputed, so the finished run has the same bytes as an uninterrupted one.
     */
    public static Summary resume(Path path, Progress progress) {
        return resume(path, progress, true);
    }

    /** As {@link #resume(Path, Progress)}; {@code svg} false draws PNG figures only (sweeps). */
    public static Summary resume(Path path, Progress progress, boolean svg) {
        try (DirectoryLock lock = RunDirectory.lockRun(path)) {
            return resumeLocked(path, progress, svg);
        }
    }

    private static Summary resumeLocked(Path path, Progress progress, boolean svg) {
        RunDirectory dir = RunDirectory.open(path);
        if (dir.complete()) {
            throw new SpecException("RUN_DIR", path + " is already complete (summary.json exists)");
        }
        Setup setup = Setup.from(dir.spec().spec());
        try {
            String split = Files.readString(path.resolve(RunDirectory.SPLIT), StandardCharsets.UTF_8).strip();
            if (!split.equals(RunDirectory.splitJson(setup.split()))) {
                throw new SpecException("RUN_DIR", path + "/split.json does not match the split its config makes");
            }
            long start = -1;
            Path latest = latestCheckpoint(dir);
            if (latest != null) {
                start = Checkpoint.restore(latest, setup.model(), setup.optimizer());
            }
            dir.truncateAfter(start, Metrics.header(setup.model().params(), setup.extraMetricNames()));
            Events events = events(dir.spec());
            double previousSeconds = 0;
            for (String row : dir.metricsRows()) {
                String[] c = row.split(",");
                events.observe(Long.parseLong(c[0]), Double.parseDouble(c[3]), Double.parseDouble(c[5]));
            }
            List<String> timing = Files.readAllLines(path.resolve(RunDirectory.TIMING));
            if (timing.size() > 1) {
                previousSeconds = Double.parseDouble(timing.get(timing.size() - 1).split(",")[1]);
            }
            return execute(dir, setup, start, events, previousSeconds, progress, svg);
        } catch (IOException e) {
            throw new SpecException("RUN_DIR", "cannot resume " + path + ": " + e.getMessage());
        }
    }

    /** The checkpoint with the highest step, or null. */
    static Path latestCheckpoint(RunDirectory dir) throws IOException {
        Path best = null;
        long bestStep = -1;
        try (Stream<Path> files = Files.list(dir.root().resolve(RunDirectory.CHECKPOINTS))) {
            for (Path f : (Iterable<Path>) files.sorted()::iterator) {
                if (!f.getFileName().toString().endsWith(".safetensors")) {
                    continue;
                }
                long step = Checkpoint.step(Safetensors.read(f));
                if (step > bestStep) {
                    bestStep = step;
                    best = f;
                }
            }
        }
        return best;
    }

    private static Events events(SpecLoader.Loaded spec) {
        var e = spec.spec().eval();
        return new Events(e.memorizeAt(), e.generalizeAt(), e.grokTestAcc());
    }

    private static Summary execute(RunDirectory dir, Setup setup, long resumedFrom, Events events,
                                   double previousSeconds,
                                   Progress progress, boolean svg) {
        long t0 = System.nanoTime();
        long total = setup.spec().train().steps();
        Trainer.Sink sink = new Trainer.Sink() {
            @Override
            public void metrics(Metrics m) {
                dir.appendMetrics(m.csv());
            }

            @Override
            public void timing(long step, double elapsed, double perStep) {
                dir.appendTiming(step, previousSeconds + elapsed, perStep);
            }

            @Override
            public void checkpoint(long step, boolean rolling) {
                Path file = rolling ? dir.resumeCheckpoint() : dir.checkpoint(step);
                Checkpoint.write(file, step, dir.runId(), setup.model(), setup.optimizer());
            }

            @Override
            public void snapshot(long step) {
                org.groklab.parity.Snapshots.write(dir.root(), step, dir.runId(), setup);
            }
        };
        Summary summary;
        try {
            Trainer.Result r = Trainer.run(setup, resumedFrom, events, sink, progress);
            Files.deleteIfExists(dir.resumeCheckpoint());
            drawFigures(dir, svg);
            Outcome outcome = r.divergedAt() >= 0 ? Outcome.DIVERGED : events.outcome();
            summary = summary(dir, outcome, events, total, r.stepsDone(), r.divergedAt(), r.last(),
                    previousSeconds + (System.nanoTime() - t0) / 1e9, null);
        } catch (RuntimeException | IOException | OutOfMemoryError e) {
            summary = summary(dir, Outcome.FAILED, events, total, -1, -1, null,
                    previousSeconds + (System.nanoTime() - t0) / 1e9, e.toString());
        }
        dir.writeSummary(summary);
        return summary;
    }

    private static Summary summary(RunDirectory dir, Outcome outcome, Events events, long total, long done,
                                   long divergedAt, Metrics last, double seconds, String error) {
        // the last row of metrics.csv, which a resumed run may have written before its interruption
        Map<String, Double> fin = new LinkedHashMap<>();
        List<String> rows = last == null ? dir.metricsRows() : List.of(last.csv());
        if (!rows.isEmpty()) {
            String[] c = rows.get(rows.size() - 1).split(",");
            String[] names = {"train_loss", "train_acc", "test_loss", "test_acc"};
            for (int i = 0; i < names.length; i++) {
                fin.put(names[i], Double.parseDouble(c[2 + i]));
            }
        }
        return new Summary(dir.runId(), dir.spec().spec().name(), outcome.label(), step(events.memorized()),
                step(events.generalized()), step(events.delay()), total, done, step(divergedAt), fin, seconds, error,
                Version.VERSION);
    }

    private static Long step(long s) {
        return s < 0 ? null : s;
    }

    /** Learning curves from metrics.csv. */
    public static List<Path> drawFigures(RunDirectory dir) {
        return drawFigures(dir, true);
    }

    /** Learning curves from metrics.csv, PNG and (when {@code svg}) SVG. */
    public static List<Path> drawFigures(RunDirectory dir, boolean svg) {
        List<String> rows = dir.metricsRows();
        int n = rows.size();
        double[][] cols = new double[5][n];
        int[] pick = {0, 2, 4, 3, 5};
        for (int i = 0; i < n; i++) {
            String[] c = rows.get(i).split(",");
            for (int j = 0; j < pick.length; j++) {
                cols[j][i] = Double.parseDouble(c[pick[j]]);
            }
        }
        try {
            List<Path> written = new java.util.ArrayList<>(LearningCurves.write(dir.root().resolve(RunDirectory.FIGURES),
                    dir.spec().spec().name() + " (" + dir.runId() + ")",
                    new LearningCurves.Curves(cols[0], cols[1], cols[2], cols[3], cols[4]), svg));
            if (dir.spec().spec().task().type().equals("parity")) {
                written.addAll(org.groklab.figures.ParityFigures.runFigures(dir, svg)); // norms; densities, t-SNE
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
