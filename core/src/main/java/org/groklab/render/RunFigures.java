package org.groklab.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import org.groklab.figures.LearningCurves;
import org.groklab.io.FileTrees;
import org.groklab.kind.Kinds;
import org.groklab.math.Kernels;
import org.groklab.run.MetricsTable;
import org.groklab.run.EventUnits;
import org.groklab.run.RunDirectory;
import org.groklab.run.Summary;

/**
 * The figures of a run, drawn after training from its files: the learning curves of every run, then the figures
 * its kind adds. Commands that train (train, resume, sweeps) call it; training itself never draws.
 */
public final class RunFigures {
    /** Set once a run's figures are being drawn in this process. */
    private static final AtomicBoolean DRAWING = new AtomicBoolean();

    private RunFigures() {
    }

    /**
     * Starts drawing throwaway learning curves into a temporary directory (deleted afterwards) on a low-priority
     * daemon thread, so that the charting, font and image-encoding code is loaded and compiled while a run trains
     * and its own figures take less time at the end; it starts once the kernels are warm (the float32 ones, and the
     * float64 ones when the run has begun to use them), so that it does not compete with their warm-up for the
     * cores, and not at all once the run's own figures have begun (a short run can end before the kernels are warm).
     * Draws nothing of the run; failures are ignored.
     */
    public static void warmUpInBackground() {
        Thread t = new Thread(() -> {
            Path dir = null;
            try {
                Kernels.awaitStartedWarmUps();
                if (DRAWING.get()) { // the run's own figures have begun: they warm the code up themselves
                    return;
                }
                dir = Files.createTempDirectory("groklab-figures-");
                double[] step = {0, 1, 10, 100};
                double[] loss = {1, 0.5, 0.1, 0.01};
                double[] acc = {0, 0.5, 0.9, 1};
                LearningCurves.write(dir, "warm-up", new LearningCurves.Curves(step, loss, loss, acc, acc), true);
            } catch (IOException | RuntimeException | LinkageError e) {
                // only a warm-up: the run's own figures report their errors
            } finally {
                FileTrees.deleteQuietly(dir);
            }
        }, "groklab-figures-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /** Draws into {@code RUN/figures}, PNG and (when {@code svg}) SVG; returns the files written. */
    public static List<Path> draw(Path runDir, boolean svg) {
        return draw(runDir, svg, false);
    }

    /**
     * {@link #draw}, with the learning curves drawn on a second thread while the run's kind draws its own figures (and
     * computes their analyses): for a process that draws one run with nothing else to do, e.g. {@code train} once
     * it has trained. The same files, byte for byte.
     */
    public static List<Path> drawAlongside(Path runDir, boolean svg) {
        return draw(runDir, svg, true);
    }

    private static List<Path> draw(Path runDir, boolean svg, boolean alongside) {
        DRAWING.set(true);
        RunDirectory dir = RunDirectory.open(runDir);
        MetricsTable m = MetricsTable.read(runDir);
        LearningCurves.Marks marks = LearningCurves.Marks.NONE;
        if (dir.complete()) {
            Summary s = dir.readSummary();
            List<LearningCurves.Event> events = new ArrayList<>();
            if (s.memorizationStep() != null) {
                events.add(new LearningCurves.Event("memorization (" + EventUnits.at(m, s.memorizationStep()) + ")",
                        s.memorizationStep(), LearningCurves.Event.MEMORIZATION));
            }
            if (s.generalizationStep() != null) {
                events.add(new LearningCurves.Event("generalization (" + EventUnits.at(m, s.generalizationStep())
                        + ")", s.generalizationStep(), LearningCurves.Event.GENERALIZATION));
            }
            marks = new LearningCurves.Marks(s.trend(), events);
        }
        LearningCurves.Marks curveMarks = marks;
        Callable<List<Path>> curves = () -> LearningCurves.write(runDir.resolve(RunDirectory.FIGURES),
                dir.spec().spec().name() + " (" + dir.runId() + ")",
                new LearningCurves.Curves(m.get("step"), m.get("train_loss"), m.get("test_loss"),
                        m.get("train_acc"), m.get("test_acc")), curveMarks, svg);
        FutureTask<List<Path>> curvesTask = new FutureTask<>(curves);
        if (alongside) {
            Thread t = new Thread(curvesTask, "groklab-learning-curves");
            t.setDaemon(true);
            t.start();
        } else {
            curvesTask.run();
        }
        List<Path> kind;
        try {
            kind = Kinds.of(dir.spec().spec()).drawFigures(runDir, svg);
        } finally {
            awaitQuietly(curvesTask); // neither thread is left writing when this returns or throws
        }
        List<Path> written = new ArrayList<>(result(curvesTask));
        written.addAll(kind);
        return written;
    }

    private static void awaitQuietly(FutureTask<?> task) {
        boolean interrupted = false;
        while (true) {
            try {
                task.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                break; // reported by result()
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The learning curves' files, or their failure as it was thrown. */
    private static List<Path> result(FutureTask<List<Path>> task) {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            if (c instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(c);
        }
    }
}
