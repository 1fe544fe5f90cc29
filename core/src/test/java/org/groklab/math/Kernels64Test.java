package org.groklab.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

/**
 * The float64 vector products must give the very bits of the plain ones (same fma chain) on every shape: sizes 0 and
 * 1, row counts around the 4-row tile, column counts around one and two vector widths, with offsets and
 * accumulation. The plain products are checked against an independent sum of products.
 */
class Kernels64Test {
    private static final int L = DoubleVector.SPECIES_PREFERRED.length();
    private static final int[] M = {0, 1, 2, 3, 4, 5, 8, 9, 67};
    private static final int[] K = {0, 1, 3, 24, 67};
    private static final int[] N = {1, L - 1, L, L + 1, 2 * L - 1, 2 * L, 2 * L + 1, 3 * L + 3, 67};

    private enum Op { MATMUL, TRANS_A, TRANS_B }

    private static double[] random(Rng rng, int len) {
        double[] x = new double[len];
        for (int i = 0; i < len; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }

    private static double[] run(Kernels64 kern, Op op, double[] a, double[] b, double[] c0, int off, int m, int k,
                                int n, boolean acc) {
        double[] c = c0.clone();
        switch (op) {
            case MATMUL -> kern.matmul(a.clone(), off, b.clone(), off + 1, c, off + 2, m, k, n, acc);
            case TRANS_A -> kern.matmulTransA(a.clone(), off, b.clone(), off + 1, c, off + 2, m, k, n, acc);
            case TRANS_B -> kern.matmulTransB(a.clone(), off, b.clone(), off + 1, c, off + 2, m, k, n, acc);
        }
        return c;
    }

    @Test
    void vectorAndInterleavedProductsGiveThePlainBitsOnEveryShape() {
        Rng rng = Rng.stream(7, "kernels64");
        int checked = 0;
        for (Op op : Op.values()) {
            for (int m : M) {
                for (int k : K) {
                    for (int n : N) {
                        for (boolean acc : new boolean[] {false, true}) {
                            int off = 3;
                            double[] a = random(rng, m * k + off + 5);
                            double[] b = random(rng, k * n + off + 6);
                            double[] c = random(rng, m * n + off + 7);
                            double[] plain = run(Kernels64.plain(), op, a, b, c, off, m, k, n, acc);
                            double[] vector = run(Kernels64.vector(), op, a, b, c, off, m, k, n, acc);
                            double[] interleaved = run(PlainKernels64.INTERLEAVED, op, a, b, c, off, m, k, n, acc);
                            for (int i = 0; i < c.length; i++) {
                                if (Double.doubleToRawLongBits(plain[i]) != Double.doubleToRawLongBits(vector[i])
                                        || Double.doubleToRawLongBits(plain[i])
                                        != Double.doubleToRawLongBits(interleaved[i])) {
                                    fail(op + " m=" + m + " k=" + k + " n=" + n + " acc=" + acc + " element " + i
                                            + ": plain " + plain[i] + " vector " + vector[i] + " plain interleaved "
                                            + interleaved[i]);
                                }
                            }
                            checked++;
                        }
                    }
                }
            }
        }
        assertEquals(3 * M.length * K.length * N.length * 2, checked);
    }

    @Test
    void plainProductsAreSumsOfProducts() {
        Rng rng = Rng.stream(8, "kernels64");
        int m = 5;
        int k = 7;
        int n = 9;
        double[] a = random(rng, m * k);
        double[] b = random(rng, k * n);
        double[] c = new double[m * n];
        double[] at = new double[k * m];
        double[] bt = new double[n * k];
        for (int i = 0; i < m; i++) {
            for (int t = 0; t < k; t++) {
                at[t * m + i] = a[i * k + t];
            }
        }
        for (int t = 0; t < k; t++) {
            for (int j = 0; j < n; j++) {
                bt[j * k + t] = b[t * n + j];
            }
        }
        for (Op op : Op.values()) {
            switch (op) {
                case MATMUL -> Kernels64.plain().matmul(a, b, c, m, k, n, false);
                case TRANS_A -> Kernels64.plain().matmulTransA(at, b, c, m, k, n, false);
                case TRANS_B -> Kernels64.plain().matmulTransB(a, bt, c, m, k, n, false);
            }
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int t = 0; t < k; t++) {
                        s += a[i * k + t] * b[t * n + j];
                    }
                    assertEquals(s, c[i * n + j], 1e-13, op + " (" + i + "," + j + ")");
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void float64KernelsFollowTheFloat32OnesEvenWhileTheyWarmUp() {
        org.junit.jupiter.api.Assertions.assertSame(Kernels64.plain(), Kernels64.matching(Kernels.plain()));
        org.junit.jupiter.api.Assertions.assertSame(Kernels64.vector(), Kernels64.matching(Kernels.vector()));
        org.junit.jupiter.api.Assertions.assertSame(Kernels64.vector(),
                Kernels64.matching(new WarmingKernels(Kernels.vector())));
        org.junit.jupiter.api.Assertions.assertSame(Kernels64.plain(),
                Kernels64.matching(new WarmingKernels(Kernels.plain())));
    }

    @Test
    void vectorSoftmaxCrossEntropyGivesThePlainBitsOnEveryRowLength() {
        Rng rng = new Rng(113);
        for (int classes : KernelsTest.SOFTMAX_CLASSES) {
            double[][] rows = KernelsTest.softmaxRows(rng, classes);
            int n = rows.length;
            double[] out = new double[n * classes];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(rows[i], 0, out, i * classes, classes);
                labels[i] = rng.nextInt(classes);
            }
            double div = n * classes;
            for (boolean gradient : new boolean[] {true, false}) {
                double[] dPlain = gradient ? new double[n * classes] : null;
                double[] dVector = gradient ? new double[n * classes] : null;
                double plain = Kernels64.plain().softmaxCrossEntropy(out, labels, n, classes, div, dPlain);
                double vector = Kernels64.vector().softmaxCrossEntropy(out, labels, n, classes, div, dVector);
                assertEquals(KernelsTest.bits(plain), KernelsTest.bits(vector),
                        "loss, classes=" + classes + ": plain " + plain + " vector " + vector);
                for (int i = 0; i < n; i++) {
                    double[] row = java.util.Arrays.copyOfRange(out, i * classes, (i + 1) * classes);
                    int[] label = {labels[i]};
                    double plainRow = Kernels64.plain().softmaxCrossEntropy(row, label, 1, classes, div, null);
                    double vectorRow = Kernels64.vector().softmaxCrossEntropy(row, label, 1, classes, div, null);
                    assertEquals(KernelsTest.bits(plainRow), KernelsTest.bits(vectorRow),
                            "loss of row " + i + ", classes=" + classes);
                }
                if (gradient) {
                    for (int i = 0; i < dPlain.length; i++) {
                        assertEquals(KernelsTest.bits(dPlain[i]), KernelsTest.bits(dVector[i]),
                                "dOut[" + i + "], classes=" + classes + ": plain " + dPlain[i] + " vector "
                                        + dVector[i]);
                    }
                }
            }
        }
    }
}
