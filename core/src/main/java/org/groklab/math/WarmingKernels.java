package org.groklab.math;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The vector kernels, begun on their plain twins. Until the JIT compiler has compiled it, Vector API code runs
 * hundreds of times slower than plain loops (a fresh process spends its first seconds there); the plain kernels give
 * the same bits. So calls go to the plain kernels (their products in interleaved chains, {@link
 * PlainKernels#INTERLEAVED}, several times faster than one chain at a time) while a background thread runs both sets
 * on small inputs of every code path; once the vector kernels take less than twice the plain kernels' time there
 * (compiled, they take about as long on inputs this small; interpreted, a hundred times longer) {@link #ROUNDS_FAST}
 * rounds in a row, or after {@link #MAX_ROUNDS} rounds or {@link #MAX_NANOS} (on a busy machine the warm-up thread
 * gets little of a core, and the plain kernels are several times slower than compiled vector ones), every later call
 * goes to the vector kernels. Only the time changes, never a result.
 */
final class WarmingKernels implements Kernels {
    static final int ROUNDS_FAST = 3;
    static final int MAX_ROUNDS = 400;
    static final long MAX_NANOS = 3_000_000_000L;

    private final Kernels target;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile Kernels current = PlainKernels.INTERLEAVED;

    WarmingKernels(Kernels target) {
        this.target = target;
    }

    /** The kernels every call goes to once warm. */
    Kernels target() {
        return target;
    }

    /** True once calls go to {@link #target()}. */
    boolean warm() {
        return current == target;
    }

    /**
     * Sends every later call to the target at once, without a warm-up thread (one that already runs ends on its
     * own): for work that cares about its whole time more than about its first steps.
     */
    void skipWarmUp() {
        started.set(true);
        current = target;
    }

    /** Blocks until the kernels are warm (starting the warm-up if needed); for benchmarks and tests. */
    void awaitWarm() {
        k();
        while (!warm()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private Kernels k() {
        Kernels c = current;
        if (c != target && !started.get() && started.compareAndSet(false, true)) {
            Thread t = new Thread(this::warmUp, "groklab-kernel-warm-up");
            t.setDaemon(true);
            t.start();
        }
        return c;
    }

    private void warmUp() {
        try {
            KernelWorkload work = new KernelWorkload();
            int fast = 0;
            long start = System.nanoTime();
            for (int round = 0; round < MAX_ROUNDS && fast < ROUNDS_FAST && System.nanoTime() - start < MAX_NANOS;
                 round++) {
                long t0 = System.nanoTime();
                work.run(target);
                long t1 = System.nanoTime();
                work.run(PlainKernels.INTERLEAVED);
                long t2 = System.nanoTime();
                fast = t1 - t0 < 2 * (t2 - t1) ? fast + 1 : 0;
            }
        } finally {
            current = target;
        }
    }

    @Override
    public String describe() {
        return target.describe();
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
