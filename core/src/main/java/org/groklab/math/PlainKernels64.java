package org.groklab.math;

/**
 * Straightforward loops: the reference twin of {@link VectorKernels64}, one output element at a time
 * ({@link #INSTANCE}); {@link #INTERLEAVED} runs the products' chains eight outputs side by side, with the same bits,
 * as {@link PlainKernels#INTERLEAVED} does in float32 (what calls use while the vector kernels compile).
 */
final class PlainKernels64 implements Kernels64 {
    static final PlainKernels64 INSTANCE = new PlainKernels64(false);
    static final PlainKernels64 INTERLEAVED = new PlainKernels64(true);
    private static final int CHAINS = 8;

    private final boolean interleaved;

    private PlainKernels64(boolean interleaved) {
        this.interleaved = interleaved;
    }

    @Override
    public double softmaxCrossEntropy(double[] out, int[] labels, int n, int classes, double div, double[] dOut) {
        return SoftmaxRows.crossEntropy64(out, labels, n, classes, div, dOut);
    }

    @Override
    public void adamUpdate(double[] w, double[] g, double[] m, double[] v, int off, int len, AdamStep64 s) {
        double beta1 = s.beta1(), beta2 = s.beta2(), eps = s.eps(), lr = s.lr(), lambda = s.lambda();
        double stepSize = s.stepSize(), bc2Sqrt = s.bc2Sqrt();
        DecayRule decay = s.decay();
        for (int i = off; i < off + len; i++) {
            double gi = switch (decay) {
                case DECOUPLED, DECOUPLED_L1 -> g[i];
                case L2 -> g[i] + lambda * w[i];
                case L1 -> g[i] + lambda * Math.signum(w[i]);
            };
            if (lambda != 0) {
                w[i] = switch (decay) {
                    case DECOUPLED -> w[i] * (1 - lr * lambda);
                    case DECOUPLED_L1 -> w[i] - lr * lambda * Math.signum(w[i]);
                    case L2, L1 -> w[i];
                };
            }
            m[i] = beta1 * m[i] + (1 - beta1) * gi;
            v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
            double denom = Math.sqrt(v[i]) / bc2Sqrt + eps;
            w[i] -= stepSize * m[i] / denom;
        }
    }

    @Override
    public String describe() {
        return interleaved ? "plain (scalar Java, products in 8 interleaved chains)" : "plain (scalar Java)";
    }

    @Override
    public void matmul(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                       boolean accumulate) {
        product(a, aOff, k, 1, b, bOff, n, 1, c, cOff, m, k, n, accumulate, interleaved);
    }

    @Override
    public void matmulTransA(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                             boolean accumulate) {
        product(a, aOff, 1, m, b, bOff, n, 1, c, cOff, m, k, n, accumulate, interleaved);
    }

    @Override
    public void matmulTransB(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                             boolean accumulate) {
        product(a, aOff, k, 1, b, bOff, 1, k, c, cOff, m, k, n, accumulate, interleaved);
    }

    /** c[i][j] (+)= Σ_t A(i,t)·B(t,j), A(i,t) = a[aOff + i·ars + t·acs], B(t,j) = b[bOff + t·brs + j·bcs]. */
    private static void product(double[] a, int aOff, int ars, int acs, double[] b, int bOff, int brs, int bcs,
                                double[] c, int cOff, int m, int k, int n, boolean accumulate,
                                boolean interleaved) {
        int side = interleaved ? n - n % CHAINS : 0;
        for (int i = 0; i < m; i++) {
            if (side > 0) {
                interleavedRow(a, aOff + i * ars, acs, b, bOff, brs, bcs, c, cOff + i * n, k, side, accumulate);
            }
            for (int j = side; j < n; j++) {
                int ci = cOff + i * n + j;
                double acc = accumulate ? c[ci] : 0d;
                int ai = aOff + i * ars;
                int bi = bOff + j * bcs;
                for (int t = 0; t < k; t++) {
                    acc = Math.fma(a[ai + t * acs], b[bi + t * brs], acc);
                }
                c[ci] = acc;
            }
        }
    }

    /** Row i's outputs j = 0..side-1 (a multiple of {@link #CHAINS}), eight chains at a time, each in t order. */
    private static void interleavedRow(double[] a, int ai, int acs, double[] b, int bOff, int brs, int bcs,
                                       double[] c, int ci, int k, int side, boolean accumulate) {
        for (int j = 0; j < side; j += CHAINS) {
            double c0 = accumulate ? c[ci + j] : 0d;
            double c1 = accumulate ? c[ci + j + 1] : 0d;
            double c2 = accumulate ? c[ci + j + 2] : 0d;
            double c3 = accumulate ? c[ci + j + 3] : 0d;
            double c4 = accumulate ? c[ci + j + 4] : 0d;
            double c5 = accumulate ? c[ci + j + 5] : 0d;
            double c6 = accumulate ? c[ci + j + 6] : 0d;
            double c7 = accumulate ? c[ci + j + 7] : 0d;
            int bj = bOff + j * bcs;
            for (int t = 0; t < k; t++) {
                double av = a[ai + t * acs];
                int bt = bj + t * brs;
                c0 = Math.fma(av, b[bt], c0);
                c1 = Math.fma(av, b[bt + bcs], c1);
                c2 = Math.fma(av, b[bt + 2 * bcs], c2);
                c3 = Math.fma(av, b[bt + 3 * bcs], c3);
                c4 = Math.fma(av, b[bt + 4 * bcs], c4);
                c5 = Math.fma(av, b[bt + 5 * bcs], c5);
                c6 = Math.fma(av, b[bt + 6 * bcs], c6);
                c7 = Math.fma(av, b[bt + 7 * bcs], c7);
            }
            c[ci + j] = c0;
            c[ci + j + 1] = c1;
            c[ci + j + 2] = c2;
            c[ci + j + 3] = c3;
            c[ci + j + 4] = c4;
            c[ci + j + 5] = c5;
            c[ci + j + 6] = c6;
            c[ci + j + 7] = c7;
        }
    }
}
