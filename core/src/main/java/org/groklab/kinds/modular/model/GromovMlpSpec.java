package org.groklab.kinds.modular.model;

import static org.groklab.spec.Checks.require;

import org.groklab.model.Activation;
import org.groklab.spec.RunSpec;

/** {@code model.type: gromov-mlp}: Gromov 2023 / Liu's essay (001), one-hot (a, b), no biases. */
public record GromovMlpSpec(String type, int width, Activation activation, int layers) implements ModularModelSpec {
    @Override
    public void validate(RunSpec s) {
        org.groklab.spec.Checks.range("model.width", width, 1, 100_000);
        require(activation != null, "model.activation", "one of " + String.join(", ",
                org.groklab.spec.Words.all(Activation.class)));
        require(layers == 1 || layers == 2, "model.layers", "must be 1 or 2, got " + layers);
    }
}
