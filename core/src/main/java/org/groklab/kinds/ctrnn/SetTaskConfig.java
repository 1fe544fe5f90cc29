package org.groklab.kinds.ctrnn;

/**
 * Settings of the SET task (Murray, Appendices A and D).
 *
 * @param inputDim              length of each colour's N(0, 1) vector (100)
 * @param timing                when inputs may appear ({@link TrialTiming#MURRAY})
 * @param condition             which kind of relation is held out of training
 * @param heldOut               how many relations are held out (0..27, 0..9 or 0..18 by condition)
 * @param trialsPerRelation     the least number of training trials per relation (50); relations of the rarer label
 *                              get more, so that both labels have about the same number of trials
 * @param validationPerRelation validation trials per held-out relation (per relation of all 27 when none is held
 *                              out, so that a run without held-out relations still measures fresh trials)
 */
public record SetTaskConfig(int inputDim, TrialTiming timing, HoldOut condition, int heldOut, int trialsPerRelation,
                            int validationPerRelation) {

    /** Murray's task with nothing held out. */
    public static final SetTaskConfig MURRAY = new SetTaskConfig(100, TrialTiming.MURRAY, HoldOut.BOTH, 0, 50, 50);

    public SetTaskConfig {
        if (inputDim < 1) {
            throw new IllegalArgumentException("task.input_dim must be >= 1: " + inputDim);
        }
        if (timing == null || condition == null) {
            throw new IllegalArgumentException("task.timing and task.condition are required");
        }
        int pool = condition.pool().length;
        if (heldOut < 0 || heldOut > pool) {
            throw new IllegalArgumentException("task.held_out for " + condition.name().toLowerCase()
                    + " must be in 0.." + pool + ": " + heldOut);
        }
        if (trialsPerRelation < 1 || validationPerRelation < 1) {
            throw new IllegalArgumentException("task.trials_per_relation and task.validation_per_relation must be"
                    + " >= 1: " + trialsPerRelation + ", " + validationPerRelation);
        }
    }

    public SetTaskConfig withHeldOut(HoldOut condition, int heldOut) {
        return new SetTaskConfig(inputDim, timing, condition, heldOut, trialsPerRelation, validationPerRelation);
    }

    public SetTaskConfig withInputDim(int inputDim) {
        return new SetTaskConfig(inputDim, timing, condition, heldOut, trialsPerRelation, validationPerRelation);
    }
}
