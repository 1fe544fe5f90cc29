package org.groklab.spec;

import java.util.List;

/**
 * Everything that defines a run. Loaded from YAML or JSON over {@code defaults.yaml} (which documents every key);
 * snake_case in files, camelCase here. Same spec, same seed: the same bytes.
 */
public record RunSpec(String name, String source, long seed, Task task, ModelSpec model, LossSpec loss,
                      OptimizerSpec optimizer, Training train, Eval eval, Checkpoints checkpoints) {

    /** The task: type "modular" (arithmetic over Z_p). */
    public record Task(String type, int p, String operation, String pairs, double trainFraction, double labelNoise,
                       long tableSeed) {
    }

    /** The model: "pair-mlp" (PAIR's explorable) or "gromov-mlp" (Gromov / Liu's essay). */
    public record ModelSpec(String type, int dEmbed, int width, boolean tiedEmbedding, boolean collapsedHidden,
                            boolean collapsedOutput, String activation, int layers) {
    }

    /** The loss: cross_entropy, mse or hinge; reduction "examples" or "elements". */
    public record LossSpec(String type, String reduction) {
    }

    /** Optimizer, weight decay, learning-rate schedule and clipping. */
    public record OptimizerSpec(String type, double lr, List<Double> betas, double eps, double momentum,
                                boolean nesterov, double weightDecay, String decay, String schedule,
                                int warmupSteps, double minLrFactor, double gradClip) {
    }

    /** Number of updates; batch_size 0 means full batch. */
    public record Training(long steps, int batchSize) {
    }

    /** When metrics are taken and what counts as an event. */
    public record Eval(int every, int perDecade, double memorizeAt, double generalizeAt, double grokTestAcc) {
    }

    /** Geometric checkpoints per decade of steps, and the rolling resume checkpoint's period. */
    public record Checkpoints(int perDecade, int resumeEvery) {
    }
}
