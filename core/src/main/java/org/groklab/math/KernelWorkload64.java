package org.groklab.math;

/**
 * Small inputs that take every kernel of {@link Kernels64} through each of its code paths, for warming up the JIT
 * compiler: the three product layouts with and without accumulation, B read in place (whole panels) and copied
 * (a masked last panel, a gathered transpose), the 4-row tiles and the single rows after them; softmax cross-entropy
 * with and without its gradient, on rows shorter and longer than a vector and a last group of fewer rows; the Adam
 * step under every weight-decay rule, with and without decay, on whole vectors and a tail. The arrays are rewritten
 * on every run, so runs do not drift.
 */
final class KernelWorkload64 implements KernelWarmUp.Workload<Kernels64> {
    /**
     * Products (m, k, n): n = 24 is a whole number of panels of 3 vectors (for 2, 4 and 8 double lanes), so A·B reads
     * B in place; n = 30, 7 and 50 end in a masked panel; 9 rows make two 4-row tiles and a single row; m = 1 the
     * single rows alone. Small k, so that a round is short and the compiler's counters fill quickly.
     */
    private static final int[][] SHAPES = {{9, 4, 24}, {8, 3, 24}, {9, 5, 30}, {5, 3, 7}, {1, 6, 50}, {6, 2, 50}};
    private static final int LEN = 200 + 7;
    private static final int ROWS = 9;
    private static final int[] CLASSES = {19, 3};

    private final double[] a;
    private final double[] b;
    private final double[] c;
    private final double[] w = new double[LEN];
    private final double[] g = new double[LEN];
    private final double[] m = new double[LEN];
    private final double[] v = new double[LEN];
    private final double[] logits = new double[ROWS * CLASSES[0]];
    private final double[] dOut = new double[ROWS * CLASSES[0]];
    private final int[] labels = new int[ROWS];
    private double sink;

    KernelWorkload64() {
        int most = KernelWorkload.largestOperand(SHAPES);
        a = new double[most];
        b = new double[most];
        c = new double[most];
    }

    @Override
    public void run(Kernels64 k) {
        fill(a, 1);
        fill(b, 2);
        fill(c, 3);
        for (int[] s : SHAPES) {
            for (boolean accumulate : new boolean[] {false, true}) {
                k.matmul(a, 0, b, 0, c, 0, s[0], s[1], s[2], accumulate);
                k.matmulTransA(a, 0, b, 0, c, 0, s[0], s[1], s[2], accumulate);
                k.matmulTransB(a, 0, b, 0, c, 0, s[0], s[1], s[2], accumulate);
            }
        }
        for (double x : c) {
            sink += x;
        }
        for (int classes : CLASSES) {
            fill(logits, 4);
            for (int i = 0; i < ROWS; i++) {
                labels[i] = i % classes;
            }
            sink += k.softmaxCrossEntropy(logits, labels, ROWS, classes, 7.0, dOut);
            sink += k.softmaxCrossEntropy(logits, labels, ROWS, classes, 7.0, null);
            for (int i = 0; i < ROWS * classes; i++) {
                sink += dOut[i];
            }
        }
        fill(w, 5);
        fill(g, 6);
        for (DecayRule rule : DecayRule.values()) {
            for (double lambda : new double[] {0, 0.1}) {
                fill(m, 7);
                fill(v, 8);
                for (int i = 0; i < LEN; i++) {
                    v[i] = Math.abs(v[i]);
                }
                k.adamUpdate(w, g, m, v, 0, LEN, new AdamStep64(0.9, 0.98, 1e-8, 1e-3, lambda, rule, 1e-3, 0.5));
            }
        }
        for (int i = 0; i < LEN; i++) {
            sink += w[i] + m[i] + v[i];
        }
    }

    /** Keeps the results observable, so the compiler cannot drop the work. */
    double sink() {
        return sink;
    }

    private static void fill(double[] t, int seed) {
        for (int i = 0; i < t.length; i++) {
            t[i] = Math.sin(0.37 * i + seed);
        }
    }
}
