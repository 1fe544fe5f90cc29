package org.groklab.kinds.parity;


import org.groklab.spec.ModelSpec;
import org.groklab.spec.RunSpec;

/** {@code model.type: parity-mlp}: one hidden ReLU layer and one output, the thesis's FF1 or PAIR's parity MLP. */
public record ParityMlpSpec(String type, int width, boolean hiddenBias, boolean inputOne) implements ModelSpec {
    @Override
    public void validate(RunSpec s) {
        org.groklab.spec.Checks.range("model.width", width, 1, 100_000);
    }
}
