package org.groklab.train;

import java.util.ArrayList;
import java.util.List;

/** A {@link Trainer.Sink} for tests: keeps the metrics rows and the steps of checkpoints and snapshots. */
public final class RecordingSink implements Trainer.Sink {
    public final List<Metrics> rows = new ArrayList<>();
    public final List<Long> checkpoints = new ArrayList<>();
    public final List<Long> snapshots = new ArrayList<>();

    @Override
    public void metrics(Metrics m) {
        rows.add(m);
    }

    @Override
    public void timing(long step, double elapsedSeconds, double secondsPerStep) {
    }

    @Override
    public void checkpoint(long step, boolean rolling) {
        if (!rolling) {
            checkpoints.add(step);
        }
    }

    @Override
    public void snapshot(long step) {
        snapshots.add(step);
    }
}
