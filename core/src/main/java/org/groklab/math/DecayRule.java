package org.groklab.math;

/**
 * How weight decay enters an optimizer update in {@link Kernels#adamUpdate} and {@link Kernels#sgdUpdate}: the
 * same four rules as the optimizers' own, with the same float arithmetic.
 */
public enum DecayRule {
    /** w ← w · (1 − lr·λ) before the update (AdamW). */
    DECOUPLED,
    /** g ← g + λ·w. */
    L2,
    /** g ← g + λ·signum(w). */
    L1,
    /** w ← w − lr·λ·signum(w) before the update. */
    DECOUPLED_L1
}
