package org.groklab.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SoftmaxRows} on the Vector API, with the same bits: the row maximum as a lane-wise maximum (Math.max's
 * order, exact, so independent of the grouping), the exponentials by {@link VectorExp} and the gradient lane by lane.
 * The sum of the exponentials stays one sequential double chain in class order per row, as in the plain rows; the
 * chains of {@link #GROUP} rows run side by side so that the core overlaps their additions, and the rows' losses are
 * added to the total in row order. A group with a row whose maximum is not finite (a NaN or an infinity in it) is
 * handed to the plain rows, so NaNs keep their payloads. All of a group's logits are read before any of its
 * gradients is written.
 */
final class VectorSoftmaxRows {
    /** Rows whose sums run side by side. */
    static final int GROUP = 4;
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
        double[] exps = new double[GROUP * classes];
        float[] max = new float[GROUP];
        double[] sum = new double[GROUP];
        double[] loss = new double[GROUP];
        for (int i = 0; i < n; i += GROUP) {
            int rows = Math.min(GROUP, n - i);
            boolean finite = true;
            for (int r = 0; r < rows; r++) {
                max[r] = max(out, (i + r) * classes, classes);
                finite &= Float.isFinite(max[r]);
            }
            if (!finite) {
                for (int r = 0; r < rows; r++) {
                    total += SoftmaxRows.row(out, (i + r) * classes, labels[i + r], classes, gradScale, dOut, exps);
                }
                continue;
            }
            for (int r = 0; r < rows; r++) {
                VectorExp.expShifted(out, (i + r) * classes, max[r], exps, r * classes, classes);
            }
            sums(exps, classes, rows, sum);
            for (int r = 0; r < rows; r++) {
                loss[r] = max[r] + StrictMath.log(sum[r]) - out[(i + r) * classes + labels[i + r]];
            }
            for (int r = 0; r < rows; r++) {
                total += loss[r];
                if (dOut != null) {
                    gradient(exps, r * classes, 1 / sum[r], classes, labels[i + r], gradScale, dOut,
                            (i + r) * classes);
                }
            }
        }
        return total;
    }

    /** dOut[row + c] = (float) (e_c · inv − [c = label]) · gradScale. */
    private static void gradient(double[] exps, int e, double inv, int classes, int label, float gradScale,
                                 float[] dOut, int row) {
        int full = classes - classes % LD;
        for (int c = 0; c < full; c += LD) {
            ((FloatVector) DoubleVector.fromArray(D, exps, e + c).mul(inv).convertShape(VectorOperators.D2F, FD, 0))
                    .mul(gradScale).intoArray(dOut, row + c);
        }
        for (int c = full; c < classes; c++) {
            dOut[row + c] = (float) (exps[e + c] * inv) * gradScale;
        }
        dOut[row + label] = (float) (exps[e + label] * inv - 1) * gradScale;
    }

    /** sum[r] = e[r·classes] + e[r·classes + 1] + ... in class order, for r &lt; rows, the chains side by side. */
    private static void sums(double[] e, int classes, int rows, double[] sum) {
        if (rows == GROUP) {
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (int c = 0; c < classes; c++) {
                s0 += e[c];
                s1 += e[classes + c];
                s2 += e[2 * classes + c];
                s3 += e[3 * classes + c];
            }
            sum[0] = s0;
            sum[1] = s1;
            sum[2] = s2;
            sum[3] = s3;
            return;
        }
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int c = 0; c < classes; c++) {
                s += e[r * classes + c];
            }
            sum[r] = s;
        }
    }

    /** Math.max over out[row..row+classes): any NaN gives a NaN (the plain row then gives its own). */
    private static float max(float[] out, int row, int classes) {
        int l = S.length();
        if (classes < l) {
            float max = out[row];
            for (int c = 1; c < classes; c++) {
                max = Math.max(max, out[row + c]);
            }
            return max;
        }
        FloatVector m = FloatVector.fromArray(S, out, row);
        int c = l;
        for (; c + l <= classes; c += l) {
            m = m.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, out, row + c));
        }
        if (c < classes) {
            VectorMask<Float> rest = S.indexInRange(c, classes);
            m = m.lanewise(VectorOperators.MAX, FloatVector.fromArray(S, out, row + c, rest), rest);
        }
        return m.reduceLanes(VectorOperators.MAX);
    }

    static double crossEntropy64(double[] out, int[] labels, int n, int classes, double div, double[] dOut) {
        double total = 0;
        double[] e = new double[GROUP * classes];
        double[] max = new double[GROUP];
        double[] sum = new double[GROUP];
        double[] loss = new double[GROUP];
        for (int i = 0; i < n; i += GROUP) {
            int rows = Math.min(GROUP, n - i);
            boolean finite = true;
            for (int r = 0; r < rows; r++) {
                max[r] = max(out, (i + r) * classes, classes);
                finite &= Double.isFinite(max[r]);
            }
            if (!finite) {
                for (int r = 0; r < rows; r++) {
                    total += SoftmaxRows.row64(out, (i + r) * classes, labels[i + r], classes, div, dOut, e);
                }
                continue;
            }
            for (int r = 0; r < rows; r++) {
                VectorExp.strictExpShifted(out, (i + r) * classes, max[r], e, r * classes, classes);
            }
            sums(e, classes, rows, sum);
            for (int r = 0; r < rows; r++) {
                loss[r] = (max[r] + StrictMath.log(sum[r])) - out[(i + r) * classes + labels[i + r]];
            }
            for (int r = 0; r < rows; r++) {
                total += loss[r];
                if (dOut != null) {
                    gradient64(e, r * classes, sum[r], div, classes, labels[i + r], dOut, (i + r) * classes);
                }
            }
        }
        return total;
    }

    /** dOut[row + c] = (e_c / sum − [c = label]) / div. */
    private static void gradient64(double[] e, int off, double sum, double div, int classes, int label,
                                   double[] dOut, int row) {
        int full = classes - classes % LD;
        for (int c = 0; c < full; c += LD) {
            DoubleVector.fromArray(D, e, off + c).div(sum).div(div).intoArray(dOut, row + c);
        }
        for (int c = full; c < classes; c++) {
            dOut[row + c] = e[off + c] / sum / div;
        }
        dOut[row + label] = (e[off + label] / sum - 1) / div;
    }

    /** Math.max over out[row..row+classes) from −∞. */
    private static double max(double[] out, int row, int classes) {
        if (classes < LD) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, out[row + c]);
            }
            return max;
        }
        DoubleVector m = DoubleVector.fromArray(D, out, row);
        int c = LD;
        for (; c + LD <= classes; c += LD) {
            m = m.lanewise(VectorOperators.MAX, DoubleVector.fromArray(D, out, row + c));
        }
        if (c < classes) {
            VectorMask<Double> rest = D.indexInRange(c, classes);
            m = m.lanewise(VectorOperators.MAX, DoubleVector.fromArray(D, out, row + c, rest), rest);
        }
        return m.reduceLanes(VectorOperators.MAX);
    }
}
