package org.groklab.measure;

import java.util.concurrent.atomic.AtomicLong;
import org.groklab.math.KernelWarmUp;

/**
 * The vector gradient, begun on its plain twin, as the kernels of a run are ({@code WarmingKernels}): until the JIT
 * compiler has compiled it, Vector API code runs hundreds of times slower than plain loops (in a fresh process the
 * first map on the vector loops took 1.0-2.8 s, on the plain loops 0.6-1.5 s). Iterations go to the plain loops;
 * once they have handled {@link #REPAID_AFTER_PAIRS} pairs (six maps of 300 points, a parity run's figures), the
 * kernels' warm-up policy ({@link KernelWarmUp}, on its thread, on a small map of every code path, for at most
 * {@link #MAX_ROUNDS} rounds) moves later iterations to the vector loops. Only the time changes, never a map.
 *
 * <p>Why not from the start: the warm-up costs 0.4-0.7 s of CPU, mostly compiling, against about 0.15 s saved per
 * map. Started with a run's six maps it slowed them down (3.2-3.5 s of CPU against 2.9-3.1 on the plain loops: they
 * shared the cores with it and were half done when it ended); started while the run trained, it competed with the
 * compiling of the training's own code (the JIT is busy through a thesis-fig2.1 run's training) and no measurement
 * on this shared machine showed a gain. A process that has mapped that much (a sweep, a benchmark) maps more.
 */
final class WarmingTsneGradient implements TsneGradient {
    /** Rounds of the small map before the vector loops are used anyway (it is quick, so more than the kernels'). */
    static final int MAX_ROUNDS = 2000;
    /** Pairs (rows² per iteration) the plain loops handle before the warm-up starts. */
    static final long REPAID_AFTER_PAIRS = 6L * 1000 * 300 * 300;

    private final KernelWarmUp<TsneGradient> warmUp;
    private final long repaidAfterPairs;
    private final AtomicLong plainPairs = new AtomicLong();

    WarmingTsneGradient(TsneGradient target) {
        this(target, REPAID_AFTER_PAIRS);
    }

    WarmingTsneGradient(TsneGradient target, long repaidAfterPairs) {
        this.warmUp = new KernelWarmUp<>(target, PlainTsneGradient.INSTANCE, Workload::new, MAX_ROUNDS);
        this.repaidAfterPairs = repaidAfterPairs;
    }

    /** True once iterations go to the vector loops. */
    boolean warm() {
        return warmUp.warm();
    }

    /** True once the warm-up has started (it may have ended). */
    boolean started() {
        return warmUp.started();
    }

    /** Blocks until iterations go to the vector loops (starting the warm-up if needed); for benchmarks and tests. */
    void awaitWarm() {
        warmUp.await();
    }

    @Override
    public void gradient(double[] y, double[] p, double[] num, int rows, double scale, double[] grad) {
        boolean repaid = plainPairs.get() >= repaidAfterPairs
                || plainPairs.addAndGet((long) rows * rows) >= repaidAfterPairs;
        (repaid ? warmUp.current() : PlainTsneGradient.INSTANCE).gradient(y, p, num, rows, scale, grad);
    }

    /**
     * A map of two vectors of points and 3 more: every path of the vector loops (pairs before, on and after a block's
     * diagonal, the last rows, the last columns of the quotients), and small, since until the JIT has compiled them
     * the vector loops crawl (a larger map made the warm-up take longer).
     */
    static final class Workload implements KernelWarmUp.Workload<TsneGradient> {
        private final int rows = 2 * VectorTsneGradient.lanes() + 3;
        private final double[] y = new double[2 * rows];
        private final double[] p = new double[rows * rows];
        private final double[] num = new double[rows * rows];
        private final double[] grad = new double[2 * rows];

        Workload() {
            for (int i = 0; i < rows; i++) {
                y[2 * i] = Math.sin(i);
                y[2 * i + 1] = Math.cos(3 * i);
                for (int j = 0; j < rows; j++) {
                    p[i * rows + j] = i == j ? 0 : 1.0 / (rows * (rows - 1)) * (1 + ((i + j) % 5));
                }
            }
        }

        @Override
        public void run(TsneGradient g) {
            g.gradient(y, p, num, rows, 12, grad);
        }
    }
}
