package org.groklab.measure;

import java.util.concurrent.atomic.AtomicBoolean;
import org.groklab.math.Kernels;

/**
 * The vector gradient, begun on its plain twin, as the kernels of a run are ({@code WarmingKernels}): until the JIT
 * compiler has compiled it, Vector API code runs hundreds of times slower than plain loops (a fresh process spent
 * one to two seconds on the first ten iterations of its first map). So iterations go to the plain loops while a
 * background thread runs both on a small map of every code path; once the vector loops take less than twice the
 * plain loops' time there {@link #ROUNDS_FAST} rounds in a row, or after {@link #MAX_ROUNDS} rounds or
 * {@link #MAX_NANOS}, every later iteration goes to the vector loops. Only the time changes, never a map.
 *
 * <p>The warm-up starts with the first iteration, or earlier through {@link #startWarmUp()}: a run that will draw
 * maps at its end starts it while it trains, so that its maps run on compiled vector loops from the first one.
 */
final class WarmingTsneGradient implements TsneGradient {
    static final int ROUNDS_FAST = 3;
    static final int MAX_ROUNDS = 2000;
    static final long MAX_NANOS = 3_000_000_000L;

    private final TsneGradient target;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile TsneGradient current = PlainTsneGradient.INSTANCE;

    WarmingTsneGradient(TsneGradient target) {
        this.target = target;
    }

    /** True once iterations go to the vector loops. */
    boolean warm() {
        return current == target;
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
        if (c != target) {
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
