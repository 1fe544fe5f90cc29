package org.groklab.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels. Each output row is cut into blocks of up to four vectors that stay in registers while the
 * shared dimension is walked in order, one fused multiply-add per term: exactly the arithmetic of
 * {@link PlainKernels}, so both give the same bits.
 */
final class VectorKernels implements Kernels {
    static final VectorKernels INSTANCE = new VectorKernels();
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorKernels() {
    }

    @Override
    public void matmul(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n,
                       boolean accumulate) {
        for (int i = 0; i < m; i++) {
            rowTimesMatrix(a, aOff + i * k, 1, b, bOff, c, cOff + i * n, k, n, accumulate);
        }
    }

    @Override
    public void matmulTransA(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n,
                             boolean accumulate) {
        for (int i = 0; i < m; i++) {
            rowTimesMatrix(a, aOff + i, m, b, bOff, c, cOff + i * n, k, n, accumulate);
        }
    }

    private static void rowTimesMatrix(float[] a, int aBase, int aStride, float[] b, int bOff, float[] c, int cOff,
                                       int k, int n, boolean acc) {
        int j = 0;
        for (; j + 4 * L <= n; j += 4 * L) {
            block4(a, aBase, aStride, b, bOff + j, c, cOff + j, k, n, acc);
        }
        for (; j + L <= n; j += L) {
            FloatVector s = acc ? FloatVector.fromArray(S, c, cOff + j) : FloatVector.zero(S);
            for (int t = 0; t < k; t++) {
                FloatVector av = FloatVector.broadcast(S, a[aBase + t * aStride]);
                s = av.fma(FloatVector.fromArray(S, b, bOff + t * n + j), s);
            }
            s.intoArray(c, cOff + j);
        }
        if (j < n) {
            VectorMask<Float> mask = S.indexInRange(j, n);
            FloatVector s = acc ? FloatVector.fromArray(S, c, cOff + j, mask) : FloatVector.zero(S);
            for (int t = 0; t < k; t++) {
                FloatVector av = FloatVector.broadcast(S, a[aBase + t * aStride]);
                s = av.fma(FloatVector.fromArray(S, b, bOff + t * n + j, mask), s);
            }
            s.intoArray(c, cOff + j, mask);
        }
    }

    private static void block4(float[] a, int aBase, int aStride, float[] b, int bOff, float[] c, int cOff, int k,
                               int n, boolean acc) {
        FloatVector s0, s1, s2, s3;
        if (acc) {
            s0 = FloatVector.fromArray(S, c, cOff);
            s1 = FloatVector.fromArray(S, c, cOff + L);
            s2 = FloatVector.fromArray(S, c, cOff + 2 * L);
            s3 = FloatVector.fromArray(S, c, cOff + 3 * L);
        } else {
            s0 = s1 = s2 = s3 = FloatVector.zero(S);
        }
        for (int t = 0; t < k; t++) {
            FloatVector av = FloatVector.broadcast(S, a[aBase + t * aStride]);
            int row = bOff + t * n;
            s0 = av.fma(FloatVector.fromArray(S, b, row), s0);
            s1 = av.fma(FloatVector.fromArray(S, b, row + L), s1);
            s2 = av.fma(FloatVector.fromArray(S, b, row + 2 * L), s2);
            s3 = av.fma(FloatVector.fromArray(S, b, row + 3 * L), s3);
        }
        s0.intoArray(c, cOff);
        s1.intoArray(c, cOff + L);
        s2.intoArray(c, cOff + 2 * L);
        s3.intoArray(c, cOff + 3 * L);
    }
}
