package org.groklab.loss;

import org.groklab.math.Exp;

/** Softmax cross-entropy with a stable log-sum-exp; {@link Exp} and StrictMath keep it identical on every machine. */
public record CrossEntropy(Loss.Reduction reduction) implements Loss {

    @Override
    public double evaluate(float[] out, int[] labels, int n, int classes, float[] dOut) {
        double total = 0;
        double div = reduction.divisor(n, classes);
        float scale = (float) (1 / div);
        double[] exps = new double[classes];
        for (int i = 0; i < n; i++) {
            int row = i * classes;
            float max = out[row];
            for (int c = 1; c < classes; c++) {
                max = Math.max(max, out[row + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                double e = Exp.exp(out[row + c] - max);
                exps[c] = e;
                sum += e;
            }
            total += max + StrictMath.log(sum) - out[row + labels[i]];
            if (dOut != null) {
                // softmax − onehot in double, from the exponentials of the sum; rounded to float once
                double inv = 1 / sum;
                for (int c = 0; c < classes; c++) {
                    dOut[row + c] = (float) (exps[c] * inv - (c == labels[i] ? 1 : 0)) * scale;
                }
            }
        }
        return total / div;
    }
}
