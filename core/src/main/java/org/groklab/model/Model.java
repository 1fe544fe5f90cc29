package org.groklab.model;

import org.groklab.data.Batch;
import java.util.List;
import java.util.Map;

/**
 * A small network with hand-written forward and backward passes. A model is not thread-safe: it caches the
 * activations of its last {@link #forward} for {@link #backward}.
 */
public interface Model {

    /** Parameters in a fixed order, under the names used in checkpoints. */
    List<Param> params();

    /** Number of outputs (logits) per example. */
    int outputs();

    /** The outputs for every example of the batch, {@code batch.size() × outputs()}, row-major. */
    float[] forward(Batch batch);

    /**
     * Sets every parameter's gradient to d(loss)/d(param), given d(loss)/d(outputs) of the last {@link #forward}.
     */
    void backward(float[] dOutputs);

    /**
     * Called before each forward pass with the step (the updates done so far) and whether the pass trains: a
     * model whose forward pass is stochastic (e.g. neuron noise) draws it from the step's stream when training.
     */
    default void prepare(long step, boolean training) {
    }

    /**
     * A regularization term of the last forward pass, in the loss's units, added to the loss; {@link #backward}
     * includes its gradient. 0 for most models.
     */
    default double regularization() {
        return 0;
    }

    /** Named hidden activations (each {@code batch.size() × units}) for analysis. */
    Map<String, float[]> hidden(Batch batch);

    default long parameterCount() {
        long n = 0;
        for (Param p : params()) {
            n += p.size();
        }
        return n;
    }

    default Param param(String name) {
        for (Param p : params()) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no parameter named " + name + " in " + params());
    }

    default void zeroGrads() {
        for (Param p : params()) {
            p.zeroGrad();
        }
    }
}
