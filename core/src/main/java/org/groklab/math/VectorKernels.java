package org.groklab.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels: the products in {@link VectorGemm}, the element-wise operations here. Each element-wise
 * loop runs whole vectors and finishes the last len mod L elements with the plain twin's own expression, so
 * both give the same bits at every length.
 */
final class VectorKernels implements Kernels {
    static final VectorKernels INSTANCE = new VectorKernels();
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** The 16 stripes of the sums as four vectors of four doubles (converted from four floats). */
    private static final VectorSpecies<Float> F4 = FloatVector.SPECIES_128;
    private static final VectorSpecies<Double> D4 = DoubleVector.SPECIES_256;
    private static final boolean WIDE_SUMS = S.vectorBitSize() >= 256;

    private VectorKernels() {
    }

    @Override
    public String describe() {
        return "vector, " + S.vectorBitSize() + "-bit (" + L + " float lanes)";
    }

    @Override
    public void matmul(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n,
                       boolean accumulate) {
        VectorGemm.gemm(a, aOff, k, 1, b, bOff, n, 1, c, cOff, m, k, n, accumulate);
    }

    @Override
    public void matmulTransA(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n,
                             boolean accumulate) {
        VectorGemm.gemm(a, aOff, 1, m, b, bOff, n, 1, c, cOff, m, k, n, accumulate);
    }

    @Override
    public void matmulTransB(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n,
                             boolean accumulate) {
        VectorGemm.gemm(a, aOff, k, 1, b, bOff, 1, k, c, cOff, m, k, n, accumulate);
    }

    @Override
    public void addBias(float[] x, int xOff, int rows, int cols, float[] bias, int bOff) {
        int full = cols - cols % L;
        for (int i = 0; i < rows; i++) {
            int row = xOff + i * cols;
            for (int j = 0; j < full; j += L) {
                FloatVector.fromArray(S, x, row + j).add(FloatVector.fromArray(S, bias, bOff + j))
                        .intoArray(x, row + j);
            }
            for (int j = full; j < cols; j++) {
                x[row + j] = x[row + j] + bias[bOff + j];
            }
        }
    }

    @Override
    public void sumRows(float[] x, int xOff, int rows, int cols, float[] dst, int dOff, boolean accumulate) {
        int full = cols - cols % L;
        for (int j = 0; j < full; j += L) {
            FloatVector s = accumulate ? FloatVector.fromArray(S, dst, dOff + j) : FloatVector.zero(S);
            for (int i = 0; i < rows; i++) {
                s = s.add(FloatVector.fromArray(S, x, xOff + i * cols + j));
            }
            s.intoArray(dst, dOff + j);
        }
        for (int j = full; j < cols; j++) {
            float s = accumulate ? dst[dOff + j] : 0f;
            for (int i = 0; i < rows; i++) {
                s = s + x[xOff + i * cols + j];
            }
            dst[dOff + j] = s;
        }
    }

    @Override
    public void relu(float[] x, int xOff, float[] y, int yOff, int len) {
        int full = len - len % L;
        FloatVector zero = FloatVector.zero(S);
        for (int i = 0; i < full; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            zero.blend(v, v.compare(VectorOperators.GT, 0f)).intoArray(y, yOff + i);
        }
        for (int i = full; i < len; i++) {
            float v = x[xOff + i];
            y[yOff + i] = v > 0 ? v : 0f;
        }
    }

