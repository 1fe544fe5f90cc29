package org.groklab.train;

import java.nio.file.Path;

/** Writes a kind's snapshot files of the run's internal state at a step (spec section {@code snapshots}). */
public interface Snapshotter {
    void write(Path runDir, long step, String runId);
}
