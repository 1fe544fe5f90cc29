package org.groklab.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels. The output is cut into tiles of four rows by two vectors whose eight accumulators stay in
 * registers while the shared dimension is walked in order, one fused multiply-add per term: exactly the
 * arithmetic of {@link PlainKernels}, so both give the same bits. Leftover columns are copied into
 * zero-padded scratch rows of one vector (masked accesses near an array's end leave the fast path); leftover
 * rows go one at a time.
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
        product(a, aOff, k, 1, b, bOff, c, cOff, m, k, n, accumulate);
    }

    @Override
    public void matmulTransA(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n,
                             boolean accumulate) {
        product(a, aOff, 1, m, b, bOff, c, cOff, m, k, n, accumulate);
    }

    /** Floats of B per chunk of the shared dimension: a chunk stays in the L2 cache while all its tiles use it. */
    private static final int CHUNK_FLOATS = 64 * 1024;
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[2][0]);

    /**
     * c[i][j] (+)= Σ_t a[aOff + i·rowStep + t·tStep] · b[bOff + t·n + j]. The shared dimension is cut into chunks
     * processed in order, each adding onto the last: the same sequence of fused multiply-adds per element.
     */
    private static void product(float[] a, int aOff, int rowStep, int tStep, float[] b, int bOff, float[] c,
                                int cOff, int m, int k, int n, boolean acc) {
        if (k == 0) {
            if (!acc) {
                for (int i = 0; i < m; i++) {
                    java.util.Arrays.fill(c, cOff + i * n, cOff + i * n + n, 0f);
                }
            }
            return;
        }
        int chunk = Math.max(16, CHUNK_FLOATS / Math.max(1, n));
        for (int t0 = 0; t0 < k; t0 += chunk) {
            int kk = Math.min(chunk, k - t0);
            block(a, aOff + t0 * tStep, rowStep, tStep, b, bOff + t0 * n, c, cOff, m, kk, n, acc || t0 > 0);
        }
    }

    private static void block(float[] a, int aOff, int rowStep, int tStep, float[] b, int bOff, float[] c,
                              int cOff, int m, int k, int n, boolean acc) {
        int full = n - n % L;
        float[] bPad = null;
        float[] cPad = null;
        if (full < n) {
            // the last n - full columns, copied into zero-padded rows of one vector: no masks, no scalar loop
            float[][] scratch = SCRATCH.get();
            if (scratch[0].length < k * L) {
                scratch[0] = new float[k * L];
                scratch[1] = new float[4 * L];
            }
            bPad = scratch[0];
            cPad = scratch[1];
            int tail = n - full;
            for (int t = 0; t < k; t++) {
                System.arraycopy(b, bOff + t * n + full, bPad, t * L, tail);
                java.util.Arrays.fill(bPad, t * L + tail, t * L + L, 0f);
            }
        }
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
            if (bPad != null) {
                padIn(c, c0 + full, n, cPad, 4, n - full, acc);
                tile4x1(a, a0, rowStep, tStep, bPad, 0, cPad, 0, k, L, true);
                padOut(cPad, c, c0 + full, n, 4, n - full);
            }
        }
        for (; i < m; i++) {
            int a0 = aOff + i * rowStep;
            int c0 = cOff + i * n;
            for (int j = 0; j < full; j += L) {
                row1(a, a0, tStep, b, bOff + j, n, c, c0 + j, k, acc);
            }
            if (bPad != null) {
                padIn(c, c0 + full, n, cPad, 1, n - full, acc);
                row1(a, a0, tStep, bPad, 0, L, cPad, 0, k, true);
                padOut(cPad, c, c0 + full, n, 1, n - full);
            }
        }
    }

    private static void padIn(float[] c, int c0, int n, float[] cPad, int rows, int tail, boolean acc) {
        java.util.Arrays.fill(cPad, 0, rows * L, 0f);
        if (acc) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(c, c0 + r * n, cPad, r * L, tail);
            }
        }
    }

    private static void padOut(float[] cPad, float[] c, int c0, int n, int rows, int tail) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(cPad, r * L, c, c0 + r * n, tail);
        }
    }

    private static void row1(float[] a, int a0, int tStep, float[] b, int bOff, int n, float[] c, int c0, int k,
                             boolean acc) {
        FloatVector s = acc ? FloatVector.fromArray(S, c, c0) : FloatVector.zero(S);
        for (int t = 0; t < k; t++) {
            s = FloatVector.broadcast(S, a[a0 + t * tStep]).fma(FloatVector.fromArray(S, b, bOff + t * n), s);
        }
        s.intoArray(c, c0);
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
