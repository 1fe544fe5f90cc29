package org.groklab.math;

/**
 * The float64 matrix products of models that train in double precision (a spec's {@code model.precision}), on
 * row-major {@code double[]} arrays, with the contract of {@link Kernels}' products: each output element is one
 * chain of fused multiply-adds over the shared dimension in index order t = 0..k-1, starting from 0 (or from C when
 * accumulating). {@link #plain()} (straightforward loops, the oracle) and {@link #vector()} (the Vector API) give
 * the same bits on every input. Offsets select a window of each array; nothing outside it is read or written.
 */
public interface Kernels64 {

    /** C[m×n] (+)= A[m×k] · B[k×n]. */
    void matmul(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                boolean accumulate);

    /** C[m×n] (+)= Aᵀ · B with A stored as [k×m] and B as [k×n]: the gradient of a weight matrix. */
    void matmulTransA(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                      boolean accumulate);

    /** C[m×n] (+)= A[m×k] · Bᵀ with B stored as [n×k]. */
    void matmulTransB(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                      boolean accumulate);

    default void matmul(double[] a, double[] b, double[] c, int m, int k, int n, boolean accumulate) {
        matmul(a, 0, b, 0, c, 0, m, k, n, accumulate);
    }

    default void matmulTransA(double[] a, double[] b, double[] c, int m, int k, int n, boolean accumulate) {
        matmulTransA(a, 0, b, 0, c, 0, m, k, n, accumulate);
    }

    default void matmulTransB(double[] a, double[] b, double[] c, int m, int k, int n, boolean accumulate) {
        matmulTransB(a, 0, b, 0, c, 0, m, k, n, accumulate);
    }

    /**
     * Softmax cross-entropy of {@code n} rows of {@code classes} float64 logits, with the arithmetic of groklab's
     * {@code CrossEntropy.evaluate64}: per row, max over the row (Math.max from −∞), e_c =
     * StrictMath.exp(out_c − max), sum = e_0 + e_1 + ... in class order, loss_row = (max + StrictMath.log(sum)) −
     * out_label. Returns Σ loss_row in row order. When {@code dOut} is not null, dOut_c = (e_c / sum − [c = label])
     * / div.
     */
    double softmaxCrossEntropy(double[] out, int[] labels, int n, int classes, double div, double[] dOut);

    /**
     * One Adam or AdamW step on a window of one float64 parameter, with the arithmetic of {@link Kernels#adamUpdate}
     * in double: gi = coupled(g, w); if λ != 0, w = decoupled(w); m = β1·m + (1 − β1)·gi; v = β2·v + ((1 − β2)·gi)·gi;
     * denom = sqrt(v) / bc2Sqrt + eps; w = w − (stepSize·m) / denom; each product and sum rounded (no fma).
     */
    void adamUpdate(double[] w, double[] g, double[] m, double[] v, int off, int len, AdamStep64 step);

    /** A line for users, e.g. "vector, 512-bit (8 double lanes)". */
    String describe();

    /**
     * The Vector API kernels when the float32 kernels in use are the Vector API ones, the plain ones otherwise; like
     * {@link Kernels#preferred()}, begun on their plain twins while the JIT compiles them (the same bits).
     */
    static Kernels64 preferred() {
        return KernelChoice.ACTIVE64;
    }

    /**
     * The float64 twin of the given float32 kernels: {@link #preferred()} for {@link Kernels#preferred()} (warming up
     * when it does), vector for vector (also for other vector kernels still warming up on their plain twins), plain
     * for plain.
     */
    static Kernels64 matching(Kernels kernels) {
        if (kernels == Kernels.preferred()) {
            return preferred();
        }
        Kernels k = kernels instanceof WarmingKernels w ? w.warmUp().target() : kernels;
        return k == Kernels.vector() ? vector() : plain();
    }

    static Kernels64 plain() {
        return PlainKernels64.INSTANCE;
    }

    static Kernels64 vector() {
        return VectorKernels64.INSTANCE;
    }
}
