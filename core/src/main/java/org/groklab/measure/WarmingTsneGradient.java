package org.groklab.measure;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.groklab.math.Kernels;

/**
 * The vector gradient, begun on its plain twin, as the kernels of a run are ({@code WarmingKernels}): until the JIT
 * compiler has compiled it, Vector API code runs hundreds of times slower than plain loops (in a fresh process the
 * first map on the vector loops took 1.0-2.8 s, on the plain loops 0.6-1.5 s). Iterations go to the plain loops;
 * once they have handled {@link #REPAID_AFTER_PAIRS} pairs (six maps of 300 points, a parity run's figures), a
 * background thread runs both on a small map of every code path, and once the vector loops take less than twice the
 * plain loops' time there {@link #ROUNDS_FAST} rounds in a row, or after {@link #MAX_ROUNDS} rounds or
 * {@link #MAX_NANOS}, every later iteration goes to the vector loops. Only the time changes, never a map.
 *
 * <p>Why not from the start: the warm-up costs 0.4-0.7 s of CPU, mostly compiling, against about 0.15 s saved per
 * map. Started with a run's six maps it slowed them down (3.2-3.5 s of CPU against 2.9-3.1 on the plain loops: they
 * shared the cores with it and were half done when it ended); started while the run trained, it competed with the
 * compiling of the training's own code (the JIT is busy through a thesis-fig2.1 run's training) and no measurement
 * on this shared machine showed a gain. A process that has mapped that much (a sweep, a benchmark) maps more.
 */
final class WarmingTsneGradient implements TsneGradient {
    static final int ROUNDS_FAST = 3;
    static final int MAX_ROUNDS = 2000;
    static final long MAX_NANOS = 3_000_000_000L;
    /** Pairs (rows² per iteration) the plain loops handle before the warm-up starts. */
    static final long REPAID_AFTER_PAIRS = 6L * 1000 * 300 * 300;

    private final TsneGradient target;
    private final long repaidAfterPairs;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicLong plainPairs = new AtomicLong();
    private volatile TsneGradient current = PlainTsneGradient.INSTANCE;

    WarmingTsneGradient(TsneGradient target) {
        this(target, REPAID_AFTER_PAIRS);
    }

    WarmingTsneGradient(TsneGradient target, long repaidAfterPairs) {
        this.target = target;
        this.repaidAfterPairs = repaidAfterPairs;
    }

    /** True once iterations go to the vector loops. */
    boolean warm() {
        return current == target;
    }

    /** True once the warm-up has started (it may have ended). */
    boolean started() {
        return started.get();
    }

    /** Blocks until iterations go to the vector loops (starting the warm-up if needed); for benchmarks and tests. */
    void awaitWarm() {
        startWarmUp();
        while (!warm()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void gradient(double[] y, double[] p, double[] num, int rows, double scale, double[] grad) {
        TsneGradient c = current;
        if (c != target && plainPairs.addAndGet((long) rows * rows) >= repaidAfterPairs) {
            startWarmUp();
        }
        c.gradient(y, p, num, rows, scale, grad);
    }

    /**
     * Starts the warm-up on a low-priority daemon thread, unless it has started already; it waits for the kernels of
     * {@link Kernels#preferred()} to be warm first, so as not to compete with them for the cores.
     */
    void startWarmUp() {
        if (!started.get() && started.compareAndSet(false, true)) {
            Thread t = new Thread(this::warmUp, "groklab-tsne-warm-up");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            t.start();
        }
    }

    private void warmUp() {
        try {
            Kernels.awaitPreferredWarm();
            Workload work = new Workload();
            int fast = 0;
            long start = System.nanoTime();
            for (int round = 0; round < MAX_ROUNDS && fast < ROUNDS_FAST && System.nanoTime() - start < MAX_NANOS;
                 round++) {
                long t0 = System.nanoTime();
                work.run(target);
                long t1 = System.nanoTime();
                work.run(PlainTsneGradient.INSTANCE);
                long t2 = System.nanoTime();
                fast = t1 - t0 < 2 * (t2 - t1) ? fast + 1 : 0;
            }
        } finally {
            current = target;
        }
    }

    /**
     * A map of two vectors of points and 3 more: every path of the vector loops (pairs before, on and after a block's
     * diagonal, the last rows, the last columns of the quotients), and small, since until the JIT has compiled them
     * the vector loops crawl (a larger map made the warm-up take longer).
     */
    static final class Workload {
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

        void run(TsneGradient g) {
            g.gradient(y, p, num, rows, 12, grad);
        }
    }
}
