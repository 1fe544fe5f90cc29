package org.groklab.kinds.ctrnn;

/** One trial of the SET task: colours a, b, c shown from steps o1, o2, o3 (onsets) for the timing's input length. */
public record SetTrial(int a, int b, int c, int o1, int o2, int o3) {

    public Relation relation() {
        return new Relation(a, b, c);
    }

    /** +1 iff a + b + c = 0 (mod 3), else -1. */
    public int label() {
        return relation().label();
    }

    public int colour(int position) {
        return relation().colour(position);
    }

    public int onset(int position) {
        return switch (position) {
            case 0 -> o1;
            case 1 -> o2;
            case 2 -> o3;
            default -> throw new IllegalArgumentException("position must be 0, 1 or 2: " + position);
        };
    }

    /** The colour shown at {@code step}, or -1 when the step is empty. */
    public int colourAt(int step, TrialTiming timing) {
        for (int p = 0; p < 3; p++) {
            int o = onset(p);
            if (step >= o && step < o + timing.inputSteps()) {
                return colour(p);
            }
        }
        return -1;
    }
}
