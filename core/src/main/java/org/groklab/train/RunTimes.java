package org.groklab.train;

import java.lang.management.ManagementFactory;
import java.time.Instant;

/**
 * Where a training run's wall-clock time went: the steps themselves (forward, backward, update), the evaluations,
 * and writing metrics, checkpoints and snapshots; and how long after the command started its first step was done.
 *
 * @param firstStepAfterStart seconds from the command's start ({@link #sinceStart}) to the end of the run's first step
 *                            (-1 if none)
 */
public record RunTimes(double steps, double evaluation, double writing, double firstStepAfterStart) {

    /**
     * The system property the launcher ({@code bin/groklab}) sets to the moment it started, in seconds since the epoch
     * (its shell's clock, to the microsecond).
     */
    public static final String LAUNCHED_PROPERTY = "groklab.launched";

    /**
     * Seconds from the command's start to {@code now}: from the launcher's start when it passed
     * {@value #LAUNCHED_PROPERTY}, otherwise from the JVM's start. Not from the process's start time as the
     * operating system reports it: on Linux that is counted from the boot time in whole seconds, up to a second off.
     */
    public static double sinceStart(Instant now) {
        String launched = System.getProperty(LAUNCHED_PROPERTY, "");
        double nowSeconds = now.getEpochSecond() + now.getNano() / 1e9;
        if (!launched.isEmpty()) {
            try {
                double t = Double.parseDouble(launched.replace(',', '.'));
                if (Double.isFinite(t) && t <= nowSeconds) {
                    return nowSeconds - t;
                }
            } catch (NumberFormatException ignored) {
                // not the launcher's clock: fall back to the JVM's start
            }
        }
        long uptime = ManagementFactory.getRuntimeMXBean().getUptime(); // from the JVM's first moments
        return nowSeconds - (System.currentTimeMillis() - uptime) / 1e3;
    }

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
                firstStep = sinceStart(Instant.now());
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
