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
    void stoppingTheWarmUpKeepsCallsOnThePlainTwinsWithTheSameBits() throws InterruptedException {
        WarmingKernels k = new WarmingKernels(Kernels.vector());
        float[] a = {1.5f, -2, 3, 4.25f, 0.1f, 6};
        float[] b = {5, 6.5f, -7, 8, 0.3f, -1};
        float[] want = new float[4];
        Kernels.vector().matmul(a, b, want, 2, 3, 2, false);
        float[] first = new float[4];
        k.matmul(a, b, first, 2, 3, 2, false); // starts the warm-up
        k.warmUp().stop();
        assertTrue(k.warmUp().over(), "over once stopped");
        Thread waiter = new Thread(k.warmUp()::await);
        waiter.start();
        waiter.join(10_000);
        assertFalse(waiter.isAlive(), "await returns for a stopped warm-up");
        Thread.sleep(200); // a round under way ends; none follows
        float[] later = new float[4];
        k.matmul(a, b, later, 2, 3, 2, false);
        assertArrayEquals(want, first);
        assertArrayEquals(want, later);
        if (!k.warmUp().warm()) { // unless the round under way had already made it warm, calls stay plain
            assertSame(PlainKernels.INTERLEAVED, k.warmUp().current());
        }
    }

    @Test
    void aWarmUpStoppedBeforeItsFirstCallNeverStarts() {
        WarmingKernels k = new WarmingKernels(Kernels.vector());
        k.warmUp().stop();
        float[] a = {1, 2, 3, 4};
        float[] got = new float[4];
        float[] want = new float[4];
        Kernels.plain().matmul(a, a, want, 2, 2, 2, false);
        k.matmul(a, a, got, 2, 2, 2, false);
        assertArrayEquals(want, got);
        assertFalse(k.warmUp().warm(), "stopped before any call: the plain twins serve every call");
        assertTrue(k.warmUp().started() && k.warmUp().over());
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
