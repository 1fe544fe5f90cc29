package org.groklab.math;

/**
 * The reference twin of {@link VectorPopulationKernels}: the contract of {@link PopulationKernels}, one element at a
 * time.
 */
final class PlainPopulationKernels implements PopulationKernels {
    static final PlainPopulationKernels INSTANCE = new PlainPopulationKernels();

    private PlainPopulationKernels() {
    }

    @Override
    public String describe() {
        return "plain (scalar Java)";
    }

    @Override
    public int lanes() {
        return 1;
    }

    @Override
    public void matmul(int members, float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        product(members, 0, members, a, k, 1, b, n, 1, c, m, k, n, accumulate);
    }

    @Override
    public void matmulTransA(int members, float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        product(members, 0, members, a, 1, m, b, n, 1, c, m, k, n, accumulate);
    }

    @Override
    public void matmulTransB(int members, float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        product(members, 0, members, a, k, 1, b, 1, k, c, m, k, n, accumulate);
    }

    /**
     * Members from..to-1 of C_i(r,j) (+)= Σ_t A_i(r,t)·B_i(t,j), A_i(r,t) = a[(r·ars + t·acs)·members + i], B alike
     * with brs, bcs.
     */
    static void product(int members, int from, int to, float[] a, int ars, int acs, float[] b, int brs, int bcs,
                        float[] c, int m, int k, int n, boolean accumulate) {
        for (int i = from; i < to; i++) {
            for (int r = 0; r < m; r++) {
                for (int j = 0; j < n; j++) {
                    int ci = (r * n + j) * members + i;
                    float acc = accumulate ? c[ci] : 0f;
                    for (int t = 0; t < k; t++) {
                        acc = Math.fma(a[(r * ars + t * acs) * members + i], b[(t * brs + j * bcs) * members + i], acc);
                    }
                    c[ci] = acc;
                }
            }
        }
    }
}
