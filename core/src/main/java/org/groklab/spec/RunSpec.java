package org.groklab.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Everything that defines a run. Loaded from YAML or JSON over {@code defaults.yaml} and the defaults of the run's
 * kind (see {@link SpecKind}); snake_case in files, camelCase here. Same spec, same seed: the same bytes.
 * The task and model sections are typed per kind ({@link TaskSpec}, {@link ModelSpec}); the rest is common.
 */
public record RunSpec(String name, String source, long seed, TaskSpec task, ModelSpec model, LossSpec loss,
                      OptimizerSpec optimizer, Training train, Eval eval, Checkpoints checkpoints,
                      Snapshots snapshots) {

    /** The loss and how per-element terms are averaged. */
    public record LossSpec(LossType type, Reduction reduction) {
    }

    public enum LossType {
        @JsonProperty("cross_entropy") CROSS_ENTROPY,
        @JsonProperty("mse") MSE,
        @JsonProperty("hinge") HINGE
    }

    public enum Reduction {
        /** Sum over classes, mean over examples (PyTorch's cross_entropy). */
        @JsonProperty("examples") EXAMPLES,
        /** Mean over examples and classes (PyTorch's mse_loss; the PAIR model's cross-entropy). */
        @JsonProperty("elements") ELEMENTS
    }

    /** Optimizer, weight decay, learning-rate schedule and clipping. */
    public record OptimizerSpec(OptimizerType type, double lr, List<Double> betas, double eps, double momentum,
                                boolean nesterov, double weightDecay, Decay decay, Schedule schedule,
                                int warmupSteps, double minLrFactor, double gradClip, DecaySwitch decaySwitchAt,
                                double decaySwitchTo) {
    }

    public enum OptimizerType {
        @JsonProperty("sgd") SGD,
        @JsonProperty("adam") ADAM,
        @JsonProperty("adamw") ADAMW
    }

    /** How weight decay is applied; {@code default} is decoupled for AdamW and L2 otherwise. */
    public enum Decay {
        @JsonProperty("default") DEFAULT,
        @JsonProperty("decoupled") DECOUPLED,
        @JsonProperty("l2") L2,
        @JsonProperty("l1") L1,
        @JsonProperty("decoupled_l1") DECOUPLED_L1
    }

    public enum Schedule {
        @JsonProperty("constant") CONSTANT,
        @JsonProperty("cosine") COSINE
    }

    /** The event after which the weight decay becomes {@code decay_switch_to}. */
    public enum DecaySwitch {
        @JsonProperty("none") NONE,
        @JsonProperty("memorization") MEMORIZATION,
        @JsonProperty("generalization") GENERALIZATION
    }

    /**
     * Number of updates; batch_size 0 means full batch; stop_after_generalized > 0 ends a run early once that many
     * evaluations in a row have held test accuracy at or above eval.generalize_at (its outcome is decided);
     * drop_last leaves out the short last minibatch of each epoch (the training set's size modulo batch_size).
     */
    public record Training(long steps, int batchSize, int stopAfterGeneralized, boolean dropLast) {
    }

    /** When metrics are taken and what counts as an event. */
    public record Eval(int every, int perDecade, double memorizeAt, double generalizeAt, double grokTestAcc) {
    }

    /** Geometric checkpoints per decade of steps, and the rolling resume checkpoint's period. */
    public record Checkpoints(int perDecade, int resumeEvery) {
    }

    /**
     * Files of a run's internal state for later analysis (parity runs: output weights and hidden activations on the
     * training set), every {@code every} steps (0 = off) and at the listed {@code steps}.
     */
    public record Snapshots(long every, List<Long> steps) {
    }
}
