package org.groklab.optim;

/** How weight decay enters an update. */
public enum WeightDecay {
    /** w ← w − lr·λ·w before the update, independent of the gradient (AdamW, Loshchilov and Hutter). */
    DECOUPLED,
    /** λ·w added to the gradient (classic L2 regularisation, PyTorch's weight_decay on SGD and Adam). */
    L2,
    /** λ·sign(w) added to the gradient (L1 regularisation, PAIR's sparse-parity models). */
    L1,
    /** w ← w − lr·λ·sign(w) before the update, independent of the gradient: L1 decay applied the AdamW way. */
    DECOUPLED_L1;

    /** Adds the coupled decay term to {@code g} for weights {@code w}; no-op for the decoupled kinds. */
    float coupled(float g, float w, float lambda) {
        return switch (this) {
            case DECOUPLED, DECOUPLED_L1 -> g;
            case L2 -> g + lambda * w;
            case L1 -> g + lambda * Math.signum(w);
        };
    }

    /** The decoupled step on one weight before the update (w unchanged for the coupled kinds). */
    float decoupled(float w, float lr, float lambda) {
        return switch (this) {
            case DECOUPLED -> w * (1 - lr * lambda);
            case DECOUPLED_L1 -> w - lr * lambda * Math.signum(w);
            case L2, L1 -> w;
        };
    }

    /** {@link #coupled(float, float, float)} in float64. */
    double coupled(double g, double w, double lambda) {
        return switch (this) {
            case DECOUPLED, DECOUPLED_L1 -> g;
            case L2 -> g + lambda * w;
            case L1 -> g + lambda * Math.signum(w);
        };
    }

    /** {@link #decoupled(float, float, float)} in float64. */
    double decoupled(double w, double lr, double lambda) {
        return switch (this) {
            case DECOUPLED -> w * (1 - lr * lambda);
            case DECOUPLED_L1 -> w - lr * lambda * Math.signum(w);
            case L2, L1 -> w;
        };
    }
}
