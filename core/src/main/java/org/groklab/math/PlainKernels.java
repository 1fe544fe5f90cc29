package org.groklab.math;

/** Straightforward loops: the reference twin of {@link VectorKernels}, same operation order, same bits. */
final class PlainKernels implements Kernels {
    static final PlainKernels INSTANCE = new PlainKernels();

    private PlainKernels() {
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

    /** c[j] (+)= Σ_t a[aBase + t·aStride] · b[bOff + t·n + j], accumulated in t order. */
    private static void rowTimesMatrix(float[] a, int aBase, int aStride, float[] b, int bOff, float[] c, int cOff,
                                       int k, int n, boolean accumulate) {
        for (int j = 0; j < n; j++) {
            float acc = accumulate ? c[cOff + j] : 0f;
            for (int t = 0; t < k; t++) {
                acc = Math.fma(a[aBase + t * aStride], b[bOff + t * n + j], acc);
            }
            c[cOff + j] = acc;
        }
    }
}
