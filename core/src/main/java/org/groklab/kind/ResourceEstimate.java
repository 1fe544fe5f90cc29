package org.groklab.kind;

import java.util.Locale;
import org.groklab.spec.RunSpec;
import org.groklab.spec.SpecException;

/**
 * The heap a run will hold, estimated from plain sizes before anything is allocated, so that a model or a sweep too
 * big for the machine is refused up front with the estimate instead of failing with an OutOfMemoryError (or a
 * negative array size) minutes later. Each kind counts its own arrays ({@link Kind#memory}); the arithmetic here
 * saturates at {@link Long#MAX_VALUE}, so a size that overflows an int or a long is simply "too big".
 *
 * <p>The count is of 4-byte floats and ints: every parameter with its gradient, optimizer state and checkpoint copy,
 * the examples as the split stores them, the model's fixed buffers, and per example of the largest forward pass (a
 * batch, or the whole train or test set when it is evaluated) the activations of the forward and backward passes.
 * It is a lower bound of the heap the run needs; {@link #HEADROOM} leaves room for the rest (JVM, metrics, figures).
 *
 * @param bytes  the estimate
 * @param fields the spec fields whose sizes make it, named in the error (e.g. {@code task.p, model.d_embed})
 * @param what   what needs it, for the error: "the run", "2 runs at once"
 */
public record ResourceEstimate(long bytes, String fields, String what) {
    /** Share of the JVM's maximum heap a run may plan to use. */
    public static final double HEADROOM = 0.6;

    /**
     * An estimate from counts of 4-byte numbers.
     *
     * @param params            trainable floats
     * @param optimizerSlots    state floats per parameter: 0 for SGD, 1 with momentum, 2 for Adam/AdamW
     * @param stored            floats and ints of the examples and of the model's fixed buffers
     * @param examples          examples of the largest forward pass
     * @param activationsPerExample floats of forward and backward intermediates per example
     */
    public static ResourceEstimate of(String fields, long params, int optimizerSlots, long stored, long examples,
                                      long activationsPerExample) {
        // parameter, gradient, optimizer slots, and the checkpoint's copy of parameters and slots
        long perParam = 3 + 2L * optimizerSlots;
        long floats = add(mul(params, perParam), add(stored, mul(examples, activationsPerExample)));
        return new ResourceEstimate(mul(floats, 4), fields, "the run");
    }

    /** Optimizer state floats per parameter of a spec: 2 for Adam/AdamW, 1 for SGD with momentum, else 0. */
    public static int optimizerSlots(RunSpec spec) {
        return switch (spec.optimizer().type()) {
            case ADAM, ADAMW -> 2;
            case SGD -> spec.optimizer().momentum() != 0 ? 1 : 0;
        };
    }

    /** This estimate for {@code runs} runs held at once by a sweep's workers. */
    public ResourceEstimate timesWorkers(int runs) {
        return new ResourceEstimate(mul(bytes, runs), fields + ", --workers", runs + " runs at once");
    }

    /** The heap this JVM may use (-Xmx). */
    public static long available() {
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * Refuses an estimate above {@link #HEADROOM} of {@code available} bytes with a one-line error naming the
     * estimate and the fields that make it, unless {@code force}.
     */
    public void check(long available, boolean force) {
        long limit = (long) (available * HEADROOM);
        if (bytes > limit && !force) {
            throw new SpecException(fields, what + " need" + (what.equals("the run") ? "s" : "") + " about " + human(bytes) + " of memory, more than the "
                    + human(limit) + " it may plan to use (" + (int) (HEADROOM * 100) + "% of -Xmx " + human(available)
                    + "); make it smaller, or pass --force to try anyway");
        }
    }

    /** 1.5 GB, 300 MB, 12 kB. */
    public static String human(long bytes) {
        if (bytes == Long.MAX_VALUE) {
            return "more than 9.2 EB";
        }
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return (u == 0 ? String.valueOf(bytes) : String.format(Locale.ROOT, "%.1f", v)) + " " + units[u];
    }

    /** a × b, or {@link Long#MAX_VALUE} when it overflows. */
    public static long mul(long a, long b) {
        if (a < 0 || b < 0) {
            throw new IllegalArgumentException("negative size " + Math.min(a, b));
        }
        return Math.multiplyHigh(a, b) != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
    }

    /** a + b, or {@link Long#MAX_VALUE} when it overflows. */
    public static long add(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** The sum of sizes, saturating. */
    public static long sum(long... sizes) {
        long s = 0;
        for (long x : sizes) {
            s = add(s, x);
        }
        return s;
    }
}
