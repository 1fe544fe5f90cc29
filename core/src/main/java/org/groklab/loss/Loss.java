package org.groklab.loss;

import org.groklab.data.Scoring;
import org.groklab.data.Targets;

/**
 * A training objective over a batch of model outputs ({@code n × outputs}, row-major) and their targets (class ids,
 * or float values with a mask of the scored time steps). Implementations are stateless.
 */
public interface Loss {

    /**
     * The loss of the batch; when {@code dOut} is not null, also writes d(loss)/d(outputs) into it.
     */
    double evaluate(float[] out, Targets targets, int n, int outputs, float[] dOut);

    /**
     * The loss of float64 outputs, in float64 (a model of {@code model.precision} float64 or pair); when
     * {@code dOut} is not null, also writes d(loss)/d(outputs) into it in float64. Losses without a float64 form
     * throw (validation keeps them away from such models).
     */
    default double evaluate64(double[] out, Targets targets, int n, int outputs, double[] dOut) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no float64 form");
    }

    /** The loss against class ids: {@link #evaluate(float[], Targets, int, int, float[])} of {@link Targets.Classes}. */
    default double evaluate(float[] out, int[] labels, int n, int classes, float[] dOut) {
        return evaluate(out, new Targets.Classes(labels), n, classes, dOut);
    }

    /** The class ids of class targets; a loss that needs them names itself when given float targets. */
    static int[] classes(Targets targets, String loss) {
        if (targets instanceof Targets.Classes c) {
            return c.ids();
        }
        throw new IllegalArgumentException(loss + " needs class targets; this task has float targets (use mse)");
    }

    /** How per-element terms are averaged. */
    enum Reduction {
        /** Sum over classes, mean over examples (PyTorch's cross_entropy). */
        EXAMPLES,
        /** Mean over examples and classes (PyTorch's mse_loss; the PAIR model's cross-entropy). */
        ELEMENTS;

        double divisor(int n, int classes) {
            return this == EXAMPLES ? n : (double) n * classes;
        }
    }

    /** Fraction of examples whose prediction is the label: argmax (ties to the lowest class), or sign for one output. */
    static double accuracy(float[] out, int[] labels, int n, int classes) {
        return Scoring.CLASS.accuracy(out, new Targets.Classes(labels), n, classes);
    }
}