    @Override
    public void reluBackward(float[] g, int gOff, float[] x, int xOff, int len) {
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            VectorMask<Float> off = FloatVector.fromArray(S, x, xOff + i).compare(VectorOperators.LE, 0f);
            FloatVector.fromArray(S, g, gOff + i).blend(0f, off).intoArray(g, gOff + i);
        }
        for (int i = full; i < len; i++) {
            if (x[xOff + i] <= 0) {
                g[gOff + i] = 0f;
            }
        }
    }

    @Override
    public void tanh(float[] x, int xOff, float[] y, int yOff, int len) {
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            tanh(FloatVector.fromArray(S, x, xOff + i)).intoArray(y, yOff + i);
        }
        for (int i = full; i < len; i++) {
            y[yOff + i] = Tanh.tanh(x[xOff + i]);
        }
    }

    /** {@link Tanh#tanh(float)} lane by lane, the same operations in the same order. */
    private static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector z = a.mul(a);
        FloatVector p = FloatVector.broadcast(S, Tanh.T[8]);
        for (int i = 7; i >= 0; i--) {
            p = p.fma(z, bc(Tanh.T[i]));
        }
        FloatVector small = a.mul(z).fma(p, a); // fma(a·z, p, a)
        FloatVector y = a.min(Tanh.CLAMP).mul(2f);
        FloatVector kf = y.mul(Tanh.INV_LN2).add(Tanh.MAGIC).sub(Tanh.MAGIC);
        FloatVector r = kf.fma(bc(-Tanh.LN2_HI), y);
        r = kf.fma(bc(-Tanh.LN2_LO), r);
        FloatVector q = FloatVector.broadcast(S, Tanh.E[7]);
        for (int i = 6; i >= 0; i--) {
            q = q.fma(r, bc(Tanh.E[i]));
        }
        FloatVector pow2 = kf.convert(VectorOperators.F2I, 0).reinterpretAsInts().add(127).lanewise(
                VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector e = q.mul(pow2);
        FloatVector large = FloatVector.broadcast(S, 1f).sub(FloatVector.broadcast(S, 2f).div(e.add(1f)));
        FloatVector t = large.blend(small, a.compare(VectorOperators.LT, Tanh.SWITCH));
        // Math.copySign: the magnitude bits of t with the sign bit of x
        return t.reinterpretAsInts().and(0x7fffffff).or(x.reinterpretAsInts().and(0x80000000))
                .reinterpretAsFloats();
    }

    private static FloatVector bc(float x) {
        return FloatVector.broadcast(S, x);
    }

    @Override
    public void tanhBackward(float[] g, int gOff, float[] y, int yOff, int len) {
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            FloatVector t = FloatVector.fromArray(S, y, yOff + i);
            FloatVector.fromArray(S, g, gOff + i).mul(t.neg().fma(t, bc(1f))).intoArray(g, gOff + i);
        }
        for (int i = full; i < len; i++) {
            float t = y[yOff + i];
            g[gOff + i] = g[gOff + i] * Math.fma(-t, t, 1f);
        }
    }

    @Override
    public void square(float[] x, int xOff, float[] y, int yOff, int len) {
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, xOff + i);
            v.mul(v).intoArray(y, yOff + i);
        }
        for (int i = full; i < len; i++) {
            float v = x[xOff + i];
            y[yOff + i] = v * v;
        }
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int len) {
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            FloatVector.fromArray(S, y, yOff + i).add(FloatVector.fromArray(S, x, xOff + i).mul(alpha))
                    .intoArray(y, yOff + i);
        }
        for (int i = full; i < len; i++) {
            y[yOff + i] = y[yOff + i] + alpha * x[xOff + i];
        }
    }

    @Override
    public void transpose(float[] src, float[] dst, int rows, int cols) {
        VectorTranspose.transpose(src, dst, rows, cols);
    }

    @Override
    public void scale(float alpha, float[] x, int xOff, int len) {
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            FloatVector.fromArray(S, x, xOff + i).mul(alpha).intoArray(x, xOff + i);
        }
        for (int i = full; i < len; i++) {
            x[xOff + i] = alpha * x[xOff + i];
        }
    }

    @Override
    public void addRowsScaled(float[] x, int aOff, int bOff, float scale, float[] dst, int dOff, int len) {
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            FloatVector.fromArray(S, x, aOff + i).add(FloatVector.fromArray(S, x, bOff + i)).mul(scale)
                    .intoArray(dst, dOff + i);
        }
        PlainKernels.INSTANCE.addRowsScaled(x, aOff + full, bOff + full, scale, dst, dOff + full, len - full);
    }

    @Override
    public void squareBackwardScaled(float[] g, int gOff, float[] x, int xOff, float scale, float[] dst, int dOff,
                                     int len) {
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            FloatVector.fromArray(S, g, gOff + i).mul(FloatVector.fromArray(S, x, xOff + i).mul(2f)).mul(scale)
                    .intoArray(dst, dOff + i);
        }
        PlainKernels.INSTANCE.squareBackwardScaled(g, gOff + full, x, xOff + full, scale, dst, dOff + full,
                len - full);
    }

    @Override
    public void addRowsScaledSquared(float[] x, int aOff, int bOff, float scale, float[] pre, float[] out, int dOff,
                                     int len) {
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            FloatVector v = FloatVector.fromArray(S, x, aOff + i).add(FloatVector.fromArray(S, x, bOff + i)).mul(scale);
            v.intoArray(pre, dOff + i);
            v.mul(v).intoArray(out, dOff + i);
        }
        PlainKernels.INSTANCE.addRowsScaledSquared(x, aOff + full, bOff + full, scale, pre, out, dOff + full,
                len - full);
    }

    @Override
    public void squareBackwardScaledIntoRows(float[] g, int gOff, float[] x, int xOff, float scale, float[] acc,
                                             int aOff, int bOff, int len) {
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            FloatVector d = FloatVector.fromArray(S, g, gOff + i).mul(FloatVector.fromArray(S, x, xOff + i).mul(2f))
                    .mul(scale);
            FloatVector.fromArray(S, acc, aOff + i).add(d).intoArray(acc, aOff + i);
            FloatVector.fromArray(S, acc, bOff + i).add(d).intoArray(acc, bOff + i);
        }
        PlainKernels.INSTANCE.squareBackwardScaledIntoRows(g, gOff + full, x, xOff + full, scale, acc, aOff + full,
                bOff + full, len - full);
    }

    @Override
    public double sumSquares(float[] x, int off, int len) {
        return WIDE_SUMS ? stripedSum(x, off, len, true) : PlainKernels.INSTANCE.sumSquares(x, off, len);
    }

    @Override
    public double sumAbs(float[] x, int off, int len) {
        return WIDE_SUMS ? stripedSum(x, off, len, false) : PlainKernels.INSTANCE.sumAbs(x, off, len);
    }

    /** The order of {@link Kernels#sumSquares}: stripe r of 16 lives in lane r mod 4 of accumulator r / 4. */
    private static double stripedSum(float[] x, int off, int len, boolean squares) {
        DoubleVector s0 = DoubleVector.zero(D4), s1 = s0, s2 = s0, s3 = s0;
        int full = len - len % Reductions.STRIPES;
        for (int i = 0; i < full; i += Reductions.STRIPES) {
            DoubleVector v0 = widen(x, off + i), v1 = widen(x, off + i + 4);
            DoubleVector v2 = widen(x, off + i + 8), v3 = widen(x, off + i + 12);
            if (squares) {
                s0 = s0.add(v0.mul(v0));
                s1 = s1.add(v1.mul(v1));
                s2 = s2.add(v2.mul(v2));
                s3 = s3.add(v3.mul(v3));
            } else {
                s0 = s0.add(v0.abs());
                s1 = s1.add(v1.abs());
                s2 = s2.add(v2.abs());
                s3 = s3.add(v3.abs());
            }
        }
        double[] s = new double[Reductions.STRIPES];
        s0.intoArray(s, 0);
        s1.intoArray(s, 4);
        s2.intoArray(s, 8);
        s3.intoArray(s, 12);
        double total = Reductions.tree(s);
        for (int i = full; i < len; i++) {
            double v = x[off + i];
            total += squares ? v * v : Math.abs(v);
        }
        return total;
    }

    private static DoubleVector widen(float[] x, int i) {
        return (DoubleVector) FloatVector.fromArray(F4, x, i).convertShape(VectorOperators.F2D, D4, 0);
    }

    @Override
    public double softmaxCrossEntropy(float[] out, int[] labels, int n, int classes, float gradScale,
                                      float[] dOut) {
        return VectorSoftmaxRows.crossEntropy(out, labels, n, classes, gradScale, dOut);
    }

    /** Math.signum lane by lane: ±1 for non-zero numbers, x itself for ±0 and NaN. */
    private static FloatVector signum(FloatVector w) {
        return w.blend(1f, w.compare(VectorOperators.GT, 0f)).blend(-1f, w.compare(VectorOperators.LT, 0f));
    }

    private static FloatVector coupled(DecayRule decay, FloatVector g, FloatVector w, float lambda) {
        return switch (decay) {
            case DECOUPLED, DECOUPLED_L1 -> g;
            case L2 -> g.add(w.mul(lambda));
            case L1 -> g.add(signum(w).mul(lambda));
        };
    }

    private static FloatVector decoupled(DecayRule decay, FloatVector w, float lr, float lambda) {
        return switch (decay) {
            case DECOUPLED -> w.mul(1 - lr * lambda);
            case DECOUPLED_L1 -> w.sub(signum(w).mul(lr * lambda));
            case L2, L1 -> w;
        };
    }

    @Override
    public void adamUpdate(float[] w, float[] g, float[] m, float[] v, int off, int len, AdamStep s) {
        float beta1 = s.beta1(), beta2 = s.beta2(), eps = s.eps(), lr = s.lr(), lambda = s.lambda();
        float stepSize = s.stepSize(), bc2Sqrt = s.bc2Sqrt();
        float oneMinusBeta1 = 1 - beta1, oneMinusBeta2 = 1 - beta2;
        DecayRule decay = s.decay();
        int full = len - len % L;
        for (int i = off; i < off + full; i += L) {
            FloatVector wv = FloatVector.fromArray(S, w, i);
            FloatVector gi = coupled(decay, FloatVector.fromArray(S, g, i), wv, lambda);
            if (lambda != 0) {
                wv = decoupled(decay, wv, lr, lambda);
            }
            FloatVector mv = FloatVector.fromArray(S, m, i).mul(beta1).add(gi.mul(oneMinusBeta1));
            FloatVector vv = FloatVector.fromArray(S, v, i).mul(beta2).add(gi.mul(oneMinusBeta2).mul(gi));
            FloatVector denom = vv.sqrt().div(bc2Sqrt).add(eps);
            wv = wv.sub(mv.mul(stepSize).div(denom));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            wv.intoArray(w, i);
        }
        PlainKernels.INSTANCE.adamUpdate(w, g, m, v, off + full, len - full, s);
    }

    @Override
    public void sgdUpdate(float[] w, float[] g, float[] b, int off, int len, SgdStep s) {
        float lr = s.lr(), momentum = s.momentum(), lambda = s.lambda();
        DecayRule decay = s.decay();
        int full = len - len % L;
        for (int i = off; i < off + full; i += L) {
            FloatVector wv = FloatVector.fromArray(S, w, i);
            FloatVector gi = coupled(decay, FloatVector.fromArray(S, g, i), wv, lambda);
            if (lambda != 0) {
                wv = decoupled(decay, wv, lr, lambda);
            }
            if (b != null) {
                FloatVector bv = s.first() ? gi : FloatVector.fromArray(S, b, i).mul(momentum).add(gi);
                bv.intoArray(b, i);
                gi = s.nesterov() ? gi.add(bv.mul(momentum)) : bv;
            }
            wv.sub(gi.mul(lr)).intoArray(w, i);
        }
        PlainKernels.INSTANCE.sgdUpdate(w, g, b, off + full, len - full, s);
    }
}
