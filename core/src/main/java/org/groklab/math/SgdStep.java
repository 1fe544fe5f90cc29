package org.groklab.math;

/**
 * The scalars of one SGD step; {@code first} is true on the optimizer's first update (the momentum buffer then
 * starts as the gradient itself).
 */
public record SgdStep(float lr, float momentum, boolean nesterov, float lambda, DecayRule decay, boolean first) {
}
