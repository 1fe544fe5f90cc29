package org.groklab.math;

/**
 * The float64 vector kernels, begun on their plain twins while the JIT compiles them: the policy of
 * {@link KernelWarmUp}, on the inputs of {@link KernelWorkload64}. Only the time changes, never a result.
 */
final class WarmingKernels64 implements Kernels64 {
    private final KernelWarmUp<Kernels64> warmUp;

    WarmingKernels64(Kernels64 target) {
        warmUp = new KernelWarmUp<>(target, PlainKernels64.INTERLEAVED, KernelWorkload64::new);
    }

    /** The warm-up: its target, whether it has started or is over; skipping it, waiting for it. */
    KernelWarmUp<Kernels64> warmUp() {
        return warmUp;
    }

    @Override
    public String describe() {
        return warmUp.target().describe();
    }

    @Override
    public void matmul(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                       boolean accumulate) {
        warmUp.current().matmul(a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
    }

    @Override
    public void matmulTransA(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                             boolean accumulate) {
        warmUp.current().matmulTransA(a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
    }

    @Override
    public void matmulTransB(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int m, int k, int n,
                             boolean accumulate) {
        warmUp.current().matmulTransB(a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
    }

    @Override
    public double softmaxCrossEntropy(double[] out, int[] labels, int n, int classes, double div, double[] dOut) {
        return warmUp.current().softmaxCrossEntropy(out, labels, n, classes, div, dOut);
    }

    @Override
    public void adamUpdate(double[] w, double[] g, double[] m, double[] v, int off, int len, AdamStep64 step) {
        warmUp.current().adamUpdate(w, g, m, v, off, len, step);
    }
}
