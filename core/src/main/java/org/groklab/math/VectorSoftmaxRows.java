package org.groklab.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SoftmaxRows} on the Vector API, with the same bits: the row maximum as a lane-wise maximum (Math.max's
 * order, exact, so independent of the grouping), the exponentials by {@link VectorExp} and the gradient lane by lane.
 * The sum of the exponentials stays one sequential double chain in class order, as in the plain rows. A row whose
 * maximum is not finite (a NaN or an infinity in it) is handed to the plain row, so NaNs keep their payloads.
 */
final class VectorSoftmaxRows {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int LD = D.length();
    /** As many float lanes as D has double lanes. */
    private static final VectorSpecies<Float> FD =
            VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2));

    private VectorSoftmaxRows() {
    }

    static double crossEntropy(float[] out, int[] labels, int n, int classes, float gradScale, float[] dOut) {
        double total = 0;
        double[] exps = new double[classes];
        for (int i = 0; i < n; i++) {
            int row = i * classes;
            int label = labels[i];
            float max = max(out, row, classes);
            if (!Float.isFinite(max)) {
                total += SoftmaxRows.row(out, row, label, classes, gradScale, dOut, exps);
                continue;
            }
            VectorExp.expShifted(out, row, max, exps, 0, classes);
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += exps[c];
            }
            total += max + StrictMath.log(sum) - out[row + label];
            if (dOut != null) {
                double inv = 1 / sum;
                int full = classes - classes % LD;
                for (int c = 0; c < full; c += LD) {
                    ((FloatVector) DoubleVector.fromArray(D, exps, c).mul(inv).convertShape(VectorOperators.D2F, FD, 0))
                            .mul(gradScale).intoArray(dOut, row + c);
                }
                for (int c = full; c < classes; c++) {
                    dOut[row + c] = (float) (exps[c] * inv) * gradScale;
                }
                dOut[row + label] = (float) (exps[label] * inv - 1) * gradScale;
            }
        }
        return total;
    }

    /** Math.max over out[row..row+classes): any NaN gives a NaN (the plain row then gives its own). */
    private static float max(float[] out, int row, int classes) {
        int l = S.length();
        float max;
        int c;
        if (classes >= l) {
            FloatVector m = FloatVector.fromArray(S, out, row);
            for (c = l; c + l <= classes; c += l) {
                m = m.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, out, row + c));
            }
            max = m.reduceLanes(VectorOperators.MAX);
        } else {
            max = out[row];
            c = 1;
        }
        for (; c < classes; c++) {
            max = Math.max(max, out[row + c]);
        }
        return max;
    }

    static double crossEntropy64(double[] out, int[] labels, int n, int classes, double div, double[] dOut) {
        double total = 0;
        double[] e = new double[classes];
        for (int i = 0; i < n; i++) {
            int row = i * classes;
            int label = labels[i];
            double max = max(out, row, classes);
            if (!Double.isFinite(max)) {
                total += SoftmaxRows.row64(out, row, label, classes, div, dOut, e);
                continue;
            }
            VectorExp.strictExpShifted(out, row, max, e, 0, classes);
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += e[c];
            }
            total += (max + StrictMath.log(sum)) - out[row + label];
            if (dOut != null) {
                int full = classes - classes % LD;
                for (int c = 0; c < full; c += LD) {
                    DoubleVector.fromArray(D, e, c).div(sum).div(div).intoArray(dOut, row + c);
                }
                for (int c = full; c < classes; c++) {
                    dOut[row + c] = e[c] / sum / div;
                }
                dOut[row + label] = (e[label] / sum - 1) / div;
            }
        }
        return total;
    }

    /** Math.max over out[row..row+classes) from −∞. */
    private static double max(double[] out, int row, int classes) {
        double max = Double.NEGATIVE_INFINITY;
        int c = 0;
        if (classes >= LD) {
            DoubleVector m = DoubleVector.fromArray(D, out, row);
            for (c = LD; c + LD <= classes; c += LD) {
                m = m.lanewise(VectorOperators.MAX, DoubleVector.fromArray(D, out, row + c));
            }
            max = m.reduceLanes(VectorOperators.MAX);
        }
        for (; c < classes; c++) {
            max = Math.max(max, out[row + c]);
        }
        return max;
    }
}
