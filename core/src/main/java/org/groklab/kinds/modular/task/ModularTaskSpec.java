package org.groklab.kinds.modular.task;

import static org.groklab.spec.Checks.openUnit;
import static org.groklab.spec.Checks.range;
import static org.groklab.spec.Checks.require;

import org.groklab.spec.Checks;
import org.groklab.spec.RunSpec;
import org.groklab.spec.TaskSpec;

/** {@code task.type: modular}: a binary operation over Z_p as a p-class classification task. */
public record ModularTaskSpec(String type, int p, Operation operation, Pairs pairs, double trainFraction,
                              double labelNoise, long tableSeed) implements TaskSpec {

    /** Which ordered pairs are examples. */
    public enum Pairs {
        /** Every ordered pair (a, b). */
        @com.fasterxml.jackson.annotation.JsonProperty("all") ALL,
        /** a <= b only, as PAIR (commutative operations). */
        @com.fasterxml.jackson.annotation.JsonProperty("symmetric") SYMMETRIC
    }

    @Override
    public void validate(RunSpec s) {
        range("task.p", p, 2, 1000);
        require(operation != null, "task.operation", "one of " + String.join(", ",
                org.groklab.spec.Words.all(Operation.class)));
        require(operation != Operation.DIV || Operation.isPrime(p), "task.p",
                "must be prime for operation div, got " + p);
        require(pairs != null, "task.pairs", "one of all, symmetric");
        require(pairs != Pairs.SYMMETRIC || operation.commutative() || operation == Operation.RANDOM, "task.pairs",
                "symmetric needs a commutative operation (add, mul, quad) or random, got "
                        + org.groklab.spec.Words.of(operation));
        openUnit("task.train_fraction", trainFraction);
        require(labelNoise >= 0 && labelNoise < 1, "task.label_noise", "must be in [0, 1), got " + labelNoise);
        require(!Checks.snapshotsOn(s), "snapshots", "snapshots are written for parity-mlp runs only");
    }

    /** The task section of a modular-arithmetic spec. */
    public static ModularTaskSpec of(RunSpec spec) {
        return (ModularTaskSpec) spec.task();
    }

    /** The task this section describes. */
    public ModularArithmetic arithmetic() {
        return new ModularArithmetic(p, operation, pairs == Pairs.SYMMETRIC, tableSeed);
    }
}
