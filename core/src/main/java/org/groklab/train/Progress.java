package org.groklab.train;

/** Told about a run as it goes; the command line shows it, tests ignore it. */
public interface Progress {
    Progress NONE = (m, total, seconds) -> { };

    /** Called at every evaluated step with the wall-clock seconds since the run (or its resumption) started. */
    void evaluated(Metrics m, long totalSteps, double seconds);

    /** Called once, when the run's first update (since it started or resumed) is done. */
    default void firstStepDone() {
    }

    /** Called once when the loop ends, with where its time went. */
    default void finished(RunTimes times) {
    }
}
