package org.groklab.optim;

import java.util.List;
import java.util.Map;
import org.groklab.model.Param;

/**
 * Updates parameters in place from their gradients. Its state (moments, momentum buffers and the update count)
 * is exposed by name so that checkpoints can save it and a resumed run continues bit for bit.
 */
public interface Optimizer {

    /** One update of every parameter with learning rate {@code lr}. */
    void step(List<Param> params, float lr);

    /** Number of updates made so far. */
    long updates();

    /** State tensors, keyed "kind.paramName" (e.g. "exp_avg.E"), each the size of its parameter. */
    Map<String, float[]> state();

    /** Restores the state saved by {@link #state()} and {@link #updates()}. */
    void restore(Map<String, float[]> state, long updates);

    /** Changes the weight decay of the following updates (optimizer.decay_switch_at). */
    default void setWeightDecay(double weightDecay) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no adjustable weight decay");
    }
}
