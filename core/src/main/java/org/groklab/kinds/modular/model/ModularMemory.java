package org.groklab.kinds.modular.model;

import static org.groklab.kind.ResourceEstimate.add;
import static org.groklab.kind.ResourceEstimate.mul;
import static org.groklab.kind.ResourceEstimate.sum;

import org.groklab.kind.ResourceEstimate;
import org.groklab.kinds.modular.task.ModularTaskSpec;
import org.groklab.spec.RunSpec;

/**
 * The heap of a modular-arithmetic run, counted from the arrays {@link GromovMlp}, {@link PairMlp} and the split
 * allocate: p² examples of three ints at most, and a forward pass over up to all of them (the evaluation of the
 * train or test set, or a full batch).
 */
public final class ModularMemory {
    private ModularMemory() {
    }

    /** The estimate for a spec. */
    public static ResourceEstimate of(RunSpec spec) {
        long p = ModularTaskSpec.of(spec).p();
        long examples = mul(p, p);
        long stored = mul(examples, 3); // tokens a, b and the label
        int slots = ResourceEstimate.optimizerSlots(spec);
        return switch ((ModularModelSpec) spec.model()) {
            case PairMlpSpec s -> {
                long d = s.dEmbed();
                long w = s.width();
                // collapsed maps and their gradients, the scratch of the output map, a copy of O E^T
                long buffers = sum(mul(4, mul(p, w)), mul(Math.max(p, w), Math.max(d, Math.max(p, w))), mul(p, d));
                // per example: pre, act, dAct (w each); logits, their gradient, probabilities, scores (p each)
                yield ResourceEstimate.of("task.p, model.d_embed, model.width",
                        pairParams(p, d, w, s.tiedEmbedding(), s.collapsedHidden(), s.collapsedOutput()), slots,
                        add(stored, buffers), examples, add(mul(3, w), mul(4, p)));
            }
            case GromovMlpSpec s -> {
                long m = s.width();
                long buffers = add(mul(4, mul(p, m)), Math.max(mul(m, m), mul(p, m)));
                // per example: pre and post activation of each layer and their gradients; outputs as above
                long perExample = add(mul(s.layers() == 2 ? 7 : 4, m), mul(4, p));
                yield ResourceEstimate.of("task.p, model.width", gromovParams(p, m, s.layers()), slots,
                        add(stored, buffers), examples, perExample);
            }
        };
    }

    /** Parameters of gromov-mlp: W1 (M x 2p), W_mid (M x M) with two layers, W2 (p x M). */
    public static long gromovParams(long p, long width, int layers) {
        return sum(mul(width, mul(2, p)), layers >= 2 ? mul(width, width) : 0, mul(p, width));
    }

    /**
     * Parameters of pair-mlp: E (p x d), H (d x w), O (w x d) and U (p x d) when not tied; the collapsed forms
     * W_in (p x w) and W_out (w x p) replace E H and O E^T.
     */
    public static long pairParams(long p, long dEmbed, long width, boolean tied, boolean collapsedHidden,
                                  boolean collapsedOutput) {
        long hidden = collapsedHidden ? mul(p, width) : add(mul(p, dEmbed), mul(dEmbed, width));
        long output = collapsedOutput ? mul(width, p)
                : add(mul(width, dEmbed), tied && !collapsedHidden ? 0 : mul(p, dEmbed));
        return add(hidden, output);
    }
}
