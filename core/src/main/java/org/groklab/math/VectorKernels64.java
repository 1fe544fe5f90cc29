package org.groklab.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float64 products on the Vector API. B is read as a row-major k × n matrix whose rows are padded with zeros to
 * whole panels of 3 vectors (copied so unless it already is one); a micro-kernel of 4 rows × 3 vectors keeps 12
 * accumulators in registers while it walks the whole shared dimension, broadcasting A(i, t) and loading B(t, j..)
 * without masks. The last panel's rows go one at a time, C read and written under masks there (a masked tile of
 * 4 rows was tried: in some JVMs the compiler never compiled it, and a step ran 30 times slower); so do the last
 * rows. Every lane of every accumulator is the plain twin's chain of fused
 * multiply-adds over t = 0..k-1 in index order, so the bits do not depend on the vector width or the tiling.
 */
final class VectorKernels64 implements Kernels64 {
    static final VectorKernels64 INSTANCE = new VectorKernels64();
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final int MR = 4;
    /** Vectors of C per tile. */
    private static final int NV = 3;
    private static final ThreadLocal<double[][]> PANEL = ThreadLocal.withInitial(() -> new double[1][0]);

    private VectorKernels64() {
    }

    @Override
    public double softmaxCrossEntropy(double[] out, int[] labels, int n, int classes, double div, double[] dOut) {
        return VectorSoftmaxRows.crossEntropy64(out, labels, n, classes, div, dOut);
    }

    @Override
    public void adamUpdate(double[] w, double[] g, double[] m, double[] v, int off, int len, AdamStep64 s) {
        double beta1 = s.beta1(), beta2 = s.beta2(), eps = s.eps(), lr = s.lr(), lambda = s.lambda();
        double stepSize = s.stepSize(), bc2Sqrt = s.bc2Sqrt();
        double oneMinusBeta1 = 1 - beta1, oneMinusBeta2 = 1 - beta2, lrLambda = lr * lambda;
        DecayRule decay = s.decay();
        int full = len - len % L;
        for (int i = off; i < off + full; i += L) {
            DoubleVector wv = DoubleVector.fromArray(S, w, i);
            DoubleVector gi = DoubleVector.fromArray(S, g, i);
            gi = switch (decay) {
                case DECOUPLED, DECOUPLED_L1 -> gi;
                case L2 -> gi.add(wv.mul(lambda));
                case L1 -> gi.add(signum(wv).mul(lambda));
            };
            if (lambda != 0) {
                wv = switch (decay) {
                    case DECOUPLED -> wv.mul(1 - lrLambda);
                    case DECOUPLED_L1 -> wv.sub(signum(wv).mul(lrLambda));
                    case L2, L1 -> wv;
                };
            }
            DoubleVector mv = DoubleVector.fromArray(S, m, i).mul(beta1).add(gi.mul(oneMinusBeta1));
            DoubleVector vv = DoubleVector.fromArray(S, v, i).mul(beta2).add(gi.mul(oneMinusBeta2).mul(gi));
            DoubleVector denom = vv.sqrt().div(bc2Sqrt).add(eps);
            wv = wv.sub(mv.mul(stepSize).div(denom));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            wv.intoArray(w, i);
        }
        PlainKernels64.INSTANCE.adamUpdate(w, g, m, v, off + full, len - full, s);
    }

    /** Math.signum lane by lane: ±1 for non-zero numbers, w itself for ±0 and NaN. */
    private static DoubleVector signum(DoubleVector w) {
        return w.blend(1.0, w.compare(VectorOperators.GT, 0.0)).blend(-1.0, w.compare(VectorOperators.LT, 0.0));
    }

    @Override
    public String describe() {
        return "vector, " + S.vectorBitSize() + "-bit (" + L + " double lanes)";
    }

    @Override
    public void matmul(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                       boolean accumulate) {
        gemm(a, aOff, k, 1, b, bOff, n, 1, c, cOff, m, k, n, accumulate);
    }

    @Override
    public void matmulTransA(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                             boolean accumulate) {
        gemm(a, aOff, 1, m, b, bOff, n, 1, c, cOff, m, k, n, accumulate);
    }

    @Override
    public void matmulTransB(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                             boolean accumulate) {
        gemm(a, aOff, k, 1, b, bOff, 1, k, c, cOff, m, k, n, accumulate);
    }

