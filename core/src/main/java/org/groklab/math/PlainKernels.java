package org.groklab.math;

/**
 * Straightforward loops: the reference twin of {@link VectorKernels}, written as the contract in {@link Kernels}
 * reads, one element at a time ({@link #INSTANCE}). {@link #INTERLEAVED} is the same but for its matrix products,
 * which run eight output elements' chains of fused multiply-adds side by side, and four in a row's last columns where
 * there are as many (each chain still in the order t = 0..k-1, so the same bits): one chain at a time waits on each
 * fma's latency, eight keep the core's FMA units busy. It is what calls use while the vector kernels are being
 * compiled ({@link WarmingKernels}), where the products of a large first step would otherwise take seconds.
 */
final class PlainKernels implements Kernels {
    static final PlainKernels INSTANCE = new PlainKernels(false);
    static final PlainKernels INTERLEAVED = new PlainKernels(true);
    private static final int CHAINS = 8;

    private final boolean interleaved;

    private PlainKernels(boolean interleaved) {
        this.interleaved = interleaved;
    }

    @Override
    public String describe() {
        return interleaved ? "plain (scalar Java, products in 8 interleaved chains)" : "plain (scalar Java)";
    }

    @Override
    public void matmul(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n,
                       boolean accumulate) {
        product(a, aOff, k, 1, b, bOff, n, 1, c, cOff, m, k, n, accumulate, interleaved);
    }

    @Override
    public void matmulTransA(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n,
                             boolean accumulate) {
        product(a, aOff, 1, m, b, bOff, n, 1, c, cOff, m, k, n, accumulate, interleaved);
    }

    @Override
    public void matmulTransB(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n,
                             boolean accumulate) {
        product(a, aOff, k, 1, b, bOff, 1, k, c, cOff, m, k, n, accumulate, interleaved);
    }

    /** c[i][j] (+)= Σ_t A(i,t)·B(t,j), A(i,t) = a[aOff + i·ars + t·acs], B(t,j) = b[bOff + t·brs + j·bcs]. */
    private static void product(float[] a, int aOff, int ars, int acs, float[] b, int bOff, int brs, int bcs,
                                float[] c, int cOff, int m, int k, int n, boolean accumulate, boolean interleaved) {
        int side = interleaved ? n - n % CHAINS : 0;
        int quad = interleaved && n - side >= 4 ? side + 4 : side; // the last columns: four chains, then one each
        for (int i = 0; i < m; i++) {
            if (side > 0) {
                interleavedRow(a, aOff + i * ars, acs, b, bOff, brs, bcs, c, cOff + i * n, k, side, accumulate);
            }
            if (quad > side) {
                fourChains(a, aOff + i * ars, acs, b, bOff + side * bcs, brs, bcs, c, cOff + i * n + side, k,
                        accumulate);
            }
            for (int j = quad; j < n; j++) {
                int ci = cOff + i * n + j;
                float acc = accumulate ? c[ci] : 0f;
                int ai = aOff + i * ars;
                int bi = bOff + j * bcs;
                for (int t = 0; t < k; t++) {
                    acc = Math.fma(a[ai + t * acs], b[bi + t * brs], acc);
                }
                c[ci] = acc;
            }
        }
    }

    /** Four outputs of a row, c[ci..ci+3] with B's columns from bj on, as four chains side by side, each in t order. */
    private static void fourChains(float[] a, int ai, int acs, float[] b, int bj, int brs, int bcs, float[] c, int ci,
                                   int k, boolean accumulate) {
        float c0 = accumulate ? c[ci] : 0f;
        float c1 = accumulate ? c[ci + 1] : 0f;
        float c2 = accumulate ? c[ci + 2] : 0f;
        float c3 = accumulate ? c[ci + 3] : 0f;
        for (int t = 0; t < k; t++) {
            float av = a[ai + t * acs];
            int bt = bj + t * brs;
            c0 = Math.fma(av, b[bt], c0);
            c1 = Math.fma(av, b[bt + bcs], c1);
            c2 = Math.fma(av, b[bt + 2 * bcs], c2);
            c3 = Math.fma(av, b[bt + 3 * bcs], c3);
        }
        c[ci] = c0;
        c[ci + 1] = c1;
        c[ci + 2] = c2;
        c[ci + 3] = c3;
    }

