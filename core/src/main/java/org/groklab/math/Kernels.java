package org.groklab.math;

/**
 * The hot loops of groklab: dense float32 matrix products on row-major arrays.
 *
 * <p>Every product is written in "axpy" form: each output element is accumulated over the shared dimension in
 * index order with fused multiply-adds and no horizontal reductions. The vector and the plain implementation
 * therefore produce bit-identical results, on any vector width, which is what makes runs byte-reproducible on any
 * machine. {@link #plain()} is the oracle the tests compare {@link #vector()} against.
 */
public interface Kernels {

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

    /** Whole-array convenience for {@link #matmul}. */
    default void matmul(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        matmul(a, 0, b, 0, c, 0, m, k, n, accumulate);
    }

    /** Whole-array convenience for {@link #matmulTransA}. */
    default void matmulTransA(float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        matmulTransA(a, 0, b, 0, c, 0, m, k, n, accumulate);
    }

    /** C[m×n] (+)= A[m×k] · Bᵀ with B stored as [n×k]; transposes B into {@code scratch} (length ≥ k·n) first. */
    default void matmulTransB(float[] a, float[] b, float[] c, float[] scratch, int m, int k, int n,
                              boolean accumulate) {
        Tensors.transpose(b, scratch, n, k);
        matmul(a, 0, scratch, 0, c, 0, m, k, n, accumulate);
    }

    /**
     * The kernels a run uses unless it is given others: the Vector API ones, or the plain twins under
     * {@code -Dgroklab.simd=false}. Both give the same bits.
     */
    static Kernels preferred() {
        return Boolean.parseBoolean(System.getProperty("groklab.simd", "true")) ? vector() : plain();
    }

    static Kernels plain() {
        return PlainKernels.INSTANCE;
    }

    static Kernels vector() {
        return VectorKernels.INSTANCE;
    }
}
