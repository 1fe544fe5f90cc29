package org.groklab.math;

/** Straightforward loops: the reference twin of {@link VectorKernels64}, one output element at a time. */
final class PlainKernels64 implements Kernels64 {
    static final PlainKernels64 INSTANCE = new PlainKernels64();

    private PlainKernels64() {
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
        return "plain (scalar Java)";
    }

    @Override
    public void matmul(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                       boolean accumulate) {
        product(a, aOff, k, 1, b, bOff, n, 1, c, cOff, m, k, n, accumulate);
    }

    @Override
    public void matmulTransA(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                             boolean accumulate) {
        product(a, aOff, 1, m, b, bOff, n, 1, c, cOff, m, k, n, accumulate);
    }

    @Override
    public void matmulTransB(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                             boolean accumulate) {
        product(a, aOff, k, 1, b, bOff, 1, k, c, cOff, m, k, n, accumulate);
    }

    /** c[i][j] (+)= Σ_t A(i,t)·B(t,j), A(i,t) = a[aOff + i·ars + t·acs], B(t,j) = b[bOff + t·brs + j·bcs]. */
    private static void product(double[] a, int aOff, int ars, int acs, double[] b, int bOff, int brs, int bcs,
                                double[] c, int cOff, int m, int k, int n, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
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
}
