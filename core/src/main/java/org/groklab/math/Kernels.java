package org.groklab.math;

/**
 * The hot loops of groklab: dense float32 matrix products and the element-wise and row operations of the models,
 * on row-major arrays.
 *
 * <p>Two implementations give the same bits on every input: {@link #plain()} (straightforward loops, the oracle)
 * and {@link #vector()} (the Vector API). The order of the arithmetic is part of each method's contract:
 * <ul>
 *   <li>products: each output element is one chain of fused multiply-adds over the shared dimension in index
 *       order t = 0..k-1, starting from 0 (or from C when accumulating); no horizontal reductions, so the result
 *       does not depend on the vector width or on the blocking;</li>
 *   <li>element-wise operations: the Java expression written in each method's comment, per element (no fused
 *       multiply-add unless the comment says fma);</li>
 *   <li>reductions: the fixed order written in the method's comment, independent of the vector width.</li>
 * </ul>
 * Offsets and lengths select a window of each array; nothing outside it is read or written.
 */
public interface Kernels {

    // ---- products ---------------------------------------------------------------------------------------

    /**
     * C[m×n] (+)= A[m×k] · B[k×n].
     *
     * @param accumulate add into C when true, overwrite C when false
     */
    void matmul(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n,
                boolean accumulate);

    /** C[m×n] (+)= Aᵀ · B with A stored as [k×m] and B as [k×n]: the gradient of a weight matrix. */
    void matmulTransA(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n,
                      boolean accumulate);

    /**
     * C[m×n] (+)= A[m×k] · Bᵀ with B stored as [n×k]: the bits of {@link #matmul} on the transposed B, without a
     * transposed copy.
     */
    void matmulTransB(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n,
                      boolean accumulate);

    /** Whole-array convenience for {@link #matmul}. */
    default void matmul(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        matmul(a, 0, b, 0, c, 0, m, k, n, accumulate);
    }

    /** Whole-array convenience for {@link #matmulTransA}. */
    default void matmulTransA(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        matmulTransA(a, 0, b, 0, c, 0, m, k, n, accumulate);
    }

    /** Whole-array convenience for {@link #matmulTransB}. */
    default void matmulTransB(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        matmulTransB(a, 0, b, 0, c, 0, m, k, n, accumulate);
    }

    /**
     * The earlier form of {@link #matmulTransB} that needed a scratch array for the transposed B; the scratch is no
     * longer used. Same bits.
     */
    default void matmulTransB(float[] a, float[] b, float[] c, float[] scratch, int m, int k, int n,
                              boolean accumulate) {
        matmulTransB(a, 0, b, 0, c, 0, m, k, n, accumulate);
    }

    // ---- element-wise and row operations ----------------------------------------------------------------

    /** x[i·cols + j] = x[i·cols + j] + bias[j] for i < rows, j < cols (the bias of a dense layer). */
    void addBias(float[] x, int xOff, int rows, int cols, float[] bias, int bOff);

    /**
     * dst[j] = (accumulate ? dst[j] : 0) + x[0·cols + j] + x[1·cols + j] + ... in row order, one float addition at
     * a time (the gradient of a bias: column sums).
     */
    void sumRows(float[] x, int xOff, int rows, int cols, float[] dst, int dOff, boolean accumulate);

    /** y[i] = x[i] &gt; 0 ? x[i] : +0 (NaN gives +0). x and y may be the same window. */
    void relu(float[] x, int xOff, float[] y, int yOff, int len);

    /** g[i] = x[i] &lt;= 0 ? +0 : g[i], x the ReLU's input (NaN keeps g): the ReLU backward mask. */
    void reluBackward(float[] g, int gOff, float[] x, int xOff, int len);

    /** y[i] = {@link Tanh#tanh(float)}(x[i]): IEEE float operations only, the same bits everywhere. */
    void tanh(float[] x, int xOff, float[] y, int yOff, int len);

    /** g[i] = g[i] · fma(−y[i], y[i], 1), y the tanh's output: the derivative 1 − tanh² applied to a gradient. */
    void tanhBackward(float[] g, int gOff, float[] y, int yOff, int len);

    /** y[i] = x[i] · x[i]. */
    void square(float[] x, int xOff, float[] y, int yOff, int len);

