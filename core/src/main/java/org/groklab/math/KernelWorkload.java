package org.groklab.math;

/**
 * Small inputs that take every kernel of {@link Kernels} through each of its code paths (the products' full and
 * partial micro-kernel tiles, B read in place, packed and gathered; whole vectors and tails; every weight-decay
 * rule), for warming up the JIT compiler. The arrays are rewritten on every run, so runs do not drift.
 */
final class KernelWorkload implements KernelWarmUp.Workload<Kernels> {
    /**
     * Products (m, k, n): full and partial tiles, B in place (few rows or columns), B packed (many of both), a narrow
     * last panel read in place (few rows against k), one row of C (every group of vectors of the one-row kernel),
     * one column of C (dot-product rows, and the one-row kernel for Aᵀ·B); small k, so that a round is short and the
     * compiler's counters fill quickly, but for one product whose shared dimension takes two blocks (k = 200), as most
     * of the models' products do, so that the blocked product's later blocks are compiled before a run's steps need
     * them (BENCHMARKS.md, a single run's first step and figures: quick-modadd's steps 5.2 s against 5.7 s, medians
     * of 10 runs).
     */
    private static final int[][] SHAPES = {{8, 4, 48}, {13, 6, 70}, {9, 5, 5}, {264, 3, 136}, {9, 24, 20},
        {1, 6, 200}, {1, 5, 40}, {1, 4, 9}, {20, 7, 1}, {40, 200, 40}};
    private static final int LEN = 200 + 7;
    private static final int ROWS = 8;
    private static final int CLASSES = 19;

    private final float[] a;
    private final float[] b;
    private final float[] c;
    private final float[] x = new float[LEN];
    private final float[] y = new float[LEN];
    private final float[] g = new float[LEN];
    private final float[] m = new float[LEN];
    private final float[] v = new float[LEN];
    private final float[] logits = new float[ROWS * CLASSES];
    private final float[] dOut = new float[ROWS * CLASSES];
    private final int[] labels = new int[ROWS];
    private double sink;

    KernelWorkload() {
        int most = largestOperand(SHAPES);
        a = new float[most];
        b = new float[most];
        c = new float[most];
    }

    /** The most elements any operand of the products (m, k, n) has: m·k, k·n or m·n. */
    static int largestOperand(int[][] shapes) {
        int most = 0;
        for (int[] s : shapes) {
            most = Math.max(most, Math.max(s[0] * s[1], Math.max(s[1] * s[2], s[0] * s[2])));
        }
        return most;
    }

    @Override
    public void run(Kernels k) {
        fill(a, 1);
        fill(b, 2);
        for (int[] s : SHAPES) {
            k.matmul(a, 0, b, 0, c, 0, s[0], s[1], s[2], false);
            k.matmul(a, 0, b, 0, c, 0, s[0], s[1], s[2], true);
            k.matmulTransA(a, 0, b, 0, c, 0, s[0], s[1], s[2], false);
            k.matmulTransB(a, 0, b, 0, c, 0, s[0], s[1], s[2], true);
        }
        fill(x, 3);
        fill(g, 4);
        k.addBias(x, 0, ROWS, LEN / ROWS, g, 0);
        k.sumRows(x, 0, ROWS, LEN / ROWS, y, 0, false);
        k.relu(x, 0, y, 0, LEN);
        k.reluBackward(g, 0, x, 0, LEN);
        k.tanh(x, 0, y, 0, LEN);
        k.tanhBackward(g, 0, y, 0, LEN);
        k.square(x, 0, y, 0, LEN);
        k.axpy(0.5f, x, 0, y, 0, LEN);
        k.scale(0.5f, y, 0, LEN);
        k.addRowsScaled(x, 0, LEN / 2, 0.5f, y, 0, LEN / 2);
        k.transpose(x, y, 9, LEN / 9); // whole 8 × 8 tiles, and the rows and columns past them
        k.transpose(a, c, 16, 24);
        k.squareBackwardScaled(g, 0, x, 0, 0.5f, y, 0, LEN);
        k.addRowsScaledSquared(x, 0, LEN / 2, 0.5f, y, m, 0, LEN / 2);
        k.squareBackwardScaledIntoRows(g, 0, x, 0, 0.5f, y, 0, LEN / 2, LEN / 2);
        sink += k.sumSquares(x, 0, LEN) + k.sumAbs(x, 0, LEN);
        fill(logits, 5);
        for (int i = 0; i < ROWS; i++) {
            labels[i] = i % CLASSES;
        }
        sink += k.softmaxCrossEntropy(logits, labels, ROWS, CLASSES, 0.01f, dOut);
        sink += k.softmaxCrossEntropy(logits, labels, ROWS, CLASSES, 0.01f, null);
        for (DecayRule rule : DecayRule.values()) {
            fill(m, 6);
            fill(v, 7);
            for (int i = 0; i < LEN; i++) {
                v[i] = Math.abs(v[i]);
            }
            k.adamUpdate(x, g, m, v, 0, LEN, new AdamStep(0.9f, 0.98f, 1e-8f, 1e-3f, 0.1f, rule, 1e-3f, 0.5f));
            k.sgdUpdate(x, g, m, 0, LEN, new SgdStep(0.1f, 0.9f, rule == DecayRule.L2, 0.01f, rule, false));
            k.sgdUpdate(x, g, null, 0, LEN, new SgdStep(0.1f, 0f, false, 0.01f, rule, true));
        }
        sink += k.sumSquares(x, 0, LEN) + k.sumSquares(y, 0, LEN) + k.sumSquares(c, 0, c.length)
                + k.sumSquares(dOut, 0, dOut.length);
    }

    /** Keeps the results observable, so the compiler cannot drop the work. */
    double sink() {
        return sink;
    }

    private static void fill(float[] t, int seed) {
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) Math.sin(0.37 * i + seed);
        }
    }
}
