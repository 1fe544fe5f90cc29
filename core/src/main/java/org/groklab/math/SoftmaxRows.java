package org.groklab.math;

/**
 * Softmax cross-entropy rows with the arithmetic of groklab's {@code CrossEntropy} loss (see
 * {@link Kernels#softmaxCrossEntropy}). The sum of the exponentials runs in double in class order, a sequential
 * chain that a vector unit cannot reorder without changing bits, so both kernel sets share this code.
 */
final class SoftmaxRows {
    private SoftmaxRows() {
    }

    static double crossEntropy(float[] out, int[] labels, int n, int classes, float gradScale, float[] dOut) {
        double total = 0;
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
                double inv = 1 / sum;
                for (int c = 0; c < classes; c++) {
                    dOut[row + c] = (float) (exps[c] * inv - (c == labels[i] ? 1 : 0)) * gradScale;
                }
            }
        }
        return total;
    }
}
