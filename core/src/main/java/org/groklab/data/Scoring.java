package org.groklab.data;

/** What "correct" means for a task's outputs; accuracy is the share of examples scored correct. */
public sealed interface Scoring permits Scoring.ByClass, Scoring.MeanSign {
    /** Class targets: the argmax of the outputs (ties to the lowest class), or with one output its sign (> 0 is 1). */
    Scoring CLASS = new ByClass();

    /**
     * Float targets: the mean output over the scored steps has the sign of the mean target there and, when
     * {@code margin} is above 0, a magnitude above {@code margin} (an output near 0 is then wrong either way).
     */
    static Scoring meanSign(double margin) {
        return new MeanSign(margin);
    }

    /** Share of the {@code n} examples scored correct; NaN for none. */
    double accuracy(float[] out, Targets targets, int n, int outputs);

    /**
     * {@link #accuracy} of float64 outputs: class targets take the argmax in float64 (ties to the lowest class);
     * anything else is scored on the outputs rounded to float32.
     */
    default double accuracy64(double[] out, Targets targets, int n, int outputs) {
        float[] narrow = new float[out.length];
        for (int i = 0; i < out.length; i++) {
            narrow[i] = (float) out[i];
        }
        return accuracy(narrow, targets, n, outputs);
    }

    /** The predicted class of example i: argmax (ties to the lowest class), or the sign of a single output. */
    static int predict(float[] out, int i, int classes) {
        if (classes == 1) {
            return out[i] > 0 ? 1 : 0;
        }
        int row = i * classes;
        int best = 0;
        float bestValue = out[row];
        for (int c = 1; c < classes; c++) {
            if (out[row + c] > bestValue) {
                bestValue = out[row + c];
                best = c;
            }
        }
        return best;
    }

    /** Scoring of class targets. */
    record ByClass() implements Scoring {
        @Override
        public double accuracy(float[] out, Targets targets, int n, int outputs) {
            if (n == 0) {
                return Double.NaN;
            }
            int[] labels = ((Targets.Classes) targets).ids();
            int correct = 0;
            for (int i = 0; i < n; i++) {
                if (predict(out, i, outputs) == labels[i]) {
                    correct++;
                }
            }
            return (double) correct / n;
        }

        @Override
        public double accuracy64(double[] out, Targets targets, int n, int outputs) {
            if (outputs == 1 || n == 0) {
                return Scoring.super.accuracy64(out, targets, n, outputs);
            }
            int[] labels = ((Targets.Classes) targets).ids();
            int correct = 0;
            for (int i = 0; i < n; i++) {
                int row = i * outputs;
                int best = 0;
                for (int c = 1; c < outputs; c++) {
                    if (out[row + c] > out[row + best]) {
                        best = c;
                    }
                }
                if (best == labels[i]) {
                    correct++;
                }
            }
            return (double) correct / n;
        }
    }

    /** Scoring of float targets by the sign (and, above a margin, the size) of the mean output over scored steps. */
    record MeanSign(double margin) implements Scoring {
        /**
         * Whether a mean output is right for a target of this sign: the same sign (0 counts as negative) and, when
         * {@code margin} is above 0, beyond the margin.
         */
        public static boolean correct(double meanOutput, double target, double margin) {
            if (margin == 0) {
                return (meanOutput > 0) == (target > 0);
            }
            return target > 0 ? meanOutput > margin : meanOutput < -margin;
        }

        public MeanSign {
            if (!(margin >= 0)) {
                throw new IllegalArgumentException("margin must be >= 0, got " + margin);
            }
        }

        @Override
        public double accuracy(float[] out, Targets targets, int n, int outputs) {
            if (n == 0) {
                return Double.NaN;
            }
            Targets.Values v = (Targets.Values) targets;
            int row = v.outputs() * v.steps();
            int scored = 0;
            for (int t = 0; t < v.steps(); t++) {
                scored += v.mask()[t] != 0 ? 1 : 0;
            }
            int correct = 0;
            for (int i = 0; i < n; i++) {
                for (int o = 0; o < v.outputs(); o++) {
                    double z = 0;
                    double y = 0;
                    for (int t = 0; t < v.steps(); t++) {
                        if (v.mask()[t] != 0) {
                            z += out[i * row + t * v.outputs() + o];
                            y += v.values()[i * row + t * v.outputs() + o];
                        }
                    }
                    if (correct(z / scored, y, margin)) {
                        correct++;
                    }
                }
            }
            return (double) correct / ((long) n * v.outputs());
        }
    }
}
