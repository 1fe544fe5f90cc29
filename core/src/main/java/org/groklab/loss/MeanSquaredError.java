package org.groklab.loss;

import org.groklab.data.Targets;

/**
 * Squared error. Against class ids: one-hot targets (Gromov's objective), ±1 for a single output. Against float
 * targets: only the scored time steps count, and the reduction divides by the number of examples (examples) or by
 * examples × scored steps × outputs (elements).
 */
public record MeanSquaredError(Loss.Reduction reduction) implements Loss {

    @Override
    public double evaluate(float[] out, Targets targets, int n, int classes, float[] dOut) {
        if (targets instanceof Targets.Values v) {
            return values(out, v, n, dOut);
        }
        int[] labels = ((Targets.Classes) targets).ids();
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

    private double values(float[] out, Targets.Values v, int n, float[] dOut) {
        int width = v.outputs() * v.steps();
        double div = reduction.divisor(n, v.outputs() * v.scoredSteps());
        float scale = (float) (2 / div);
        double total = 0;
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < v.steps(); t++) {
                boolean scored = v.mask()[t] != 0;
                for (int o = 0; o < v.outputs(); o++) {
                    int at = i * width + t * v.outputs() + o;
                    float diff = scored ? out[at] - v.values()[at] : 0f;
                    total += (double) diff * diff;
                    if (dOut != null) {
                        dOut[at] = diff * scale;
                    }
                }
            }
        }
        return total / div;
    }
}
