package org.groklab.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
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

    /** Runs (or continues) every run of the sweep; returns the outcome counts of all its runs. */
    public static Status run(SweepDirectory dir, int workers, Listener listener) {
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
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, workers), r -> {
            Thread t = new Thread(r, "groklab-sweep-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            ExecutorCompletionService<String> ecs = new ExecutorCompletionService<>(pool);
            for (SweepPlan.Run r : todo) {
                ecs.submit(() -> {
                    try {
                        return runOne(dir.root(), r).outcome();
                    } catch (RuntimeException | Error e) {
                        dir.recordError(r.runId(), e);
                        return "error";
                    }
                });
            }
            for (int i = 0; i < todo.size(); i++) {
                String outcome = ecs.take().get();
                outcomes.merge(outcome, 1, Integer::sum);
                done++;
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
            deleteTree(dir);
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

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
