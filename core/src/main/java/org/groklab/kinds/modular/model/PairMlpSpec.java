package org.groklab.kinds.modular.model;

import static org.groklab.spec.Checks.require;

import org.groklab.spec.RunSpec;

/** {@code model.type: pair-mlp}: PAIR's explorable (002), embedding, one hidden ReLU layer, unembedding. */
public record PairMlpSpec(String type, int dEmbed, int width, boolean tiedEmbedding, boolean collapsedHidden,
                          boolean collapsedOutput) implements ModularModelSpec {
    @Override
    public void validate(RunSpec s) {
        org.groklab.spec.Checks.range("model.width", width, 1, 100_000);
        org.groklab.spec.Checks.range("model.d_embed", dEmbed, 1, 100_000);
        require(!(collapsedHidden && !collapsedOutput && tiedEmbedding), "model.tied_embedding",
                "must be false when collapsed_hidden removes E and the output is not collapsed");
    }
}
