package org.groklab.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.groklab.io.FileTrees;
import org.groklab.math.Kernels;
import org.groklab.render.RunFigures;
import org.groklab.run.RunDirectory;
import org.groklab.run.Runner;
import org.groklab.run.Summary;
import org.groklab.train.Progress;

/**
 * The local executor: one run per worker thread, each an ordinary run directory under the sweep (its learning
 * curves as PNG only: thousands of SVGs would fill a disk; sweep figures are drawn for the sweep). Finished runs
 * (with a summary.json) are kept, interrupted ones resume from their last checkpoint, and a run that throws is
 * recorded in errors.csv while the sweep goes on.
 */
public final class SweepRunner {

    /** Sweep-level progress: runs done of total, outcome counts so far, seconds elapsed. */
    public record Status(int done, int total, int skipped, Map<String, Integer> outcomes, double seconds) {
    }

    public interface Listener {
        void update(Status status);
    }

    private SweepRunner() {
    }

    /** Runs (or continues) every run of the sweep, each on its own; returns the outcome counts of all its runs. */
    public static Status run(SweepDirectory dir, int workers, Listener listener) {
        return run(dir, workers, PopulationMode.OFF, listener);
    }

    /**
     * Runs (or continues) every run of the sweep; returns the outcome counts of all its runs. With {@code population}
     * AUTO or ON, the fresh runs of a cell (its seeds: same spec but for the seed) train together as one population
     * on one worker, when the mode allows it for their model ({@link PopulationMode}); runs already begun resume
     * on their own.
     */
    public static Status run(SweepDirectory dir, int workers, PopulationMode population, Listener listener) {
        Kernels.skipPreferredWarmUp(); // a sweep counts runs per hour, not its first step's latency
        long t0 = System.nanoTime();
        List<SweepPlan.Run> todo = new ArrayList<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        int skipped = 0;
        for (SweepPlan.Run r : dir.plan().runs()) {
            if (dir.complete(r)) {
                String outcome;
                try {
                    outcome = readSummary(dir, r).outcome();
                } catch (RuntimeException e) { // a damaged summary.json is that run's error, not the sweep's
                    dir.recordError(r.runId(), e);
                    outcome = "error";
                }
                outcomes.merge(outcome, 1, Integer::sum);
                skipped++;
            } else {
                todo.add(r);
            }
        }
        int total = dir.plan().runs().size();
        int done = skipped;
        listener.update(new Status(done, total, skipped, new TreeMap<>(outcomes), 0));
        List<List<SweepPlan.Run>> tasks = tasks(dir, todo, population, Math.max(1, workers));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers), r -> {
            Thread t = new Thread(r, "groklab-sweep-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            ExecutorCompletionService<List<String>> ecs = new ExecutorCompletionService<>(pool);
            for (List<SweepPlan.Run> task : tasks) {
                ecs.submit(() -> task.size() == 1 ? List.of(one(dir, task.get(0))) : together(dir, task));
            }
            for (int i = 0; i < tasks.size(); i++) {
                for (String outcome : ecs.take().get()) {
                    outcomes.merge(outcome, 1, Integer::sum);
                    done++;
                }
                listener.update(new Status(done, total, skipped, new TreeMap<>(outcomes),
                        (System.nanoTime() - t0) / 1e9));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Status(done, total, skipped, outcomes, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * The work of the workers: one run each, or with AUTO or ON the fresh runs of one cell together (in plan order)
     * when there are two or more and the mode allows it for their model (ON: it has a population; AUTO: it was
     * measured faster). When there are fewer cells than workers, each cell is cut into as many populations as keep
     * every worker busy.
     */
    static List<List<SweepPlan.Run>> tasks(SweepDirectory dir, List<SweepPlan.Run> todo, PopulationMode mode,
                                           int workers) {
        List<List<SweepPlan.Run>> tasks = new ArrayList<>();
        Map<Integer, List<SweepPlan.Run>> cells = new TreeMap<>();
        for (SweepPlan.Run r : todo) {
            boolean fresh = !Files.isRegularFile(dir.run(r.runId()).resolve(RunDirectory.CONFIG));
            if (mode == PopulationMode.OFF || !fresh) {
                tasks.add(List.of(r));
            } else {
                cells.computeIfAbsent(r.cell(), c -> new ArrayList<>()).add(r);
            }
        }
        int parts = Math.max(1, workers / Math.max(1, cells.size()));
        Map<List<Object>, Boolean> faster = new java.util.HashMap<>(); // by model and member count
        for (List<SweepPlan.Run> cell : cells.values()) {
            int n = cell.size();
            for (int p = 0; p < parts; p++) {
                List<SweepPlan.Run> part = cell.subList(p * n / parts, (p + 1) * n / parts);
                boolean together = part.size() > 1 && faster.computeIfAbsent(List.of(
                        part.get(0).spec().spec().model(), part.size()), m -> pays(part.get(0), part.size(), mode));
                if (together) {
                    tasks.add(List.copyOf(part));
                } else {
                    part.forEach(r -> tasks.add(List.of(r)));
                }
            }
        }
        return tasks;
    }

    /** ON: whether the model has a population; AUTO: whether it was measured faster with this many members. */
    private static boolean pays(SweepPlan.Run run, int members, PopulationMode mode) {
        try {
            return mode == PopulationMode.ON ? Runner.hasPopulation(run.spec())
                    : Runner.populationFaster(run.spec(), members);
        } catch (RuntimeException e) { // a run whose setup fails says so in its own summary, trained on its own
            return false;
        }
    }

    private static String one(SweepDirectory dir, SweepPlan.Run r) {
        try {
            return runOne(dir.root(), r).outcome();
        } catch (RuntimeException | Error e) {
            dir.recordError(r.runId(), e);
            return "error";
        }
    }

    /** The runs of one cell trained together; each drawn and its errors recorded as a run on its own would be. */
    private static List<String> together(SweepDirectory dir, List<SweepPlan.Run> runs) {
        List<Path> outs = new ArrayList<>();
        for (SweepPlan.Run r : runs) {
            Path out = dir.root().resolve(SweepDirectory.RUNS).resolve(r.runId());
            FileTrees.delete(out);
            outs.add(out);
        }
        List<String> outcomes = new ArrayList<>();
        try {
            List<Summary> summaries = Runner.trainTogether(runs.stream().map(SweepPlan.Run::spec).toList(), outs,
                    Progress.NONE);
            for (int i = 0; i < runs.size(); i++) {
                outcomes.add(summaries.get(i).outcome());
                try {
                    if (!"failed".equals(summaries.get(i).outcome())) {
                        RunFigures.draw(outs.get(i), false); // the runs of a sweep draw PNG only
                    }
                } catch (RuntimeException | Error e) {
                    dir.recordError(runs.get(i).runId(), e);
                    outcomes.set(i, "error");
                }
            }
        } catch (RuntimeException | Error e) {
            for (SweepPlan.Run r : runs.subList(outcomes.size(), runs.size())) {
                dir.recordError(r.runId(), e);
                outcomes.add("error");
            }
        }
        return outcomes;
    }

    /**
     * Brings one run of the sweep rooted at {@code sweepRoot} to completion: keeps it if finished, resumes it if it
     * has a config, otherwise (re)starts it. Safe to call from any executor (threads here, Spark tasks there).
     */
    public static Summary runOne(Path sweepRoot, SweepPlan.Run run) {
        Path dir = sweepRoot.resolve(SweepDirectory.RUNS).resolve(run.runId());
        if (Files.isRegularFile(dir.resolve(RunDirectory.SUMMARY))) {
            return RunDirectory.open(dir).readSummary();
        }
        Summary s;
        if (Files.isRegularFile(dir.resolve(RunDirectory.CONFIG))) {
            s = Runner.resume(dir, Progress.NONE);
        } else {
            FileTrees.delete(dir);
            s = Runner.train(run.spec(), dir, Progress.NONE);
        }
        if (!"failed".equals(s.outcome())) {
            RunFigures.draw(dir, false); // the runs of a sweep draw PNG only
        }
        return s;
    }

    private static Summary readSummary(SweepDirectory dir, SweepPlan.Run r) {
        return RunDirectory.open(dir.run(r.runId())).readSummary();
    }

}
