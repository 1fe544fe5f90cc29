package org.groklab.train;

/**
 * Whether a run's outcome was still moving when its steps ran out. Only an outcome that waits for an event can be
 * unsettled: a {@code memorize-only} run may still generalize (its test accuracy is read), a {@code no-learn} run
 * may still memorize (its train accuracy is read). The trend is a least-squares line through the evaluations of
 * the last quarter of the steps done; its rise over that window, {@link #rise}, is the evidence. A run is still
 * improving when that rise is at least {@value #STILL_IMPROVING_RISE} (accuracy is in [0, 1]) over at least
 * {@value #MIN_POINTS} evaluations.
 *
 * @param metric   the metrics.csv column read ("test_acc" or "train_acc")
 * @param fromStep the first evaluated step of the window
 * @param toStep   the last evaluated step
 * @param fromValue the column's value at {@code fromStep}
 * @param toValue   the column's value at {@code toStep}
 * @param rise      the fitted line's rise from {@code fromStep} to {@code toStep}
 * @param fitTo     the fitted line's value at {@code toStep} (it starts at {@code fitTo - rise})
 */
public record Trend(String metric, long fromStep, long toStep, double fromValue, double toValue, double rise,
                    double fitTo) {
    /** The fitted rise over the last quarter of the steps that counts as still improving. */
    public static final double STILL_IMPROVING_RISE = 0.05;
    /** The fewest evaluations in the window for a trend to be read. */
    public static final int MIN_POINTS = 3;
    /** The window: the last quarter of the steps done. */
    public static final double WINDOW = 0.25;

    /** True when the fitted rise says the metric was still climbing at the end. */
    public boolean stillImproving() {
        return rise >= STILL_IMPROVING_RISE;
    }

    /** The column an outcome waits on: test accuracy for memorize-only, train accuracy for no-learn, else null. */
    public static String waitingOn(Outcome outcome) {
        return switch (outcome) {
            case MEMORIZE_ONLY -> "test_acc";
            case NO_LEARN -> "train_acc";
            default -> null;
        };
    }

    /**
     * The trend of {@code values} (one per evaluated step, steps increasing) over the last quarter of the steps,
     * or null when fewer than {@value #MIN_POINTS} finite evaluations fall in it.
     */
    public static Trend of(String metric, double[] steps, double[] values) {
        int n = steps.length;
        if (n == 0) {
            return null;
        }
        double last = steps[n - 1];
        double start = last - WINDOW * last;
        double sx = 0;
        double sy = 0;
        int k = 0;
        int first = -1;
        for (int i = 0; i < n; i++) {
            if (steps[i] >= start && Double.isFinite(values[i])) {
                if (first < 0) {
                    first = i;
                }
                sx += steps[i];
                sy += values[i];
                k++;
            }
        }
        if (k < MIN_POINTS || !Double.isFinite(values[n - 1])) {
            return null;
        }
        double mx = sx / k;
        double my = sy / k;
        double sxy = 0;
        double sxx = 0;
        for (int i = first; i < n; i++) {
            if (Double.isFinite(values[i])) {
                sxy += (steps[i] - mx) * (values[i] - my);
                sxx += (steps[i] - mx) * (steps[i] - mx);
            }
        }
        double slope = sxx == 0 ? 0 : sxy / sxx;
        return new Trend(metric, (long) steps[first], (long) last, values[first], values[n - 1],
                slope * (last - steps[first]), my + slope * (last - mx));
    }

    /** "test accuracy 0.310 -> 0.420 over steps 7,500-10,000, fitted rise +0.090" */
    public String describe() {
        String what = metric.replace("_acc", " accuracy");
        return String.format(java.util.Locale.ROOT, "%s %.3f -> %.3f over steps %,d-%,d, fitted rise %+.3f",
                what, fromValue, toValue, fromStep, toStep, rise);
    }
}
