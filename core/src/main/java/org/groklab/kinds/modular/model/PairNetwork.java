package org.groklab.kinds.modular.model;

import org.groklab.model.Model;

/**
 * PAIR's one-layer MLP in any precision: what the analyses read of it, its collapsed maps. logits = ReLU(W_in[a] +
 * W_in[b]) · W_out.
 */
public interface PairNetwork extends Model {

    /** W_in = E H (p × w), the collapsed input map, rounded to float32. */
    float[] inputMap();

    /** W_out = O Eᵀ (w × p), the collapsed output map, rounded to float32. */
    float[] outputMap();
}
