package org.groklab.sweep;

/**
 * Whether the local executor trains the seeds of a sweep cell together as a population ({@code --population}).
 * Either way every run directory gets the same bytes (wall times apart); only the speed differs.
 */
public enum PopulationMode {
    /** A population where its model was measured faster than one run after the other (see BENCHMARKS.md). */
    AUTO,
    /** Every run on its own. */
    OFF,
    /** A population wherever the model supports one. */
    ON;

    /** The mode named by a command-line value (auto, off, on). */
    public static PopulationMode parse(String value) {
        for (PopulationMode m : values()) {
            if (m.name().equalsIgnoreCase(value)) {
                return m;
            }
        }
        throw new org.groklab.spec.SpecException("--population", "must be auto, off or on, got " + value);
    }
}
