package org.groklab.math;

/**
 * The scalars of one Adam step, as groklab's {@code Adam} computes them before its loop: {@code stepSize} =
 * (float) (lr / (1 − β1^t)) and {@code bc2Sqrt} = (float) sqrt(1 − β2^t), both from double.
 */
public record AdamStep(float beta1, float beta2, float eps, float lr, float lambda, DecayRule decay, float stepSize,
                       float bc2Sqrt) {
}
