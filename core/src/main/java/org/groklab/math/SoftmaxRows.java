package org.groklab.math;

/**
 * Softmax cross-entropy rows with the arithmetic of groklab's {@code CrossEntropy} loss (see
 * {@link Kernels#softmaxCrossEntropy} and {@link Kernels64#softmaxCrossEntropy}): the plain twins, one row at a
 * time. {@link VectorSoftmaxRows} gives the same bits and falls back on these rows when a row's maximum is not
 * finite.
 */
final class SoftmaxRows {
    private SoftmaxRows() {
    }

    static double crossEntropy(float[] out, int[] labels, int n, int classes, float gradScale, float[] dOut) {
        double total = 0;
        double[] exps = new double[classes];
        for (int i = 0; i < n; i++) {
            total += row(out, i * classes, labels[i], classes, gradScale, dOut, exps);
        }
        return total;
    }

    /** The loss of the float row at {@code row} (and its gradient when dOut is not null); exps is scratch. */
    static double row(float[] out, int row, int label, int classes, float gradScale, float[] dOut, double[] exps) {
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
        double loss = max + StrictMath.log(sum) - out[row + label];
        if (dOut != null) {
            double inv = 1 / sum;
            for (int c = 0; c < classes; c++) {
                dOut[row + c] = (float) (exps[c] * inv - (c == label ? 1 : 0)) * gradScale;
            }
        }
        return loss;
    }

    static double crossEntropy64(double[] out, int[] labels, int n, int classes, double div, double[] dOut) {
        double total = 0;
        double[] e = new double[classes];
        for (int i = 0; i < n; i++) {
            total += row64(out, i * classes, labels[i], classes, div, dOut, e);
        }
        return total;
    }

    /** The loss of the float64 row at {@code row} (and its gradient when dOut is not null); e is scratch. */
    static double row64(double[] out, int row, int label, int classes, double div, double[] dOut, double[] e) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, out[row + c]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            e[c] = StrictMath.exp(out[row + c] - max);
            sum += e[c];
        }
        double loss = (max + StrictMath.log(sum)) - out[row + label];
        if (dOut != null) {
            for (int c = 0; c < classes; c++) {
                dOut[row + c] = (e[c] / sum - (c == label ? 1 : 0)) / div;
            }
        }
        return loss;
    }
}
