package org.groklab.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels. The output is cut into tiles of four rows by two vectors whose eight accumulators stay in
 * registers while the shared dimension is walked in order, one fused multiply-add per term: exactly the
 * arithmetic of {@link PlainKernels}, so both give the same bits. Leftover columns use one vector, then a
 * 256-bit vector, then scalar fused multiply-adds; leftover rows go one at a time.
 */
final class VectorKernels implements Kernels {
    static final VectorKernels INSTANCE = new VectorKernels();
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final VectorSpecies<Float> H = FloatVector.SPECIES_256;

    private VectorKernels() {
    }

    @Override
    public void matmul(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n,
                       boolean accumulate) {
        product(a, aOff, k, 1, b, bOff, c, cOff, m, k, n, accumulate);
    }

    @Override
    public void matmulTransA(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n,
                             boolean accumulate) {
        product(a, aOff, 1, m, b, bOff, c, cOff, m, k, n, accumulate);
    }

    /** c[i][j] (+)= Σ_t a[aOff + i·rowStep + t·tStep] · b[bOff + t·n + j]. */
    private static void product(float[] a, int aOff, int rowStep, int tStep, float[] b, int bOff, float[] c,
                                int cOff, int m, int k, int n, boolean acc) {
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int a0 = aOff + i * rowStep;
            int c0 = cOff + i * n;
            int j = 0;
            for (; j + 2 * L <= n; j += 2 * L) {
                tile4x2(a, a0, rowStep, tStep, b, bOff + j, c, c0 + j, k, n, acc);
            }
            for (; j + L <= n; j += L) {
                tile4x1(a, a0, rowStep, tStep, b, bOff + j, c, c0 + j, k, n, acc);
            }
            for (int r = 0; r < 4; r++) {
                tail(a, a0 + r * rowStep, tStep, b, bOff, c, c0 + r * n, k, n, j, acc);
            }
        }
        for (; i < m; i++) {
            int a0 = aOff + i * rowStep;
            int c0 = cOff + i * n;
            int j = 0;
            for (; j + L <= n; j += L) {
                FloatVector s = acc ? FloatVector.fromArray(S, c, c0 + j) : FloatVector.zero(S);
                for (int t = 0; t < k; t++) {
                    FloatVector av = FloatVector.broadcast(S, a[a0 + t * tStep]);
                    s = av.fma(FloatVector.fromArray(S, b, bOff + t * n + j), s);
                }
                s.intoArray(c, c0 + j);
            }
            tail(a, a0, tStep, b, bOff, c, c0, k, n, j, acc);
        }
    }

    /**
     * Columns j0..n-1 of one row: one 256-bit vector when at least 8 are left and the preferred vectors are wider,
     * then plain fused multiply-adds. No masks: masked accesses near an array's end fall off the fast path.
     */
    private static void tail(float[] a, int a0, int tStep, float[] b, int bOff, float[] c, int c0, int k, int n,
                             int j0, boolean acc) {
        int j = j0;
        if (L > H.length() && j + H.length() <= n) {
            FloatVector s = acc ? FloatVector.fromArray(H, c, c0 + j) : FloatVector.zero(H);
            for (int t = 0; t < k; t++) {
                s = FloatVector.broadcast(H, a[a0 + t * tStep]).fma(FloatVector.fromArray(H, b, bOff + t * n + j), s);
            }
            s.intoArray(c, c0 + j);
            j += H.length();
        }
        for (; j < n; j++) {
            float s = acc ? c[c0 + j] : 0f;
            for (int t = 0; t < k; t++) {
                s = Math.fma(a[a0 + t * tStep], b[bOff + t * n + j], s);
            }
            c[c0 + j] = s;
        }
    }

    private static void tile4x2(float[] a, int a0, int rowStep, int tStep, float[] b, int bOff, float[] c, int c0,
                                int k, int n, boolean acc) {
        int a1 = a0 + rowStep;
        int a2 = a1 + rowStep;
        int a3 = a2 + rowStep;
        FloatVector s00, s01, s10, s11, s20, s21, s30, s31;
        if (acc) {
            s00 = FloatVector.fromArray(S, c, c0);
            s01 = FloatVector.fromArray(S, c, c0 + L);
            s10 = FloatVector.fromArray(S, c, c0 + n);
            s11 = FloatVector.fromArray(S, c, c0 + n + L);
            s20 = FloatVector.fromArray(S, c, c0 + 2 * n);
            s21 = FloatVector.fromArray(S, c, c0 + 2 * n + L);
            s30 = FloatVector.fromArray(S, c, c0 + 3 * n);
            s31 = FloatVector.fromArray(S, c, c0 + 3 * n + L);
        } else {
            s00 = s01 = s10 = s11 = s20 = s21 = s30 = s31 = FloatVector.zero(S);
        }
        for (int t = 0; t < k; t++) {
            int row = bOff + t * n;
            FloatVector b0 = FloatVector.fromArray(S, b, row);
            FloatVector b1 = FloatVector.fromArray(S, b, row + L);
            int at = t * tStep;
            FloatVector v0 = FloatVector.broadcast(S, a[a0 + at]);
            s00 = v0.fma(b0, s00);
            s01 = v0.fma(b1, s01);
            FloatVector v1 = FloatVector.broadcast(S, a[a1 + at]);
            s10 = v1.fma(b0, s10);
            s11 = v1.fma(b1, s11);
            FloatVector v2 = FloatVector.broadcast(S, a[a2 + at]);
            s20 = v2.fma(b0, s20);
            s21 = v2.fma(b1, s21);
            FloatVector v3 = FloatVector.broadcast(S, a[a3 + at]);
            s30 = v3.fma(b0, s30);
            s31 = v3.fma(b1, s31);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + L);
        s10.intoArray(c, c0 + n);
        s11.intoArray(c, c0 + n + L);
        s20.intoArray(c, c0 + 2 * n);
        s21.intoArray(c, c0 + 2 * n + L);
        s30.intoArray(c, c0 + 3 * n);
        s31.intoArray(c, c0 + 3 * n + L);
    }

    private static void tile4x1(float[] a, int a0, int rowStep, int tStep, float[] b, int bOff, float[] c, int c0,
                                int k, int n, boolean acc) {
        int a1 = a0 + rowStep;
        int a2 = a1 + rowStep;
        int a3 = a2 + rowStep;
        FloatVector s0, s1, s2, s3;
        if (acc) {
            s0 = FloatVector.fromArray(S, c, c0);
            s1 = FloatVector.fromArray(S, c, c0 + n);
            s2 = FloatVector.fromArray(S, c, c0 + 2 * n);
            s3 = FloatVector.fromArray(S, c, c0 + 3 * n);
        } else {
            s0 = s1 = s2 = s3 = FloatVector.zero(S);
        }
        for (int t = 0; t < k; t++) {
            FloatVector bv = FloatVector.fromArray(S, b, bOff + t * n);
            int at = t * tStep;
            s0 = FloatVector.broadcast(S, a[a0 + at]).fma(bv, s0);
            s1 = FloatVector.broadcast(S, a[a1 + at]).fma(bv, s1);
            s2 = FloatVector.broadcast(S, a[a2 + at]).fma(bv, s2);
            s3 = FloatVector.broadcast(S, a[a3 + at]).fma(bv, s3);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + n);
        s2.intoArray(c, c0 + 2 * n);
        s3.intoArray(c, c0 + 3 * n);
    }
}