    /**
     * C (m × n) (+)= A·B. B is read in panels of 3 vectors of columns: in place when it is row-major and n is a
     * whole number of panels, otherwise copied into a buffer whose rows are padded with zeros to whole panels, so
     * that the tiles load B without masks (only the last panel's stores into C are masked). Every element of C is
     * one chain of fused multiply-adds over t in order, whatever the path: the plain twin's bits.
     */
    private static void gemm(double[] a, int aOff, int ars, int acs, double[] b, int bOff, int brs, int bcs,
                             double[] c, int cOff, int m, int k, int n, boolean accumulate) {
        if (m == 0 || n == 0) {
            return;
        }
        int panel = NV * L;
        int bs = (n + panel - 1) / panel * panel; // the row stride of the B that the tiles read
        double[] bp;
        int pOff;
        if (bcs == 1 && brs == n && bs == n) {
            bp = b;
            pOff = bOff;
        } else {
            double[][] holder = PANEL.get();
            if (holder[0].length < k * bs) {
                holder[0] = new double[k * bs];
            }
            bp = holder[0];
            pOff = 0;
            for (int t = 0; t < k; t++) {
                int row = t * bs;
                if (bcs == 1) {
                    System.arraycopy(b, bOff + t * brs, bp, row, n);
                } else {
                    for (int j = 0; j < n; j++) {
                        bp[row + j] = b[bOff + t * brs + j * bcs];
                    }
                }
                java.util.Arrays.fill(bp, row + n, row + bs, 0.0);
            }
        }
        for (int j = 0; j < n; j += panel) {
            VectorMask<Double> m0 = S.indexInRange(j, n);
            VectorMask<Double> m1 = S.indexInRange(j + L, n);
            VectorMask<Double> m2 = S.indexInRange(j + 2 * L, n);
            int i = 0;
            if (j + panel <= n) {
                for (; i + MR <= m; i += MR) {
                    tile4(a, aOff + i * ars, ars, acs, bp, pOff + j, bs, c, cOff + i * n + j, n, k, accumulate);
                }
            }
            for (; i < m; i++) { // the last rows, and every row of the last panel (masked stores)
                tile1(a, aOff + i * ars, acs, bp, pOff + j, bs, c, cOff + i * n + j, k, m0, m1, m2, accumulate);
            }
        }
    }

    private static DoubleVector start(double[] c, int off, VectorMask<Double> mask, boolean accumulate) {
        return accumulate ? DoubleVector.fromArray(S, c, off, mask) : DoubleVector.zero(S);
    }

    private static DoubleVector start(double[] c, int off, boolean accumulate) {
        return accumulate ? DoubleVector.fromArray(S, c, off) : DoubleVector.zero(S);
    }

    /** Rows i..i+3 of C, columns j..j+3L-1 of a whole panel: nothing masked. */
    private static void tile4(double[] a, int ai, int ars, int acs, double[] bp, int bj, int bs, double[] c, int ci,
                              int n, int k, boolean accumulate) {
        DoubleVector c00 = start(c, ci, accumulate);
        DoubleVector c01 = start(c, ci + L, accumulate);
        DoubleVector c02 = start(c, ci + 2 * L, accumulate);
        DoubleVector c10 = start(c, ci + n, accumulate);
        DoubleVector c11 = start(c, ci + n + L, accumulate);
        DoubleVector c12 = start(c, ci + n + 2 * L, accumulate);
        DoubleVector c20 = start(c, ci + 2 * n, accumulate);
        DoubleVector c21 = start(c, ci + 2 * n + L, accumulate);
        DoubleVector c22 = start(c, ci + 2 * n + 2 * L, accumulate);
        DoubleVector c30 = start(c, ci + 3 * n, accumulate);
        DoubleVector c31 = start(c, ci + 3 * n + L, accumulate);
        DoubleVector c32 = start(c, ci + 3 * n + 2 * L, accumulate);
        for (int t = 0; t < k; t++) {
            int row = bj + t * bs;
            DoubleVector b0 = DoubleVector.fromArray(S, bp, row);
            DoubleVector b1 = DoubleVector.fromArray(S, bp, row + L);
            DoubleVector b2 = DoubleVector.fromArray(S, bp, row + 2 * L);
            int at = ai + t * acs;
            DoubleVector x = DoubleVector.broadcast(S, a[at]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            c02 = x.fma(b2, c02);
            x = DoubleVector.broadcast(S, a[at + ars]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            c12 = x.fma(b2, c12);
            x = DoubleVector.broadcast(S, a[at + 2 * ars]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            c22 = x.fma(b2, c22);
            x = DoubleVector.broadcast(S, a[at + 3 * ars]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            c32 = x.fma(b2, c32);
        }
        c00.intoArray(c, ci);
        c01.intoArray(c, ci + L);
        c02.intoArray(c, ci + 2 * L);
        c10.intoArray(c, ci + n);
        c11.intoArray(c, ci + n + L);
        c12.intoArray(c, ci + n + 2 * L);
        c20.intoArray(c, ci + 2 * n);
        c21.intoArray(c, ci + 2 * n + L);
        c22.intoArray(c, ci + 2 * n + 2 * L);
        c30.intoArray(c, ci + 3 * n);
        c31.intoArray(c, ci + 3 * n + L);
        c32.intoArray(c, ci + 3 * n + 2 * L);
    }

    /** One row of C, columns j..j+3L-1 (masked stores; B zero-padded, or whole panels). */
    private static void tile1(double[] a, int ai, int acs, double[] bp, int bj, int bs, double[] c, int ci, int k,
                              VectorMask<Double> m0, VectorMask<Double> m1, VectorMask<Double> m2,
                              boolean accumulate) {
        DoubleVector c0 = start(c, ci, m0, accumulate);
        DoubleVector c1 = start(c, ci + L, m1, accumulate);
        DoubleVector c2 = start(c, ci + 2 * L, m2, accumulate);
        for (int t = 0; t < k; t++) {
            int row = bj + t * bs;
            DoubleVector x = DoubleVector.broadcast(S, a[ai + t * acs]);
            c0 = x.fma(DoubleVector.fromArray(S, bp, row), c0);
            c1 = x.fma(DoubleVector.fromArray(S, bp, row + L), c1);
            c2 = x.fma(DoubleVector.fromArray(S, bp, row + 2 * L), c2);
        }
        c0.intoArray(c, ci, m0);
        c1.intoArray(c, ci + L, m1);
        c2.intoArray(c, ci + 2 * L, m2);
    }
}