    /** y[i] = y[i] + alpha · x[i] (product rounded, then sum: no fma). */
    void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int len);

    /** x[i] = alpha · x[i]. */
    void scale(float alpha, float[] x, int xOff, int len);

    /** dst (cols × rows) = srcᵀ (src rows × cols): dst[j·rows + i] = src[i·cols + j], a copy. */
    void transpose(float[] src, float[] dst, int rows, int cols);

    /** dst[i] = (x[aOff + i] + x[bOff + i]) · scale: two rows of one matrix added, then scaled. */
    void addRowsScaled(float[] x, int aOff, int bOff, float scale, float[] dst, int dOff, int len);

    /**
     * dst[i] = g[i] · (2 · x[i]) · scale, multiplied in that order: a gradient through a square (x²), scaled;
     * dst may be g itself.
     */
    void squareBackwardScaled(float[] g, int gOff, float[] x, int xOff, float scale, float[] dst, int dOff, int len);

    /**
     * {@link #addRowsScaled} then {@link #square} in one pass: pre[dOff + i] = (x[aOff + i] + x[bOff + i]) · scale
     * and out[dOff + i] = pre[dOff + i]², the same values (a one-hot pair's first layer and its quadratic).
     */
    void addRowsScaledSquared(float[] x, int aOff, int bOff, float scale, float[] pre, float[] out, int dOff,
                              int len);

    /**
     * {@link #squareBackwardScaled} then {@link #axpy} of 1 into two rows in one pass: with d = g[gOff + i] ·
     * (2 · x[xOff + i]) · scale, acc[aOff + i] = acc[aOff + i] + d, then acc[bOff + i] = acc[bOff + i] + d (the same
     * values; the rows must not overlap). A one-hot pair's first-layer gradient, one example at a time.
     */
    void squareBackwardScaledIntoRows(float[] g, int gOff, float[] x, int xOff, float scale, float[] acc, int aOff,
                                      int bOff, int len);

    /**
     * Σ x[i]² in double, in a fixed order independent of the vector width: 16 partial sums, s[r] over
     * i ≡ r (mod 16) for i below the last multiple of 16, each adding (double) x[i] · (double) x[i] in index
     * order; then ((s0+s1)+(s2+s3)) + ((s4+s5)+(s6+s7)) + ... (a balanced tree over the 16, pairs of
     * neighbours first); then the remaining len mod 16 squares added one by one in index order.
     */
    double sumSquares(float[] x, int off, int len);

    /** Σ |x[i]| in double, in the order of {@link #sumSquares} with |x[i]| for x[i]². */
    double sumAbs(float[] x, int off, int len);

    /**
     * Softmax cross-entropy of {@code n} rows of {@code classes} logits, with the arithmetic of groklab's
     * {@code CrossEntropy} loss: per row, max over the row (float, Math.max), e_c = {@link Exp#exp}(out_c − max)
     * (float subtraction, then double), sum = e_0 + e_1 + ... in double in class order, loss_row =
     * (max + StrictMath.log(sum)) − out_label in double. Returns Σ loss_row in row order (double). When
     * {@code dOut} is not null, dOut_c = (float) (e_c · (1 / sum) − [c = label]) · gradScale.
     */
    double softmaxCrossEntropy(float[] out, int[] labels, int n, int classes, float gradScale, float[] dOut);

    /**
     * One Adam or AdamW step on a window of one parameter, with groklab's {@code Adam} arithmetic per element:
     * <pre>
     *   gi = coupled(g, w)                          L2: g + λ·w;  L1: g + λ·signum(w);  else g
     *   if λ != 0: w = decoupled(w)                 DECOUPLED: w · (1 − lr·λ);  DECOUPLED_L1: w − lr·λ·signum(w)
     *   m = β1·m + (1 − β1)·gi
     *   v = β2·v + (1 − β2)·gi·gi                   ((1 − β2)·gi)·gi
     *   denom = sqrt(v) / bc2Sqrt + eps             sqrt correctly rounded in float
     *   w = w − stepSize·m / denom                  (stepSize·m) / denom
     * </pre>
     * all in float, each product and sum rounded (no fma).
     */
    void adamUpdate(float[] w, float[] g, float[] m, float[] v, int off, int len, AdamStep step);

    /**
     * One SGD step on a window of one parameter, with groklab's {@code Sgd} arithmetic per element: gi and the
     * decoupled decay as in {@link #adamUpdate}; with a momentum buffer b (null for none): b = first ? gi :
     * momentum·b + gi, then gi = nesterov ? gi + momentum·b : b; finally w = w − lr·gi.
     */
    void sgdUpdate(float[] w, float[] g, float[] buffer, int off, int len, SgdStep step);

    /** A line for users: which kernels these are, e.g. "vector, 512-bit (16 float lanes)". */
    String describe();

    // ---- choosing the kernels ---------------------------------------------------------------------------

    /**
     * The kernels a run uses unless it is given others: the Vector API ones when the Vector API is accelerated
     * here and {@code -Dgroklab.simd} is not false, the plain ones otherwise (see {@link KernelChoice}). Both give
     * the same bits.
     */
    static Kernels preferred() {
        return KernelChoice.ACTIVE;
    }

    /**
     * Returns once {@link #preferred()} and {@link Kernels64#preferred()} run at full speed: their vector kernels
     * compiled (they serve their first calls from the plain twins meanwhile, see {@code KernelWarmUp}), starting
     * both warm-ups if need be; at once for the plain kernels. For benchmarks.
     */
    static void awaitPreferredWarm() {
        preferredWarmUps().forEach(KernelWarmUp::await);
    }

    /**
     * Returns once the warm-ups that calls have started are over, starting the float32 one (nearly every run uses
     * float32 kernels) but not the float64 one (only float64 models use it): for background work that should not
     * compete with a warm-up for the cores.
     */
    static void awaitStartedWarmUps() {
        if (preferred() instanceof WarmingKernels w) {
            w.warmUp().current(); // starts the float32 warm-up
        }
        for (KernelWarmUp<?> w : preferredWarmUps()) {
            if (w.started()) {
                w.await();
            }
        }
    }

    /**
     * Makes {@link #preferred()} and {@link Kernels64#preferred()} run their vector kernels from the next call on,
     * with no warm-up on the plain twins: for sweeps, where the warm-up thread and the plain kernels' slower first
     * seconds cost more of the whole than they save of a first step (BENCHMARKS.md, sweeps). The same bits either
     * way.
     */
    static void skipPreferredWarmUp() {
        preferredWarmUps().forEach(KernelWarmUp::skip);
    }

    /**
     * Holds every warm-up of the process ({@link KernelWarmUp#pauseAll()}: the kernels' and the t-SNE maps') until
     * the hold is released, calls meanwhile going where they went (the plain twins until warm, the same bits). A
     * single run holds them through its first step, which its plain kernels then do with the cores to themselves and
     * the JIT compiler free for them (gromov-quadratic's first step 0.6-0.8 s sooner), and while it draws its
     * figures once it has trained: BENCHMARKS.md, a single run's first step and figures. A single run's six maps of
     * 300 points never repay the t-SNE maps' warm-up, which begins after them.
     */
    static KernelWarmUp.Hold holdWarmUps() {
        return KernelWarmUp.hold();
    }

    /** The warm-ups of {@link #preferred()} and {@link Kernels64#preferred()}: none when they do not warm up. */
    private static java.util.List<KernelWarmUp<?>> preferredWarmUps() {
        java.util.List<KernelWarmUp<?>> all = new java.util.ArrayList<>(2);
        if (preferred() instanceof WarmingKernels w) {
            all.add(w.warmUp());
        }
        if (Kernels64.preferred() instanceof WarmingKernels64 w) {
            all.add(w.warmUp());
        }
        return all;
    }

    /**
     * Whether {@link #preferred()} runs on the Vector API (also while it warms up on its plain twins); false under
     * {@code -Dgroklab.simd=false} or where the Vector API is not accelerated. For the code that has vector and
     * plain twins of its own (populations, t-SNE) to follow the same choice.
     */
    static boolean vectorPreferred() {
        return !(preferred() instanceof PlainKernels);
    }

    /** What {@link #preferred()} chose, and why: for {@code --version} and {@code groklab bench}. */
    static String describeActive() {
        return KernelChoice.DESCRIPTION;
    }

    static Kernels plain() {
        return PlainKernels.INSTANCE;
    }

    static Kernels vector() {
        return VectorKernels.INSTANCE;
    }
}
