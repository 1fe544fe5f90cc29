package org.groklab.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.groklab.kind.Kind;
import org.groklab.kind.Kinds;
import org.groklab.math.Kernels;
import org.groklab.math.PopulationKernels;
import org.groklab.model.Populable;
import org.groklab.model.Population;
import org.groklab.spec.SpecException;
import org.groklab.spec.SpecLoader;
import org.groklab.train.Events;
import org.groklab.train.Metrics;
import org.groklab.train.Outcome;
import org.groklab.train.PopulationTrainer;
import org.groklab.train.Progress;
import org.groklab.train.Setup;
import org.groklab.train.Trainer;
import org.groklab.train.Trend;

/**
 * Runs a spec into a run directory, or resumes one: build the run's parts through its kind, train, then write the
 * summary. Figures are drawn afterwards from the directory's files, by the command that trained.
 */
public final class Runner {
    private Runner() {
    }

    /** Trains a new run into {@code out}, which must be absent or empty, with the kernels this machine prefers. */
    public static Summary train(SpecLoader.Loaded spec, Path out, Progress progress) {
        return train(spec, out, progress, Kernels.preferred());
    }

    /** Trains a new run into {@code out} with the given kernels. */
    public static Summary train(SpecLoader.Loaded spec, Path out, Progress progress, Kernels kernels) {
        try (DirectoryLock lock = RunDirectory.lockFresh(out)) {
            Kind kind = Kinds.of(spec.spec());
            Setup setup;
            try {
                setup = kind.setup(spec.spec(), kernels);
            } catch (RuntimeException | OutOfMemoryError e) {
                if (e instanceof SpecException se) {
                    throw se;
                }
                return RunDirectory.writeFailed(out, spec, e); // a failed run says so in its summary.json
            }
            RunDirectory dir = RunDirectory.create(out, spec, kind.splitJson(spec.spec(), setup.split()),
                    Metrics.header(setup.model().params(), setup.extraMetricNames()));
            return execute(dir, setup, -1, events(spec), 0, progress);
        }
    }

    /**
     * Continues an interrupted run from its latest checkpoint. Rows written after that checkpoint are dropped and
     * recomputed, so the finished run has the same bytes as an uninterrupted one.
     */
    public static Summary resume(Path path, Progress progress) {
        try (DirectoryLock lock = RunDirectory.lockRun(path)) {
            return resumeLocked(path, progress);
        }
    }

    private static Summary resumeLocked(Path path, Progress progress) {
        RunDirectory dir = RunDirectory.open(path);
        if (dir.complete()) {
            throw new SpecException("RUN_DIR", path + " is already complete (summary.json exists)");
        }
        Kind kind = Kinds.of(dir.spec().spec());
        Setup setup = kind.setup(dir.spec().spec(), Kernels.preferred());
        try {
            String split = Files.readString(path.resolve(RunDirectory.SPLIT), StandardCharsets.UTF_8).strip();
            if (!split.equals(kind.splitJson(dir.spec().spec(), setup.split()))) {
                throw new SpecException("RUN_DIR", path + "/split.json does not match the split its config makes");
            }
            long start = -1;
            Path latest = latestCheckpoint(dir);
            if (latest != null) {
                start = Checkpoint.restore(latest, setup.model(), setup.optimizer());
            }
            dir.truncateAfter(start, Metrics.header(setup.model().params(), setup.extraMetricNames()));
            Events events = events(dir.spec());
            MetricsTable metrics = MetricsTable.read(path);
            double[] steps = metrics.get("step");
            double[] trainAcc = metrics.get("train_acc");
            double[] testAcc = metrics.get("test_acc");
            for (int i = 0; i < metrics.rows(); i++) {
                events.observe((long) steps[i], trainAcc[i], testAcc[i]);
            }
            double previousSeconds = 0;
            List<String> timing = Files.readAllLines(path.resolve(RunDirectory.TIMING));
            if (timing.size() > 1) {
                previousSeconds = Double.parseDouble(timing.get(timing.size() - 1).split(",")[1]);
            }
            return execute(dir, setup, start, events, previousSeconds, progress);
        } catch (IOException e) {
            throw new SpecException("RUN_DIR", "cannot resume " + path + ": " + e.getMessage());
        }
    }

    /** The checkpoint with the highest step, or null. */
    public static Path latestCheckpoint(RunDirectory dir) throws IOException {
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
                                   double previousSeconds, Progress progress) {
        long t0 = System.nanoTime();
        Summary summary;
        try {
            Trainer.Result r = Trainer.run(setup, resumedFrom, events, sink(dir, setup, previousSeconds), progress);
            summary = finished(dir, setup, events, r, previousSeconds + (System.nanoTime() - t0) / 1e9);
        } catch (RuntimeException | IOException | OutOfMemoryError e) {
            summary = failed(dir, setup, events, previousSeconds + (System.nanoTime() - t0) / 1e9, e);
        }
        dir.writeSummary(summary);
        return summary;
    }

