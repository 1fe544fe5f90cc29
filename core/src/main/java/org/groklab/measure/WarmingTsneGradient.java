package org.groklab.measure;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import org.groklab.math.Kernels;

/**
 * The vector gradient, begun on its plain twin, as the kernels of a run are ({@code WarmingKernels}): until the JIT
 * compiler has compiled it, Vector API code runs hundreds of times slower than plain loops (a fresh process spent
 * one to two seconds on the first ten iterations of its first map). So iterations go to the plain loops while a
 * background thread runs both on a small map of every code path; once the vector loops take less than twice the
 * plain loops' time there {@link #ROUNDS_FAST} rounds in a row, or after {@link #MAX_ROUNDS} rounds or
 * {@link #MAX_NANOS}, every later iteration goes to the vector loops. Only the time changes, never a map.
 *
 * <p>The warm-up costs about half a second to a second of CPU, and saves about 0.2 s per map of 300 points. A run
 * starts it early, while it trains ({@link #startWarmUp()}), to have its maps on compiled vector loops from the first
 * one. Started as the maps begin, it slowed a run's six maps down (they shared the cores with it and were half done
 * by the time it ended), so when maps begin before it has begun (it waits for the kernels' warm-up and an idle
 * compiler first) it is called off, and the maps start it only once the plain loops have done the work of
 * {@link #REPAID_AFTER_PAIRS} (six maps of 300 points: a process that maps that much will map more).
 */
final class WarmingTsneGradient implements TsneGradient {
    static final int ROUNDS_FAST = 3;
    static final int MAX_ROUNDS = 2000;
    static final long MAX_NANOS = 3_000_000_000L;
    /** Pairs (rows² per iteration) the plain loops handle before the maps start a warm-up themselves. */
    static final long REPAID_AFTER_PAIRS = 6L * 1000 * 300 * 300;
    /** The compiler counts as idle after this many polls in a row with at most so many ms of compiling each. */
    static final int QUIET_POLLS = 4;
    static final long QUIET_POLL_MILLIS = 100;
    static final long QUIET_COMPILE_MILLIS = 5;

    private static final int IDLE = 0;
    private static final int WAITING = 1;
    private static final int WARMING = 2;

    private final TsneGradient target;
    private final Runnable before;
    private final long repaidAfterPairs;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private final AtomicLong plainPairs = new AtomicLong();
    private volatile TsneGradient current = PlainTsneGradient.INSTANCE;

    WarmingTsneGradient(TsneGradient target) {
        this(target, WarmingTsneGradient::awaitQuietCompiler, REPAID_AFTER_PAIRS);
    }

    /**
     * Waits for the kernels' warm-up, then until the JIT compiler has been idle for a moment: compiling the vector
     * loops while the training's own code still waited for the compiler kept a run's kernels on their slow
     * uncompiled path for longer (about a second more of a thesis-fig2.1 run's steps).
     */
    static void awaitQuietCompiler() {
        Kernels.awaitPreferredWarm();
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return;
        }
        long last = jit.getTotalCompilationTime();
        int quiet = 0;
        while (quiet < QUIET_POLLS) {
            try {
                Thread.sleep(QUIET_POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long now = jit.getTotalCompilationTime();
            quiet = now - last <= QUIET_COMPILE_MILLIS ? quiet + 1 : 0;
            last = now;
        }
    }

    /** With {@code before} run on the warm-up thread first (for tests; otherwise {@link #awaitQuietCompiler}). */
    WarmingTsneGradient(TsneGradient target, Runnable before, long repaidAfterPairs) {
        this.target = target;
        this.before = before;
        this.repaidAfterPairs = repaidAfterPairs;
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
            if (plainPairs.addAndGet((long) rows * rows) >= repaidAfterPairs) {
                startWarmUp();
            } else {
                state.compareAndSet(WAITING, IDLE); // called off: see the class comment
            }
        }
        c.gradient(y, p, num, rows, scale, grad);
    }

    /**
     * Starts the warm-up on a low-priority daemon thread, unless it runs already; it waits for the kernels of
     * {@link Kernels#preferred()} to be warm and the compiler idle first ({@link #awaitQuietCompiler}), so as not to
     * compete with a run's training.
     */
    void startWarmUp() {
        if (current != target && state.compareAndSet(IDLE, WAITING)) {
            Thread t = new Thread(this::warmUp, "groklab-tsne-warm-up");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY);
            t.start();
        }
    }

    /** True while a warm-up waits or runs. */
    boolean warmingUp() {
        return state.get() != IDLE && !warm();
    }

    private void warmUp() {
        before.run();
        if (!state.compareAndSet(WAITING, WARMING)) {
            return; // called off
        }
        try {
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
