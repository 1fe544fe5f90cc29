package org.groklab.kinds.parity;

import static org.groklab.spec.Checks.require;

import org.groklab.spec.RunSpec;
import org.groklab.spec.TaskSpec;

/** {@code task.type: parity}: (n, k)-parity, the thesis (003) and PAIR's 1s-and-0s task (002). */
public record ParityTaskSpec(String type, int n, int k, int trainSize, int testSize, long testSeed,
                             SparseParity.Bits bits, double labelNoise) implements TaskSpec {
    @Override
    public void validate(RunSpec s) {
        require(n >= 1 && n <= 1000, "task.n", "an integer in [1, 1000], got " + n);
        require(k >= 1 && k <= n, "task.k", "an integer in [1, task.n = " + n + "], got " + k);
        require(trainSize >= 1 && trainSize <= 1_000_000, "task.train_size",
                "an integer in [1, 1000000], got " + trainSize);
        require(testSize >= 0 && testSize <= 1_000_000, "task.test_size",
                "an integer in [0, 1000000] (0 = every input not in the training set), got " + testSize);
        require(testSize > 0 || n <= 16, "task.test_size",
                "0 (every unseen input) needs task.n <= 16, got n = " + n);
        require(testSize > 0 || trainSize < (1 << Math.min(n, 16)), "task.train_size",
                "must leave unseen inputs for test_size 0: less than 2^n = " + (1 << Math.min(n, 16)));
        require(bits != null, "task.bits", "one of pm1, 01");
        require(labelNoise >= 0 && labelNoise < 1, "task.label_noise", "must be in [0, 1), got " + labelNoise);
        require(s.loss().type() != RunSpec.LossType.MSE, "loss.type", "one of hinge, cross_entropy; got mse");
    }

    /** The task this section describes. */
    public SparseParity task() {
        return new SparseParity(n, k, bits);
    }
}
