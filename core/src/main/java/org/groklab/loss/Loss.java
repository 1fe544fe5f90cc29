package org.groklab.loss;

/**
 * A training objective over a batch of model outputs ({@code n × classes}, row-major) and integer labels.
 * Implementations are stateless.
 */
public interface Loss {

    /**
     * The loss of the batch; when {@code dOut} is not null, also writes d(loss)/d(outputs) into it.
     */
    double evaluate(float[] out, int[] labels, int n, int classes, float[] dOut);

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
        int correct = 0;
        for (int i = 0; i < n; i++) {
            if (predict(out, i, classes) == labels[i]) {
                correct++;
            }
        }
        return n == 0 ? Double.NaN : (double) correct / n;
    }

    /** The predicted class of example i. */
    static int predict(float[] out, int i, int classes) {
        if (classes == 1) {
            return out[i] > 0 ? 1 : 0;
        }
        int row = i * classes;
        int best = 0;
        float bestValue = out[row];
        for (int c = 1; c < classes; c++) {
            if (out[row + c] > bestValue) {
                bestValue = out[row + c];
                best = c;
            }
        }
        return best;
    }
}
