package org.groklab.optim;

import org.groklab.math.DecayRule;

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

    /** The rule as the kernels' optimizer updates take it. */
    DecayRule rule() {
        return DecayRule.valueOf(name());
    }
}
