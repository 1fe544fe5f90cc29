package org.groklab.math;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Measures, for {@code groklab bench} and bench/GemmShapes.java: GFLOP/s of one matrix product of the kernels, and
 * the core's fused multiply-add peak (twelve independent chains of vector FMAs, enough to cover the latency of two
 * FMA units). Each figure is the median over repetitions, from the wall clock and from the thread's CPU time (on a
 * shared machine the CPU time leaves out the time other processes held the core).
 */
public final class KernelSpeed {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** The products' layouts, as in {@link Kernels}. */
    public enum Layout {
        /** A·B. */
        MM,
        /** Aᵀ·B, A stored k×m. */
        TA,
        /** A·Bᵀ, B stored n×k. */
        TB
    }

    /** Median GFLOP/s over the repetitions, with the lowest and highest, by wall clock and by CPU time. */
    public record Speed(double wall, double wallMin, double wallMax, double cpu, double cpuMin, double cpuMax) {
        static Speed of(double[] wall, double[] cpu) {
            double[] w = wall.clone();
            double[] c = cpu.clone();
            Arrays.sort(w);
            Arrays.sort(c);
            return new Speed(w[w.length / 2], w[0], w[w.length - 1], c[c.length / 2], c[0], c[c.length - 1]);
        }
    }

    private KernelSpeed() {
    }

    /**
     * GFLOP/s (2·m·k·n per product) of one product with kernels {@code k}: {@code warmupMillis} of warm-up, then
     * {@code reps} repetitions of about {@code repMillis} each.
     */
    public static Speed product(Kernels k, Layout layout, int m, int kk, int n, long warmupMillis, int reps,
                                long repMillis) {
        if (k instanceof WarmingKernels w) {
            w.warmUp().await(); // time the kernels themselves, not their plain twins of the first seconds
        }
        SplittableRandom rng = new SplittableRandom(1);
        float[] a = new float[m * kk];
        float[] b = new float[kk * n];
        float[] c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rng.nextDouble(-1, 1);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rng.nextDouble(-1, 1);
        }
        Runnable op = switch (layout) {
            case MM -> () -> k.matmul(a, 0, b, 0, c, 0, m, kk, n, false);
            case TA -> () -> k.matmulTransA(a, 0, b, 0, c, 0, m, kk, n, false);
            case TB -> () -> k.matmulTransB(a, 0, b, 0, c, 0, m, kk, n, false);
        };
        return time(op, 2.0 * m * kk * n, warmupMillis, reps, repMillis);
    }

    /** The FMA peak of one core in GFLOP/s, with the preferred vector species. */
    public static Speed fmaPeak(long warmupMillis, int reps, long repMillis) {
        float[] sink = new float[1];
        long iters = 1_000_000;
        return time(() -> sink[0] += chains(iters), 2.0 * 12 * S.length() * iters, warmupMillis, reps, repMillis);
    }

    private static Speed time(Runnable op, double flops, long warmupMillis, int reps, long repMillis) {
        long calls = 0;
        long t0 = System.nanoTime();
        do {
            op.run();
            calls++;
        } while (System.nanoTime() - t0 < warmupMillis * 1_000_000L);
        double perCall = (System.nanoTime() - t0) / (double) calls;
        long per = Math.max(1, (long) (repMillis * 1e6 / perCall));
        double[] wall = new double[reps];
        double[] cpu = new double[reps];
        for (int r = 0; r < reps; r++) {
            long c0 = MX.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            for (long q = 0; q < per; q++) {
                op.run();
            }
            wall[r] = flops * per / (System.nanoTime() - w0);
            cpu[r] = flops * per / Math.max(1, MX.getCurrentThreadCpuTime() - c0);
        }
        return Speed.of(wall, cpu);
    }

    private static float chains(long iters) {
        FloatVector b = FloatVector.broadcast(S, 0.999f);
        FloatVector c = FloatVector.broadcast(S, 0.001f);
        FloatVector a0 = c, a1 = c, a2 = c, a3 = c, a4 = c, a5 = c, a6 = c, a7 = c, a8 = c, a9 = c, a10 = c, a11 = c;
        for (long i = 0; i < iters; i++) {
            a0 = a0.fma(b, c);
            a1 = a1.fma(b, c);
            a2 = a2.fma(b, c);
            a3 = a3.fma(b, c);
            a4 = a4.fma(b, c);
            a5 = a5.fma(b, c);
            a6 = a6.fma(b, c);
            a7 = a7.fma(b, c);
            a8 = a8.fma(b, c);
            a9 = a9.fma(b, c);
            a10 = a10.fma(b, c);
            a11 = a11.fma(b, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }
}
