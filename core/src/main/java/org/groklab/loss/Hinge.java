package org.groklab.loss;

import org.groklab.data.Targets;

/**
 * Hinge loss max(0, 1 − y f(x)) for a single-output model with y = +1 for label 1 and −1 for label 0, averaged
 * over examples (the thesis's objective, shared/seeds/003). With several classes it is the multi-class hinge of
 * Crammer and Singer, max(0, 1 + max_{c≠y} f_c − f_y).
 */
public record Hinge() implements Loss {

    @Override
    public double evaluate(float[] out, Targets targets, int n, int classes, float[] dOut) {
        int[] labels = Loss.classes(targets, "hinge");
        double total = 0;
        float scale = 1f / n;
        for (int i = 0; i < n; i++) {
            int row = i * classes;
            if (classes == 1) {
                float y = labels[i] == 1 ? 1f : -1f;
                float margin = 1 - y * out[i];
                total += Math.max(0, margin);
                if (dOut != null) {
                    dOut[i] = margin > 0 ? -y * scale : 0f;
                }
                continue;
            }
            int label = labels[i];
            int rival = -1;
            for (int c = 0; c < classes; c++) {
                if (c != label && (rival < 0 || out[row + c] > out[row + rival])) {
                    rival = c;
                }
            }
            float margin = 1 + out[row + rival] - out[row + label];
            total += Math.max(0, margin);
            if (dOut != null) {
                for (int c = 0; c < classes; c++) {
                    dOut[row + c] = 0f;
                }
                if (margin > 0) {
                    dOut[row + rival] = scale;
                    dOut[row + label] = -scale;
                }
            }
        }
        return total / n;
    }
}
