package org.groklab.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The warming kernels hand calls to the plain twins first and to their target once warm, with the same bits
 * before, during and after the switch; the warm-up workload gives the same bits on the plain and vector kernels.
 */
class WarmingKernelsTest {

    @Test
    void givesTheTargetsBitsBeforeAndAfterItIsWarm() {
        WarmingKernels k = new WarmingKernels(Kernels.vector());
        assertFalse(k.warmUp().warm(), "nothing has been called yet");
        assertSame(Kernels.vector(), k.warmUp().target());
        assertEquals(Kernels.vector().describe(), k.describe());
        Rng rng = new Rng(7);
        int m = 37;
        int kk = 45;
        int n = 70;
        float[] a = new float[m * kk];
        float[] b = new float[kk * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rng.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rng.nextGaussian();
        }
        float[] want = new float[m * n];
        Kernels.plain().matmul(a, b, want, m, kk, n, false);
        float[] before = new float[m * n];
        k.matmul(a, b, before, m, kk, n, false); // starts the warm-up
        assertArrayEquals(want, before);
        k.warmUp().await();
        assertTrue(k.warmUp().warm());
        float[] after = new float[m * n];
        k.matmul(a, b, after, m, kk, n, false);
        assertArrayEquals(want, after);
    }

    @Test
    void skippingTheWarmUpSendsTheFirstCallToTheTarget() {
        WarmingKernels k = new WarmingKernels(Kernels.vector());
        k.warmUp().skip();
        assertTrue(k.warmUp().warm(), "warm before any call");
        float[] a = {1, 2, 3, 4};
        float[] b = {5, 6, 7, 8};
        float[] want = new float[4];
        float[] got = new float[4];
        Kernels.plain().matmul(a, b, want, 2, 2, 2, false);
        k.matmul(a, b, got, 2, 2, 2, false);
        assertArrayEquals(want, got);
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void pausedWarmUpsRunNoRoundUntilResumed() throws InterruptedException {
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        KernelWarmUp<String> w = new KernelWarmUp<>("target", "plain", () -> kernels -> runs.incrementAndGet(), 5);
        KernelWarmUp.pauseAll();
        try {
            assertEquals("plain", w.current(), "the first call starts the warm-up and gets the plain kernels");
            Thread.sleep(300); // unpaused, its instant rounds would be over in microseconds
            assertEquals(0, runs.get(), "no round while paused");
            assertEquals("plain", w.current());
            assertFalse(w.warm());
        } finally {
            KernelWarmUp.resumeAll();
        }
        w.await();
        assertTrue(w.warm());
        assertEquals("target", w.current());
        assertTrue(runs.get() > 0);
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aHoldEndsItsPauseOnceWhateverReleasesIt() throws InterruptedException {
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        KernelWarmUp<String> w = new KernelWarmUp<>("target", "plain", () -> kernels -> runs.incrementAndGet(), 5);
        KernelWarmUp.pauseAll(); // another pause in force: releasing the hold twice must not end this one too
        try (KernelWarmUp.Hold hold = KernelWarmUp.hold()) {
            hold.release();
            hold.release();
            w.current();
        }
        try {
            Thread.sleep(300); // unpaused, its instant rounds would be over in microseconds
            assertEquals(0, runs.get(), "still paused by the first pause");
        } finally {
            KernelWarmUp.resumeAll();
        }
        w.await();
        assertTrue(w.warm());
    }

    @Test
    void theWarmUpWorkloadHasTheSameBitsOnBothKernelSets() {
        KernelWorkload plain = new KernelWorkload();
        KernelWorkload vector = new KernelWorkload();
        for (int round = 0; round < 2; round++) {
            plain.run(Kernels.plain());
            vector.run(Kernels.vector());
        }
        assertEquals(Double.doubleToLongBits(plain.sink()), Double.doubleToLongBits(vector.sink()));
    }
}
