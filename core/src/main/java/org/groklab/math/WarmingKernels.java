package org.groklab.math;

/**
 * The float32 vector kernels, begun on their plain twins while the JIT compiles them: the policy of
 * {@link KernelWarmUp}, on the inputs of {@link KernelWorkload}. Only the time changes, never a result. The plain
 * twins' products run in interleaved chains ({@link PlainKernels#INTERLEAVED}), several times faster than one chain
 * at a time, with the same bits.
 */
final class WarmingKernels implements Kernels {
    private final KernelWarmUp<Kernels> warmUp;

    WarmingKernels(Kernels target) {
        warmUp = new KernelWarmUp<>(target, PlainKernels.INTERLEAVED, KernelWorkload::new);
    }

    /** The warm-up: its target, whether it has started or is over; skipping it, waiting for it. */
    KernelWarmUp<Kernels> warmUp() {
        return warmUp;
    }

    private Kernels k() {
        return warmUp.current();
    }

    @Override
    public String describe() {
        return warmUp.target().describe();
    }

    @Override
    public void matmul(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n,
                       boolean accumulate) {
        k().matmul(a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
    }

    @Override
    public void matmulTransA(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n,
                             boolean accumulate) {
        k().matmulTransA(a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
    }

    @Override
    public void matmulTransB(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n,
                             boolean accumulate) {
        k().matmulTransB(a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
    }

    @Override
    public void addBias(float[] x, int xOff, int rows, int cols, float[] bias, int bOff) {
        k().addBias(x, xOff, rows, cols, bias, bOff);
    }

    @Override
    public void sumRows(float[] x, int xOff, int rows, int cols, float[] dst, int dOff, boolean accumulate) {
        k().sumRows(x, xOff, rows, cols, dst, dOff, accumulate);
    }

    @Override
    public void relu(float[] x, int xOff, float[] y, int yOff, int len) {
        k().relu(x, xOff, y, yOff, len);
    }

    @Override
    public void reluBackward(float[] g, int gOff, float[] x, int xOff, int len) {
        k().reluBackward(g, gOff, x, xOff, len);
    }

    @Override
    public void tanh(float[] x, int xOff, float[] y, int yOff, int len) {
        k().tanh(x, xOff, y, yOff, len);
    }

    @Override
    public void tanhBackward(float[] g, int gOff, float[] y, int yOff, int len) {
        k().tanhBackward(g, gOff, y, yOff, len);
    }

    @Override
    public void square(float[] x, int xOff, float[] y, int yOff, int len) {
        k().square(x, xOff, y, yOff, len);
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int len) {
        k().axpy(alpha, x, xOff, y, yOff, len);
    }

    @Override
    public void scale(float alpha, float[] x, int xOff, int len) {
        k().scale(alpha, x, xOff, len);
    }

    @Override
    public void addRowsScaledSquared(float[] x, int aOff, int bOff, float scale, float[] pre, float[] out, int dOff,
                                     int len) {
        k().addRowsScaledSquared(x, aOff, bOff, scale, pre, out, dOff, len);
    }

    @Override
    public void squareBackwardScaledIntoRows(float[] g, int gOff, float[] x, int xOff, float scale, float[] acc,
                                             int aOff, int bOff, int len) {
        k().squareBackwardScaledIntoRows(g, gOff, x, xOff, scale, acc, aOff, bOff, len);
    }

    @Override
    public void transpose(float[] src, float[] dst, int rows, int cols) {
        k().transpose(src, dst, rows, cols);
    }

    @Override
    public void addRowsScaled(float[] x, int aOff, int bOff, float scale, float[] dst, int dOff, int len) {
        k().addRowsScaled(x, aOff, bOff, scale, dst, dOff, len);
    }

    @Override
    public void squareBackwardScaled(float[] g, int gOff, float[] x, int xOff, float scale, float[] dst, int dOff,
                                     int len) {
        k().squareBackwardScaled(g, gOff, x, xOff, scale, dst, dOff, len);
    }

    @Override
    public double sumSquares(float[] x, int off, int len) {
        return k().sumSquares(x, off, len);
    }

    @Override
    public double sumAbs(float[] x, int off, int len) {
        return k().sumAbs(x, off, len);
    }

    @Override
    public double softmaxCrossEntropy(float[] out, int[] labels, int n, int classes, float gradScale, float[] dOut) {
        return k().softmaxCrossEntropy(out, labels, n, classes, gradScale, dOut);
    }

    @Override
    public void adamUpdate(float[] w, float[] g, float[] m, float[] v, int off, int len, AdamStep step) {
        k().adamUpdate(w, g, m, v, off, len, step);
    }

    @Override
    public void sgdUpdate(float[] w, float[] g, float[] buffer, int off, int len, SgdStep step) {
        k().sgdUpdate(w, g, buffer, off, len, step);
    }
}
