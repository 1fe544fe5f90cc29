package org.groklab.cli;

import org.groklab.train.Metrics;
import org.groklab.train.Progress;
import org.groklab.train.RunTimes;

/** Passes the progress on, and keeps where the run's time went for the command's last line. */
final class TimedProgress implements Progress {
    private final Progress inner;
    private volatile RunTimes times;

    TimedProgress(Progress inner) {
        this.inner = inner;
    }

    @Override
    public void evaluated(Metrics m, long totalSteps, double seconds) {
        inner.evaluated(m, totalSteps, seconds);
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