    /**
     * Trains new runs that differ only in their seed, each into its directory (absent or empty), in one
     * {@link PopulationTrainer population} when it supports them, each run solo after the other otherwise; either way
     * every directory ends with the bytes of its solo run (apart from wall times). Returns the summaries in order.
     */
    public static List<Summary> trainTogether(List<SpecLoader.Loaded> specs, List<Path> outs, Progress progress) {
        Kernels kernels = Kernels.preferred();
        List<Setup> setups = new ArrayList<>();
        Population population;
        try {
            for (SpecLoader.Loaded spec : specs) {
                setups.add(Kinds.of(spec.spec()).setup(spec.spec(), kernels));
            }
            population = PopulationTrainer.population(setups, PopulationKernels.preferred());
        } catch (RuntimeException | OutOfMemoryError e) {
            population = null; // a setup that fails fails again in its solo run, which says so in its summary
        }
        List<Summary> out = new ArrayList<>();
        if (population == null) {
            for (int i = 0; i < specs.size(); i++) {
                out.add(train(specs.get(i), outs.get(i), progress, kernels));
            }
            return out;
        }
        List<DirectoryLock> locks = new ArrayList<>();
        try {
            List<RunDirectory> dirs = new ArrayList<>();
            List<PopulationTrainer.Member> members = new ArrayList<>();
            for (int i = 0; i < specs.size(); i++) {
                locks.add(RunDirectory.lockFresh(outs.get(i)));
                SpecLoader.Loaded spec = specs.get(i);
                Setup setup = setups.get(i);
                Kind kind = Kinds.of(spec.spec());
                RunDirectory dir = RunDirectory.create(outs.get(i), spec, kind.splitJson(spec.spec(), setup.split()),
                        Metrics.header(setup.model().params(), setup.extraMetricNames()));
                dirs.add(dir);
                members.add(new PopulationTrainer.Member(setup, events(spec), sink(dir, setup, 0), progress));
            }
            long t0 = System.nanoTime();
            try {
                List<Trainer.Result> results = PopulationTrainer.run(members, population);
                double seconds = (System.nanoTime() - t0) / 1e9; // the population's wall time, shared by its members
                for (int i = 0; i < members.size(); i++) {
                    out.add(finished(dirs.get(i), setups.get(i), members.get(i).events(), results.get(i), seconds));
                }
            } catch (RuntimeException | IOException | OutOfMemoryError e) {
                out.clear();
                for (int i = 0; i < members.size(); i++) {
                    out.add(failed(dirs.get(i), setups.get(i), members.get(i).events(),
                            (System.nanoTime() - t0) / 1e9, e));
                }
            }
            for (int i = 0; i < dirs.size(); i++) {
                dirs.get(i).writeSummary(out.get(i));
            }
            return out;
        } finally {
            for (DirectoryLock lock : locks) {
                lock.close();
            }
        }
    }

    /**
     * Whether the runs of {@code spec} over {@code members} seeds were measured to train faster as a population
     * ({@link Populable#populationFaster}); false for models without one.
     */
    public static boolean populationFaster(SpecLoader.Loaded spec, int members) {
        Setup setup = Kinds.of(spec.spec()).setup(spec.spec(), Kernels.preferred());
        return setup.model() instanceof Populable p && p.populationFaster(members);
    }

    /** Whether the model of {@code spec} can train in a population at all ({@link Populable}). */
    public static boolean hasPopulation(SpecLoader.Loaded spec) {
        return Kinds.of(spec.spec()).setup(spec.spec(), Kernels.preferred()).model() instanceof Populable;
    }

    /** Where a run's training loop writes: its run directory. */
    private static Trainer.Sink sink(RunDirectory dir, Setup setup, double previousSeconds) {
        return new Trainer.Sink() {
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
                if (setup.snapshots() != null) {
                    setup.snapshots().write(dir.root(), step, dir.runId());
                }
            }
        };
    }

    /** The summary of a loop that ended (finished, stopped or diverged); drops the resume checkpoint. */
    private static Summary finished(RunDirectory dir, Setup setup, Events events, Trainer.Result r, double seconds)
            throws IOException {
        Files.deleteIfExists(dir.resumeCheckpoint());
        Outcome outcome = r.divergedAt() >= 0 ? Outcome.DIVERGED : events.outcome();
        return summary(dir, outcome, events, setup.spec().train().steps(), r.stepsDone(), r.divergedAt(), r.last(),
                seconds, null);
    }

    private static Summary failed(RunDirectory dir, Setup setup, Events events, double seconds, Throwable e) {
        return summary(dir, Outcome.FAILED, events, setup.spec().train().steps(), -1, -1, null, seconds, e.toString());
    }

    private static Summary summary(RunDirectory dir, Outcome outcome, Events events, long total, long done,
                                   long divergedAt, Metrics last, double seconds, String error) {
        // the last evaluated row: this process's, or the one a resumed run wrote before its interruption
        Map<String, Double> fin = new LinkedHashMap<>();
        if (last != null) {
            fin.put("train_loss", last.trainLoss());
            fin.put("train_acc", last.trainAcc());
            fin.put("test_loss", last.testLoss());
            fin.put("test_acc", last.testAcc());
        } else {
            MetricsTable m = MetricsTable.read(dir.root());
            if (m.rows() > 0) {
                for (String name : List.of("train_loss", "train_acc", "test_loss", "test_acc")) {
                    fin.put(name, m.last(name));
                }
            }
        }
        Trend trend = null;
        String waiting = Trend.waitingOn(outcome);
        if (waiting != null) {
            MetricsTable m = MetricsTable.read(dir.root());
            trend = Trend.of(waiting, m.get("step"), m.get(waiting));
        }
        return new Summary(dir.runId(), dir.spec().spec().name(), outcome.label(),
                trend != null && trend.stillImproving(), trend, step(events.memorized()),
                step(events.generalized()), step(events.delay()), total, done, step(divergedAt), fin, seconds, error,
                Version.VERSION);
    }

    private static Long step(long s) {
        return s < 0 ? null : s;
    }
}
