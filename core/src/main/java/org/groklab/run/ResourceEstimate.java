package org.groklab.run;

import org.groklab.spec.SpecException;

/**
 * The memory a run will hold, estimated from plain sizes before anything is allocated, so that a model or a sweep
 * too big for the machine is refused up front with the estimate instead of failing with an OutOfMemoryError (or
 * a negative array size) minutes later. All arithmetic saturates at {@link Long#MAX_VALUE}: a size that overflows
 * an int or long is simply "too big". The spec validator calls these with the spec's numbers.
 *
 * <p>The estimate counts 4-byte floats: every parameter with its gradient and optimizer state, the examples of the
 * task as the split stores them, and per example of a batch the activations of the forward and backward passes. It
 * is a lower bound of the heap the run needs; {@link #HEADROOM} leaves room for the rest (JVM, metrics, figures).
 */
public final class ResourceEstimate {
    /** Share of the JVM's maximum heap a run may plan to use. */
    public static final double HEADROOM = 0.6;

    private ResourceEstimate() {
    }

    /**
     * Bytes for a run.
     *
     * @param params            trainable floats
     * @param optimizerSlots    state floats per parameter: 0 for SGD, 1 with momentum, 2 for Adam/AdamW
     * @param examples          examples of the task (train and test)
     * @param floatsPerExample  floats (or ints) stored per example
     * @param batch             examples in one step (the training set for full batch)
     * @param activationsPerExample floats of forward and backward intermediates per example
     */
    public static long bytes(long params, int optimizerSlots, long examples, long floatsPerExample, long batch,
                             long activationsPerExample) {
        long floats = add(mul(params, 2 + optimizerSlots), add(mul(examples, floatsPerExample),
                mul(batch, activationsPerExample)));
        return mul(floats, 4);
    }

    /** Parameters of gromov-mlp: W1 (M x 2p), W_mid (M x M) for two layers, W2 (p x M). */
    public static long gromovParams(long p, long width, int layers) {
        return add(add(mul(width, mul(2, p)), layers >= 2 ? mul(width, width) : 0), mul(p, width));
    }

    /**
     * Parameters of pair-mlp: E (p x d), H (d x w), O (w x d) and U (p x d) when not tied; the collapsed forms
     * W_in (p x w) and W_out (w x p) replace E H and O E^T.
     */
    public static long pairParams(long p, long dEmbed, long width, boolean tied, boolean collapsedHidden,
                                  boolean collapsedOutput) {
        long hidden = collapsedHidden ? mul(p, width) : add(mul(p, dEmbed), mul(dEmbed, width));
        long output = collapsedOutput ? mul(width, p) : add(mul(width, dEmbed), tied ? 0 : mul(p, dEmbed));
        return add(hidden, output);
    }

    /** Parameters of parity-mlp: W1 (width x inputs), b1, W2 (1 x width). */
    public static long parityParams(long inputs, long width) {
        return add(mul(width, inputs), mul(2, width));
    }

    /** Examples of modular arithmetic over Z_p: p^2 ordered pairs (an upper bound for the symmetric ones). */
    public static long modularExamples(long p) {
        return mul(p, p);
    }

    /** The heap this JVM may use (-Xmx). */
    public static long available() {
        return Runtime.getRuntime().maxMemory();
    }

    /**
     * Refuses a run whose estimate exceeds {@link #HEADROOM} of {@code available} bytes, naming the estimate, unless
     * {@code force}.
     *
     * @param field the spec field that makes it big (named in the error), e.g. {@code model.width}
     */
    public static void check(long bytes, long available, boolean force, String field) {
        long limit = (long) (available * HEADROOM);
        if (bytes > limit && !force) {
            throw new SpecException(field, "the run needs about " + human(bytes) + " of memory, more than the "
                    + human(limit) + " it may plan to use (" + (int) (HEADROOM * 100) + "% of -Xmx " + human(available)
                    + "); make it smaller, or pass --force to try anyway");
        }
    }

    /** Refuses a sweep of more than {@code maxRuns} runs, naming the count, unless {@code force}. */
    public static void checkRuns(long runs, long maxRuns, boolean force) {
        if (runs > maxRuns && !force) {
            throw new SpecException("axes", "the sweep plans " + (runs == Long.MAX_VALUE ? "more than 9.2e18" : runs)
                    + " runs, more than " + maxRuns + "; make it smaller, or pass --force to try anyway");
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
        return (u == 0 ? String.valueOf(bytes) : String.format(java.util.Locale.ROOT, "%.1f", v)) + " " + units[u];
    }

    static long mul(long a, long b) {
        if (a < 0 || b < 0) {
            throw new IllegalArgumentException("negative size " + Math.min(a, b));
        }
        long r = Math.multiplyHigh(a, b) != 0 || a * b < 0 ? Long.MAX_VALUE : a * b;
        return r;
    }

    static long add(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
