package org.groklab.loss;

/** Squared error against one-hot targets (Gromov's objective); for one output the target is ±1. */
public record MeanSquaredError(Loss.Reduction reduction) implements Loss {

    @Override
    public double evaluate(float[] out, int[] labels, int n, int classes, float[] dOut) {
        double total = 0;
        double div = reduction.divisor(n, classes);
        float scale = (float) (2 / div);
        for (int i = 0; i < n; i++) {
            int row = i * classes;
            for (int c = 0; c < classes; c++) {
                float target = classes == 1 ? (labels[i] == 1 ? 1f : -1f) : (c == labels[i] ? 1f : 0f);
                float diff = out[row + c] - target;
                total += (double) diff * diff;
                if (dOut != null) {
                    dOut[row + c] = diff * scale;
                }
            }
        }
        return total / div;
    }
}
