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

    /**
     * One update with the learning rate both rounded to float32 ({@code lr}, for float32 parameters) and as
     * computed ({@code lrExact}, for float64 ones). Optimizers without float64 parameters use {@code lr}.
     */
    default void step(List<Param> params, float lr, double lrExact) {
        for (Param p : params) {
            if (p.isFloat64()) {
                throw new IllegalArgumentException(getClass().getSimpleName() + " has no float64 form (" + p + ")");
            }
        }
        step(params, lr);
    }

    /** Number of updates made so far. */
    long updates();

    /** State tensors, keyed "kind.paramName" (e.g. "exp_avg.E"), each the size of its parameter. */
    Map<String, float[]> state();

    /** Restores the state saved by {@link #state()} and {@link #updates()}. */
    void restore(Map<String, float[]> state, long updates);

    /** State tensors of float64 parameters, keyed as {@link #state()}; empty when there are none. */
    default Map<String, double[]> state64() {
        return Map.of();
    }

    /** Restores the state saved by {@link #state64()} (after {@link #restore}). */
    default void restore64(Map<String, double[]> state) {
        if (!state.isEmpty()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " has no float64 state");
        }
    }

    /** Changes the weight decay of the following updates (optimizer.decay_switch_at). */
    default void setWeightDecay(double weightDecay) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no adjustable weight decay");
    }
}
