package org.groklab.math;

/**
 * The scalars of one Adam step on a float64 parameter, as groklab's {@code Adam} computes them before its loop:
 * {@code stepSize} = lr / (1 − β1^t) and {@code bc2Sqrt} = sqrt(1 − β2^t), in double, the hyperparameters as given.
 */
public record AdamStep64(double beta1, double beta2, double eps, double lr, double lambda, DecayRule decay,
                         double stepSize, double bc2Sqrt) {
}
