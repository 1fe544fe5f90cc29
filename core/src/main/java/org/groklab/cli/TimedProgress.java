package org.groklab.cli;

import org.groklab.train.Metrics;
import org.groklab.train.Progress;
import org.groklab.train.RunTimes;

/**
 * Passes the progress on, keeps where the run's time went for the command's last line, and runs a task once when the
 * first step is done.
 */
final class TimedProgress implements Progress {
    private final Progress inner;
    private volatile RunTimes times;
    private Runnable onFirstStep;

    TimedProgress(Progress inner) {
        this.inner = inner;
    }

    @Override
    public void evaluated(Metrics m, long totalSteps, double seconds) {
        inner.evaluated(m, totalSteps, seconds);
    }

    @Override
    public void firstStepDone() {
        if (onFirstStep != null) {
            Runnable r = onFirstStep;
            onFirstStep = null;
            r.run();
        }
        inner.firstStepDone();
    }

    /** Runs {@code r} once, when the first step is done (or never). */
    void onFirstStep(Runnable r) {
        onFirstStep = r;
    }

    @Override
    public void finished(RunTimes t) {
        times = t;
        inner.finished(t);
    }

    /** The run's times, or null when it did not finish its loop. */
    RunTimes times() {
        return times;
    }
}
