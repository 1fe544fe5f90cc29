package org.groklab.spec;

import java.util.List;

/**
 * Everything that defines a run. Loaded from YAML or JSON over {@code defaults.yaml} (which documents every key);
 * snake_case in files, camelCase here. Same spec, same seed: the same bytes.
 */
public record RunSpec(String name, String source, long seed, Task task, ModelSpec model, LossSpec loss,
                      OptimizerSpec optimizer, Training train, Eval eval, Checkpoints checkpoints,
                      Snapshots snapshots) {

    /**
     * The task: type "modular" (arithmetic over Z_p) or "parity" ((n, k)-parity: {@code n}, {@code k},
     * {@code trainSize}, {@code testSize}, {@code testSeed}, {@code bits}).
     */
    public record Task(String type, int p, String operation, String pairs, double trainFraction, double labelNoise,
                       long tableSeed, int n, int k, int trainSize, int testSize, long testSeed, String bits) {
    }

    /**
     * The model: "pair-mlp" (PAIR's explorable), "gromov-mlp" (Gromov / Liu's essay) or "parity-mlp" (one hidden
     * ReLU layer, scalar output: the thesis's FF1, or PAIR's parity MLP with {@code inputOne}).
     */
    public record ModelSpec(String type, int dEmbed, int width, boolean tiedEmbedding, boolean collapsedHidden,
                            boolean collapsedOutput, String activation, int layers, boolean hiddenBias,
                            boolean inputOne) {
    }

    /** The loss: cross_entropy, mse or hinge; reduction "examples" or "elements". */
    public record LossSpec(String type, String reduction) {
    }

    /** Optimizer, weight decay, learning-rate schedule and clipping. */
    public record OptimizerSpec(String type, double lr, List<Double> betas, double eps, double momentum,
                                boolean nesterov, double weightDecay, String decay, String schedule,
                                int warmupSteps, double minLrFactor, double gradClip, String decaySwitchAt,
                                double decaySwitchTo) {
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

    /**
     * Parity runs: files of the output weights and the hidden activations on the training set, every {@code every}
     * steps (0 = off) and at the listed {@code steps}.
     */
    public record Snapshots(long every, List<Long> steps) {
    }
}