    /** Row i's outputs j = 0..side-1 (a multiple of {@link #CHAINS}), eight chains at a time, each in t order. */
    private static void interleavedRow(float[] a, int ai, int acs, float[] b, int bOff, int brs, int bcs, float[] c,
                                       int ci, int k, int side, boolean accumulate) {
        for (int j = 0; j < side; j += CHAINS) {
            float c0 = accumulate ? c[ci + j] : 0f;
            float c1 = accumulate ? c[ci + j + 1] : 0f;
            float c2 = accumulate ? c[ci + j + 2] : 0f;
            float c3 = accumulate ? c[ci + j + 3] : 0f;
            float c4 = accumulate ? c[ci + j + 4] : 0f;
            float c5 = accumulate ? c[ci + j + 5] : 0f;
            float c6 = accumulate ? c[ci + j + 6] : 0f;
            float c7 = accumulate ? c[ci + j + 7] : 0f;
            int bj = bOff + j * bcs;
            for (int t = 0; t < k; t++) {
                float av = a[ai + t * acs];
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

    @Override
    public void addBias(float[] x, int xOff, int rows, int cols, float[] bias, int bOff) {
        for (int i = 0; i < rows; i++) {
            int row = xOff + i * cols;
            for (int j = 0; j < cols; j++) {
                x[row + j] = x[row + j] + bias[bOff + j];
            }
        }
    }

    @Override
    public void sumRows(float[] x, int xOff, int rows, int cols, float[] dst, int dOff, boolean accumulate) {
        for (int j = 0; j < cols; j++) {
            float s = accumulate ? dst[dOff + j] : 0f;
            for (int i = 0; i < rows; i++) {
                s = s + x[xOff + i * cols + j];
            }
            dst[dOff + j] = s;
        }
    }

    @Override
    public void relu(float[] x, int xOff, float[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) {
            float v = x[xOff + i];
            y[yOff + i] = v > 0 ? v : 0f;
        }
    }

    @Override
    public void reluBackward(float[] g, int gOff, float[] x, int xOff, int len) {
        for (int i = 0; i < len; i++) {
            if (x[xOff + i] <= 0) {
                g[gOff + i] = 0f;
            }
        }
    }

    @Override
    public void tanh(float[] x, int xOff, float[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] = Tanh.tanh(x[xOff + i]);
        }
    }

    @Override
    public void tanhBackward(float[] g, int gOff, float[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) {
            float t = y[yOff + i];
            g[gOff + i] = g[gOff + i] * Math.fma(-t, t, 1f);
        }
    }

    @Override
    public void square(float[] x, int xOff, float[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) {
            float v = x[xOff + i];
            y[yOff + i] = v * v;
        }
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int len) {
        for (int i = 0; i < len; i++) {
            y[yOff + i] = y[yOff + i] + alpha * x[xOff + i];
        }
    }

    @Override
    public void scale(float alpha, float[] x, int xOff, int len) {
        for (int i = 0; i < len; i++) {
            x[xOff + i] = alpha * x[xOff + i];
        }
    }

    @Override
    public void transpose(float[] src, float[] dst, int rows, int cols) {
        Tensors.transpose(src, dst, rows, cols);
    }

    @Override
    public void addRowsScaled(float[] x, int aOff, int bOff, float scale, float[] dst, int dOff, int len) {
        for (int i = 0; i < len; i++) {
            dst[dOff + i] = (x[aOff + i] + x[bOff + i]) * scale;
        }
    }

    @Override
    public void squareBackwardScaled(float[] g, int gOff, float[] x, int xOff, float scale, float[] dst, int dOff,
                                     int len) {
        for (int i = 0; i < len; i++) {
            dst[dOff + i] = g[gOff + i] * (2 * x[xOff + i]) * scale;
        }
    }

    @Override
    public void addRowsScaledSquared(float[] x, int aOff, int bOff, float scale, float[] pre, float[] out, int dOff,
                                     int len) {
        for (int i = 0; i < len; i++) {
            float v = (x[aOff + i] + x[bOff + i]) * scale;
            pre[dOff + i] = v;
            out[dOff + i] = v * v;
        }
    }

    @Override
    public void squareBackwardScaledIntoRows(float[] g, int gOff, float[] x, int xOff, float scale, float[] acc,
                                             int aOff, int bOff, int len) {
        for (int i = 0; i < len; i++) {
            float d = g[gOff + i] * (2 * x[xOff + i]) * scale;
            acc[aOff + i] = acc[aOff + i] + d;
            acc[bOff + i] = acc[bOff + i] + d;
        }
    }

    @Override
    public double sumSquares(float[] x, int off, int len) {
        return stripedSum(x, off, len, true);
    }

    @Override
    public double sumAbs(float[] x, int off, int len) {
        return stripedSum(x, off, len, false);
    }

    /** The order of {@link Kernels#sumSquares}: 16 stripes, a balanced tree over them, then the tail. */
    private static double stripedSum(float[] x, int off, int len, boolean squares) {
        double[] s = new double[Reductions.STRIPES];
        int full = len - len % Reductions.STRIPES;
        for (int i = 0; i < full; i += Reductions.STRIPES) {
            for (int r = 0; r < Reductions.STRIPES; r++) {
                double v = x[off + i + r];
                s[r] += squares ? v * v : Math.abs(v);
            }
        }
        double total = Reductions.tree(s);
        for (int i = full; i < len; i++) {
            double v = x[off + i];
            total += squares ? v * v : Math.abs(v);
        }
        return total;
    }

    @Override
    public double softmaxCrossEntropy(float[] out, int[] labels, int n, int classes, float gradScale,
                                      float[] dOut) {
        return SoftmaxRows.crossEntropy(out, labels, n, classes, gradScale, dOut);
    }

    @Override
    public void adamUpdate(float[] w, float[] g, float[] m, float[] v, int off, int len, AdamStep s) {
        float beta1 = s.beta1(), beta2 = s.beta2(), eps = s.eps(), lr = s.lr(), lambda = s.lambda();
        float stepSize = s.stepSize(), bc2Sqrt = s.bc2Sqrt();
        DecayRule decay = s.decay();
        for (int i = off; i < off + len; i++) {
            float gi = coupled(decay, g[i], w[i], lambda);
            if (lambda != 0) {
                w[i] = decoupled(decay, w[i], lr, lambda);
            }
            m[i] = beta1 * m[i] + (1 - beta1) * gi;
            v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
            float denom = (float) Math.sqrt(v[i]) / bc2Sqrt + eps;
            w[i] -= stepSize * m[i] / denom;
        }
    }

    @Override
    public void sgdUpdate(float[] w, float[] g, float[] b, int off, int len, SgdStep s) {
        float lr = s.lr(), momentum = s.momentum(), lambda = s.lambda();
        DecayRule decay = s.decay();
        for (int i = off; i < off + len; i++) {
            float gi = coupled(decay, g[i], w[i], lambda);
            if (lambda != 0) {
                w[i] = decoupled(decay, w[i], lr, lambda);
            }
            if (b != null) {
                b[i] = s.first() ? gi : momentum * b[i] + gi;
                gi = s.nesterov() ? gi + momentum * b[i] : b[i];
            }
            w[i] -= lr * gi;
        }
    }

    static float coupled(DecayRule decay, float g, float w, float lambda) {
        return switch (decay) {
            case DECOUPLED, DECOUPLED_L1 -> g;
            case L2 -> g + lambda * w;
            case L1 -> g + lambda * Math.signum(w);
        };
    }

    static float decoupled(DecayRule decay, float w, float lr, float lambda) {
        return switch (decay) {
            case DECOUPLED -> w * (1 - lr * lambda);
            case DECOUPLED_L1 -> w - lr * lambda * Math.signum(w);
            case L2, L1 -> w;
        };
    }
}
