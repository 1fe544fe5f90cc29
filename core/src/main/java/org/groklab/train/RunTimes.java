package org.groklab.train;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a training run's wall-clock time went: the steps themselves (forward, backward, update), the evaluations,
 * and writing metrics, checkpoints and snapshots; and how long after the process started its first step was done.
 *
 * @param firstStepAfterStart seconds from the process's start to the end of the run's first step (-1 if none)
 */
public record RunTimes(double steps, double evaluation, double writing, double firstStepAfterStart) {

    /** Accumulates the times as the loop goes. */
    static final class Clock {
        private long steps;
        private long evaluation;
        private long writing;
        private double firstStep = -1;
        private long mark;

        void start() {
            mark = System.nanoTime();
        }

        /** The step's work since the last mark is done; {@code updated}: its update too (the step is complete). */
        void stepDone(boolean updated) {
            long now = System.nanoTime();
            steps += now - mark;
            mark = now;
            if (updated && firstStep < 0) {
                firstStep = ProcessHandle.current().info().startInstant()
                        .map(t -> Duration.between(t, Instant.now()).toNanos() / 1e9).orElse(-1.0);
            }
        }

        void evaluationDone() {
            long now = System.nanoTime();
            evaluation += now - mark;
            mark = now;
        }

        void writingDone() {
            long now = System.nanoTime();
            writing += now - mark;
            mark = now;
        }

        RunTimes times() {
            return new RunTimes(steps / 1e9, evaluation / 1e9, writing / 1e9, firstStep);
        }
    }
}
