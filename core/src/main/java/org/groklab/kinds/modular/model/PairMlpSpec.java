package org.groklab.kinds.modular.model;

import static org.groklab.spec.Checks.require;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.groklab.spec.RunSpec;

/**
 * {@code model.type: pair-mlp}: PAIR's explorable (002), embedding, one hidden ReLU layer, unembedding;
 * {@code precision} chooses the number format of its parameters and arithmetic.
 */
public record PairMlpSpec(String type, int dEmbed, int width, boolean tiedEmbedding, boolean collapsedHidden,
                          boolean collapsedOutput, Precision precision) implements ModularModelSpec {

    /** The number formats of a pair-mlp ({@code model.precision}). */
    public enum Precision {
        /** Everything float32 ({@link PairMlp}). */
        @JsonProperty("float32") FLOAT32,
        /** Everything float64: parameters, optimizer state, products, activations, loss ({@link PairMlp64}). */
        @JsonProperty("float64") FLOAT64,
        /**
         * PAIR's training notebook (jax_enable_x64): the embedding (and an untied unembedding) float32 with float32
         * gradient and optimizer state, everything else float64 ({@link PairMlp64}).
         */
        @JsonProperty("pair") PAIR
    }

    /** The precision, float32 when the spec does not say (a run written before the key existed). */
    @Override
    public Precision precision() {
        return precision == null ? Precision.FLOAT32 : precision;
    }

    @Override
    public void validate(RunSpec s) {
        org.groklab.spec.Checks.range("model.width", width, 1, 100_000);
        org.groklab.spec.Checks.range("model.d_embed", dEmbed, 1, 100_000);
        require(!(collapsedHidden && !collapsedOutput && tiedEmbedding), "model.tied_embedding",
                "must be false when collapsed_hidden removes E and the output is not collapsed");
        if (precision() != Precision.FLOAT32) {
            String which = "model.precision " + precision().name().toLowerCase(java.util.Locale.ROOT);
            require(!collapsedHidden && !collapsedOutput, "model.precision",
                    "must be float32 for a collapsed pair-mlp (collapsed_hidden or collapsed_output true); got "
                            + which.substring("model.precision ".length()));
            require(s.loss().type() == RunSpec.LossType.CROSS_ENTROPY, "loss.type",
                    "must be cross_entropy with " + which + " (the float64 loss)");
            require(s.optimizer().type() != RunSpec.OptimizerType.SGD, "optimizer.type",
                    "must be adam or adamw with " + which + " (the float64 update)");
        }
    }
}
