package org.groklab.math;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Vector kernels begun on their plain twins: the one warm-up policy of {@link WarmingKernels} (float32) and
 * {@link WarmingKernels64} (float64). Until the JIT compiler has compiled it, Vector API code runs hundreds of times
 * slower than plain loops (a fresh process spends its first seconds there); the plain kernels give the same bits. So
 * {@link #current()} hands out the plain kernels while a background thread, started by the first call, runs both
 * sets on a small {@link Workload} that takes every code path; once the vector kernels take less than twice the plain
 * kernels' time there (compiled, they take about as long on inputs this small; interpreted, a hundred times longer)
 * {@link #ROUNDS_FAST} rounds in a row, or after {@link #MAX_ROUNDS} rounds or {@link #MAX_NANOS} (on a busy machine
 * the warm-up thread gets little of a core, and the plain kernels are several times slower than compiled vector
 * ones), it hands out the vector kernels. Only the time changes, never a result.
 *
 * @param <K> the kernels' interface
 */
final class KernelWarmUp<K> {
    static final int ROUNDS_FAST = 3;
    static final int MAX_ROUNDS = 400;
    static final long MAX_NANOS = 3_000_000_000L;

    /** Inputs that take every kernel of a set through its code paths, rewritten on every run so runs do not drift. */
    interface Workload<K> {
        /** Runs every kernel of {@code kernels} once on the workload. */
        void run(K kernels);
    }

    private final K target;
    private final K plain;
    private final Supplier<? extends Workload<K>> workload;
    private final String threadName;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile K current;

    /**
     * @param workload makes the workload, on the warm-up thread
     * @param threadName the warm-up thread's name
     */
    KernelWarmUp(K target, K plain, Supplier<? extends Workload<K>> workload, String threadName) {
        this.target = target;
        this.plain = plain;
        this.workload = workload;
        this.threadName = threadName;
        this.current = plain;
    }

    /** The kernels every call goes to once warm. */
    K target() {
        return target;
    }

    /** The kernels for the call at hand: the plain ones until warm, the target after; starts the warm-up. */
    K current() {
        K c = current;
        if (c != target && !started.get() && started.compareAndSet(false, true)) {
            Thread t = new Thread(this::warmUp, threadName);
            t.setDaemon(true);
            t.start();
        }
        return c;
    }

    /** True once calls go to {@link #target()}. */
    boolean warm() {
        return current == target;
    }

    /** True once the warm-up has begun (or been skipped). */
    boolean started() {
        return started.get();
    }

    /**
     * Sends every later call to the target at once, without a warm-up thread (one that already runs ends on its
     * own): for work that cares about its whole time more than about its first steps.
     */
    void skip() {
        started.set(true);
        current = target;
    }

    /** Blocks until warm (starting the warm-up if needed). */
    void await() {
        current();
        while (!warm()) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void warmUp() {
        try {
            Workload<K> work = workload.get();
            int fast = 0;
            long start = System.nanoTime();
            for (int round = 0; round < MAX_ROUNDS && fast < ROUNDS_FAST && System.nanoTime() - start < MAX_NANOS;
                 round++) {
                long t0 = System.nanoTime();
                work.run(target);
                long t1 = System.nanoTime();
                work.run(plain);
                long t2 = System.nanoTime();
                fast = t1 - t0 < 2 * (t2 - t1) ? fast + 1 : 0;
            }
        } finally {
            current = target;
        }
    }
}
