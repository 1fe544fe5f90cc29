package org.groklab.train;

/**
 * Memorization and generalization events, read off the evaluated steps: memorization is the first evaluated step
 * whose train accuracy reaches {@code memorizeAt}, generalization the first whose test accuracy reaches
 * {@code generalizeAt}. Their resolution is the evaluation schedule.
 */
public final class Events {
    private final double memorizeAt;
    private final double generalizeAt;
    private final double grokTestAcc;
    private long memorized = -1;
    private long generalized = -1;
    private double testAccAtMemorization = Double.NaN;
    private int held;

    public Events(double memorizeAt, double generalizeAt, double grokTestAcc) {
        this.memorizeAt = memorizeAt;
        this.generalizeAt = generalizeAt;
        this.grokTestAcc = grokTestAcc;
    }

    /** Records an evaluated step; true when an event happened at it. */
    public boolean observe(long step, double trainAcc, double testAcc) {
        boolean event = false;
        if (memorized < 0 && trainAcc >= memorizeAt) {
            memorized = step;
            testAccAtMemorization = testAcc;
            event = true;
        }
        if (generalized < 0 && testAcc >= generalizeAt) {
            generalized = step;
            event = true;
        }
        held = generalized >= 0 && testAcc >= generalizeAt ? held + 1 : 0;
        return event;
    }

    /** How many evaluations in a row, up to the last, had test accuracy at or above the generalization level. */
    public int heldGeneralized() {
        return held;
    }

    /** The memorization step, or -1. */
    public long memorized() {
        return memorized;
    }

    /** The generalization step, or -1. */
    public long generalized() {
        return generalized;
    }

    /** generalization − memorization when both happened, else -1. */
    public long delay() {
        return memorized >= 0 && generalized >= 0 ? generalized - memorized : -1;
    }

    /** Test accuracy at the memorization step (NaN before it). */
    public double testAccAtMemorization() {
        return testAccAtMemorization;
    }

    /**
     * <ul>
     *   <li>no-learn: neither event;</li>
     *   <li>memorize-only: memorized, never generalized;</li>
     *   <li>grok: memorized while test accuracy was still at most {@code grokTestAcc}, generalized later;</li>
     *   <li>direct-generalize: generalized without memorizing first, or with test accuracy already above
     *       {@code grokTestAcc} when it memorized (train and test rose together).</li>
     * </ul>
     */
    public Outcome outcome() {
        if (generalized < 0) {
            return memorized < 0 ? Outcome.NO_LEARN : Outcome.MEMORIZE_ONLY;
        }
        if (memorized >= 0 && generalized > memorized && testAccAtMemorization <= grokTestAcc) {
            return Outcome.GROK;
        }
        return Outcome.DIRECT_GENERALIZE;
    }
}
