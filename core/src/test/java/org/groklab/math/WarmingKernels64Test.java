package org.groklab.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The float64 warming kernels hand calls to the plain twins first and to their target once warm, with the same bits
 * before and after the switch as both kernel sets; the float64 warm-up workload gives the same bits on the plain and
 * vector kernels; one thread warms up the float32 and float64 kernels both; skipping the warm-up sends the first call
 * to the target.
 */
class WarmingKernels64Test {
    private static final int M = 37;
    private static final int K = 45;
    private static final int N = 70;
    private static final int CLASSES = 67;

    /** Every float64 kernel once on fixed random inputs; all outputs in one array, to be compared bit for bit. */
    private static double[] everyKernel(Kernels64 k) {
        Rng rng = new Rng(11);
        double[] a = gaussian(rng, M * K);
        double[] b = gaussian(rng, K * N);
        double[] mm = gaussian(rng, M * N);
        double[] ta = mm.clone();
        double[] tb = mm.clone();
        k.matmul(a, b, mm, M, K, N, true);
        k.matmulTransA(gaussian(rng, K * M), b, ta, M, K, N, false);
        k.matmulTransB(a, gaussian(rng, N * K), tb, M, K, N, true);
        double[] logits = gaussian(rng, M * CLASSES);
        int[] labels = new int[M];
        for (int i = 0; i < M; i++) {
            labels[i] = rng.nextInt(CLASSES);
        }
        double[] dOut = new double[M * CLASSES];
        double loss = k.softmaxCrossEntropy(logits, labels, M, CLASSES, 3.0, dOut);
        double lossOnly = k.softmaxCrossEntropy(logits, labels, M, CLASSES, 3.0, null);
        double[] w = gaussian(rng, N + 3);
        double[] g = gaussian(rng, N + 3);
        double[] m = new double[N + 3];
        double[] v = new double[N + 3];
        for (double lambda : new double[] {0, 1}) {
            k.adamUpdate(w, g, m, v, 1, N + 1, new AdamStep64(0.9, 0.98, 1e-8, 1e-3, lambda, DecayRule.DECOUPLED,
                    1e-2, 0.1));
        }
        return concat(mm, ta, tb, dOut, new double[] {loss, lossOnly}, w, m, v);
    }

    private static double[] gaussian(Rng rng, int len) {
        double[] x = new double[len];
        for (int i = 0; i < len; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }

    private static double[] concat(double[]... parts) {
        int len = 0;
        for (double[] p : parts) {
            len += p.length;
        }
        double[] all = new double[len];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    @Test
    void givesThePlainBitsBeforeAndAfterItIsWarmAndSharesTheWarmUpThread() {
        double[] plain = everyKernel(Kernels64.plain());
        assertArrayEquals(plain, everyKernel(Kernels64.vector()), "the vector and plain twins");
        WarmingKernels k32 = new WarmingKernels(Kernels.vector());
        WarmingKernels64 k = new WarmingKernels64(Kernels64.vector());
        assertFalse(k.warmUp().warm(), "nothing has been called yet");
        assertFalse(k.warmUp().started());
        assertSame(Kernels64.vector(), k.warmUp().target());
        assertEquals(Kernels64.vector().describe(), k.describe());
        k32.scale(2f, new float[] {1f}, 0, 1); // starts the float32 warm-up: the float64 one comes on the same thread
        assertArrayEquals(plain, everyKernel(k), "before the switch"); // starts the warm-up
        assertTrue(k.warmUp().started());
        k.warmUp().await();
        k32.warmUp().await();
        assertTrue(k.warmUp().warm() && k32.warmUp().warm());
        assertArrayEquals(plain, everyKernel(k), "after the switch");
    }

    @Test
    void skippingTheWarmUpSendsTheFirstCallToTheTarget() {
        WarmingKernels64 k = new WarmingKernels64(Kernels64.vector());
        k.warmUp().skip();
        assertTrue(k.warmUp().warm(), "warm before any call");
        assertArrayEquals(everyKernel(Kernels64.plain()), everyKernel(k));
    }

    @Test
    void theWarmUpWorkloadHasTheSameBitsOnBothKernelSets() {
        KernelWorkload64 plain = new KernelWorkload64();
        KernelWorkload64 vector = new KernelWorkload64();
        for (int round = 0; round < 2; round++) {
            plain.run(Kernels64.plain());
            vector.run(Kernels64.vector());
        }
        assertTrue(Double.isFinite(plain.sink()), "sink " + plain.sink());
        assertEquals(Double.doubleToLongBits(plain.sink()), Double.doubleToLongBits(vector.sink()));
    }

    @Test
    void skippingThePreferredWarmUpCoversTheFloat64Kernels() {
        assertSame(Kernels64.preferred(), Kernels64.matching(Kernels.preferred()));
        Kernels.skipPreferredWarmUp();
        if (Kernels64.preferred() instanceof WarmingKernels64 w) {
            assertTrue(w.warmUp().warm(), "skipped");
        }
        if (Kernels.preferred() instanceof WarmingKernels w) {
            assertTrue(w.warmUp().warm(), "skipped");
        }
        Kernels.awaitPreferredWarm(); // returns at once once skipped
    }
}
