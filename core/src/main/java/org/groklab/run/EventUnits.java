package org.groklab.run;

import java.util.Locale;

/**
 * An event's step in words, with its epoch where the run counts epochs (sparse-parity runs write an epoch column):
 * "step 140, epoch 14". The terminal and every figure name events this way, so that steps and epochs never mix.
 */
public final class EventUnits {
    private EventUnits() {
    }

    /** "step N" or, with an epoch column, "step N, epoch E" (the epoch of the row evaluated at that step). */
    public static String at(MetricsTable m, long step) {
        String s = String.format(Locale.ROOT, "step %,d", step);
        if (m == null || !m.has("epoch")) {
            return s;
        }
        double[] steps = m.get("step");
        double[] epochs = m.get("epoch");
        for (int i = 0; i < steps.length; i++) {
            if ((long) steps[i] == step) {
                return s + ", epoch " + fmt(epochs[i]);
            }
        }
        return s;
    }

    /** "epoch E, step N" for figures drawn against epochs: the step of the row evaluated at that epoch. */
    public static String atEpoch(MetricsTable m, double epoch) {
        String e = "epoch " + fmt(epoch);
        if (m == null || !m.has("epoch")) {
            return e;
        }
        double[] steps = m.get("step");
        double[] epochs = m.get("epoch");
        for (int i = 0; i < steps.length; i++) {
            if (epochs[i] == epoch) {
                return e + String.format(Locale.ROOT, ", step %,d", (long) steps[i]);
            }
        }
        return e;
    }

    private static String fmt(double epoch) {
        return epoch == Math.rint(epoch) ? String.format(Locale.ROOT, "%,d", (long) epoch)
                : String.format(Locale.ROOT, "%.2f", epoch);
    }
}
