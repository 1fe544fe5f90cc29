package org.groklab.loss;

import org.groklab.data.Targets;

import org.groklab.math.Exp;
import org.groklab.math.Kernels;
import org.groklab.math.Kernels64;

/**
 * Softmax cross-entropy with a stable log-sum-exp; {@link Exp} and StrictMath keep it identical on every machine.
 * With a single output it is the binary (sigmoid) cross-entropy of label 1 against 0, log(1 + e^z) − y z, as for
 * PAIR's parity MLP (shared/seeds/002: "we're only outputting 1 or 0, so W_out can be a single column").
 */
public record CrossEntropy(Loss.Reduction reduction) implements Loss {

    @Override
    public double evaluate(float[] out, Targets targets, int n, int classes, float[] dOut) {
        int[] labels = Loss.classes(targets, "cross_entropy");
        if (classes == 1) {
            return binary(out, labels, n, dOut);
        }
        double div = reduction.divisor(n, classes);
        // softmax − onehot in double from the exponentials of the sum, rounded to float once; both kernel sets give
        // the same bits (the double sum runs in class order in each), so the loss takes the preferred ones
        return Kernels.preferred().softmaxCrossEntropy(out, labels, n, classes, (float) (1 / div), dOut) / div;
    }

    /**
     * In float64 throughout (JAX's log_softmax with x64 enabled): per row, max over the row, e_c =
     * StrictMath.exp(out_c − max), sum = e_0 + e_1 + ... in class order, loss_row = (max + log(sum)) − out_label;
     * the rows summed in order and divided by the reduction's divisor. dOut_c = (e_c / sum − [c = label]) / divisor.
     */
    @Override
    public double evaluate64(double[] out, Targets targets, int n, int classes, double[] dOut) {
        int[] labels = Loss.classes(targets, "cross_entropy");
        if (classes == 1) {
            throw new UnsupportedOperationException("the single-output cross-entropy has no float64 form");
        }
        double div = reduction.divisor(n, classes);
        return Kernels64.preferred().softmaxCrossEntropy(out, labels, n, classes, div, dOut) / div;
    }

    /** Mean over examples of softplus(z) − y z, written stably as max(z, 0) − y z + log(1 + e^−|z|). */
    private static double binary(float[] out, int[] labels, int n, float[] dOut) {
        double total = 0;
        double scale = 1.0 / n;
        for (int i = 0; i < n; i++) {
            double z = out[i];
            int y = labels[i];
            double e = Exp.exp(-Math.abs(z));
            total += Math.max(z, 0) - y * z + StrictMath.log1p(e);
            if (dOut != null) {
                double sigmoid = z >= 0 ? 1 / (1 + e) : e / (1 + e);
                dOut[i] = (float) ((sigmoid - y) * scale);
            }
        }
        return total / n;
    }
}
