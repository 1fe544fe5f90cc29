package org.groklab.kinds.ctrnn;

import static org.groklab.spec.Checks.range;
import static org.groklab.spec.Checks.require;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.groklab.spec.RunSpec;
import org.groklab.spec.TaskSpec;

/**
 * {@code task.type: set}: Murray's sequence task (000, Appendix A): three coloured inputs a, b, c, label +1 when
 * a + b + c = 0 (mod 3); congruence relations held out of training as in Appendix D.
 */
public record SetTaskSpec(String type, int inputDim, int heldOut, Condition holdOut, int trialsPerRelation,
                          int validationPerRelation, int steps, int inputSteps, int minGap, int leadIn, int tail)
        implements TaskSpec {

    /** Which relations may be held out (Appendix D's three conditions). */
    public enum Condition {
        /** (1) valid and invalid relations alike, from all 27. */
        @JsonProperty("both") BOTH,
        /** (2) only valid relations (9). */
        @JsonProperty("valid") VALID,
        /** (3) only invalid relations (18). */
        @JsonProperty("invalid") INVALID;

        HoldOut holdOut() {
            return switch (this) {
                case BOTH -> HoldOut.BOTH;
                case VALID -> HoldOut.VALID_ONLY;
                case INVALID -> HoldOut.INVALID_ONLY;
            };
        }
    }

    @Override
    public void validate(RunSpec s) {
        range("task.input_dim", inputDim, 1, 10_000);
        require(holdOut != null, "task.hold_out", "one of both, valid, invalid");
        int pool = holdOut.holdOut().pool().length;
        require(heldOut >= 0 && heldOut < pool, "task.held_out", "an integer in [0, " + (pool - 1)
                + "] (the " + holdOut.name().toLowerCase(java.util.Locale.ROOT) + " condition has " + pool
                + " relations, at least one must stay in training), got " + heldOut);
        range("task.trials_per_relation", trialsPerRelation, 1, 100_000);
        range("task.validation_per_relation", validationPerRelation, 1, 100_000);
        range("task.steps", steps, 1, 10_000);
        range("task.input_steps", inputSteps, 1, 1_000);
        range("task.min_gap", minGap, 0, 1_000);
        range("task.lead_in", leadIn, 0, 1_000);
        range("task.tail", tail, 0, 1_000);
        require(leadIn + 3 * inputSteps + 2 * minGap + tail <= steps, "task.steps",
                "must hold lead_in + 3 input_steps + 2 min_gap + tail = "
                        + (leadIn + 3 * inputSteps + 2 * minGap + tail) + ", got " + steps);
        require(s.loss().type() == RunSpec.LossType.MSE && s.loss().reduction() == RunSpec.Reduction.ELEMENTS,
                "loss", "the set task is scored by mse with reduction elements (Murray's Eq. 7)");
    }

    /** The task generator's settings. */
    public SetTaskConfig config() {
        return new SetTaskConfig(inputDim, new TrialTiming(steps, inputSteps, minGap, leadIn, tail),
                holdOut.holdOut(), heldOut, trialsPerRelation, validationPerRelation);
    }
}
