package org.groklab.spec;

import java.util.List;

/** The checks a spec section runs on its values; each failure names its field and what is allowed. */
public final class Checks {
    private Checks() {
    }

    public static void require(boolean ok, String field, String allowed) {
        if (!ok) {
            throw new SpecException(field, allowed);
        }
    }

    public static void oneOf(String field, String value, List<String> allowed) {
        require(value != null && allowed.contains(value), field,
                "one of " + String.join(", ", allowed) + "; got " + value);
    }

    public static void positive(String field, long value) {
        require(value > 0, field, "must be > 0, got " + value);
    }

    /** An integer in [lo, hi]. */
    public static void range(String field, long value, long lo, long hi) {
        require(value >= lo && value <= hi, field, "an integer in [" + lo + ", " + hi + "], got " + value);
    }

    public static void openUnit(String field, double value) {
        require(value > 0 && value < 1, field, "must be in (0, 1), got " + value);
    }

    /** Whether the spec asks for snapshot files. */
    public static boolean snapshotsOn(RunSpec s) {
        RunSpec.Snapshots snap = s.snapshots();
        return snap != null && (snap.every() > 0 || (snap.steps() != null && !snap.steps().isEmpty()));
    }
}
