package org.groklab.math;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Vector kernels begun on their plain twins: the one warm-up policy of {@link WarmingKernels} (float32),
 * {@link WarmingKernels64} (float64) and the t-SNE maps' vector loops ({@code measure.WarmingTsneGradient}). Until the JIT compiler has compiled it, Vector API code runs hundreds of times
 * slower than plain loops (a fresh process spends its first seconds there); the plain kernels give the same bits. So
 * {@link #current()} hands out the plain kernels while a background thread, started by the first call, runs both
 * sets on a small {@link Workload} that takes every code path; once the vector kernels take less than twice the plain
 * kernels' time there (compiled, they take about as long on inputs this small; interpreted, a hundred times longer)
 * {@link #ROUNDS_FAST} rounds in a row, or after {@link #MAX_ROUNDS} rounds or {@link #MAX_NANOS} from the first call
 * (on a busy machine the warm-up thread gets little of a core, and the plain kernels are several times slower than
 * compiled vector ones), it hands out the vector kernels. Only the time changes, never a result.
 *
 * <p>One thread serves every warm-up of the process, a round at a time, always a round of the warm-up started last: a
 * float64 run starts the float32 warm-up early (the figures' warm-up waits for it) but uses mostly float64 kernels,
 * which it starts using later; a thread for each would take a core from the run's own steps on a two-core machine
 * (BENCHMARKS.md, the float64 kernels' warm-up).
 *
 * @param <K> the kernels' interface
 */
public final class KernelWarmUp<K> {
    static final int ROUNDS_FAST = 3;
    static final int MAX_ROUNDS = 400;
    static final long MAX_NANOS = 3_000_000_000L;

    /** Inputs that take every kernel of a set through its code paths, rewritten on every run so runs do not drift. */
    public interface Workload<K> {
        /** Runs every kernel of {@code kernels} once on the workload. */
        void run(K kernels);
    }

    /** The warm-ups started and not over, the last started first; guards {@link #thread}. */
    private static final Deque<KernelWarmUp<?>> PENDING = new ArrayDeque<>();
    private static Thread thread;
    /** {@link #pauseAll()} calls not yet matched by {@link #resumeAll()}; guarded by PENDING. */
    private static int pauses;

    private final K target;
    private final K plain;
    private final Supplier<? extends Workload<K>> workload;
    private final int maxRounds;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile K current;
    private long startNanos; // when the first call started the warm-up (written before it is queued)
    // the state of the warm-up in progress, touched by the warm-up thread only
    private Workload<K> work;
    private int rounds;
    private int fast;

    /** @param workload makes the workload, on the warm-up thread */
    public KernelWarmUp(K target, K plain, Supplier<? extends Workload<K>> workload) {
        this(target, plain, workload, MAX_ROUNDS);
    }

    /** @param maxRounds the rounds after which the target is handed out even if not yet fast */
    public KernelWarmUp(K target, K plain, Supplier<? extends Workload<K>> workload, int maxRounds) {
        this.target = target;
        this.plain = plain;
        this.workload = workload;
        this.maxRounds = maxRounds;
        this.current = plain;
    }

    /** The kernels every call goes to once warm. */
    public K target() {
        return target;
    }

    /** The kernels for the call at hand: the plain ones until warm, the target after; starts the warm-up. */
    public K current() {
        K c = current;
        if (c != target && !started.get() && started.compareAndSet(false, true)) {
            synchronized (PENDING) {
                startNanos = System.nanoTime();
                PENDING.push(this);
                if (thread == null) {
                    thread = new Thread(KernelWarmUp::serve, "groklab-kernel-warm-up");
                    thread.setDaemon(true);
                    thread.start();
                }
            }
        }
        return c;
    }

    /** True once calls go to {@link #target()}. */
    public boolean warm() {
        return current == target;
    }

    /** True once the warm-up has begun (or been skipped). */
    public boolean started() {
        return started.get();
    }

    /**
     * Sends every later call to the target at once, without a warm-up (one under way ends at its next round): for
     * work that cares about its whole time more than about its first steps.
     */
    public void skip() {
        started.set(true);
        current = target;
    }

    /** Blocks until warm (starting the warm-up if needed). */
    public void await() {
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

    /**
     * Holds every warm-up of the process, under way or to come, after the round in progress, until as many
     * {@link #resumeAll()} calls; calls meanwhile go where they went (the plain kernels until warm: the same bits).
     * For a stretch of work that needs little of the kernels and all of the cores, such as a single run's first step
     * (on the plain kernels either way) or its figures once it has trained. Not to be combined with {@link #await()}
     * on the same thread. Through {@link #hold()} outside this package.
     */
    static void pauseAll() {
        synchronized (PENDING) {
            pauses++;
        }
    }

    /** Ends one {@link #pauseAll()}; the warm-ups go on once every pause has ended. */
    static void resumeAll() {
        synchronized (PENDING) {
            if (pauses == 0) {
                throw new IllegalStateException("resumeAll without pauseAll");
            }
            pauses--;
            PENDING.notifyAll();
        }
    }

    /** A {@link #pauseAll()} that ends once, at the first {@link #release()} (or {@link #close()}). */
    public static Hold hold() {
        return new Hold();
    }

    /** One {@link #pauseAll()}, ended by the first {@link #release()} or {@link #close()}, from any thread. */
    public static final class Hold implements AutoCloseable {
        private final AtomicBoolean on = new AtomicBoolean(true);

        private Hold() {
            pauseAll();
        }

        /** Ends the pause, if this hold has not already. */
        public void release() {
            if (on.compareAndSet(true, false)) {
                resumeAll();
            }
        }

        @Override
        public void close() {
            release();
        }
    }

    /** The warm-up thread: rounds of the warm-up started last, until none is left. */
    private static void serve() {
        KernelWarmUp<?> next = next(null);
        try {
            while (next != null) {
                next = next(next.round() ? next : null);
            }
        } finally {
            if (next != null) { // a round failed: nothing may wait on this thread any more
                synchronized (PENDING) {
                    for (KernelWarmUp<?> w : PENDING) {
                        w.switchToTarget();
                    }
                    PENDING.clear();
                    thread = null;
                }
            }
        }
    }

    /**
     * Drops {@code over} (when not null) and returns the warm-up to run a round of, the last started, once no
     * {@link #pauseAll()} holds them; null when none is left, and then the next warm-up started starts a new thread.
     */
    private static KernelWarmUp<?> next(KernelWarmUp<?> over) {
        synchronized (PENDING) {
            if (over != null) {
                PENDING.remove(over);
            }
            while (pauses > 0 && !PENDING.isEmpty()) {
                try {
                    PENDING.wait();
                } catch (InterruptedException e) {
                    // the warm-up thread is a daemon nobody interrupts; waiting on keeps its warm-ups' promise
                }
            }
            KernelWarmUp<?> next = PENDING.peek();
            if (next == null) {
                thread = null;
            }
            return next;
        }
    }

    /** One round on both kernel sets; true when the warm-up is over and every later call goes to the target. */
    private boolean round() {
        if (warm()) { // skipped meanwhile
            return true;
        }
        if (work == null) {
            work = workload.get();
        }
        long t0 = System.nanoTime();
        work.run(target);
        long t1 = System.nanoTime();
        work.run(plain);
        long t2 = System.nanoTime();
        fast = t1 - t0 < 2 * (t2 - t1) ? fast + 1 : 0;
        rounds++;
        if (fast >= ROUNDS_FAST || rounds >= maxRounds || t2 - startNanos >= MAX_NANOS) {
            switchToTarget();
            return true;
        }
        return false;
    }

    private void switchToTarget() {
        current = target;
        work = null;
    }
}
