package org.groklab.data;

/** What "correct" means for a task's outputs; accuracy is the share of examples scored correct. */
public enum Scoring {
    /** Class targets: the argmax of the outputs (ties to the lowest class), or with one output its sign (> 0 is 1). */
    CLASS,
    /** Float targets: the sign of the mean output over the scored steps equals the sign of the mean target there. */
    MEAN_SIGN;

    /** Share of the {@code n} examples scored correct; NaN for none. */
    public double accuracy(float[] out, Targets targets, int n, int outputs) {
        if (n == 0) {
            return Double.NaN;
        }
        int correct = 0;
        switch (this) {
            case CLASS -> {
                int[] labels = ((Targets.Classes) targets).ids();
                for (int i = 0; i < n; i++) {
                    if (predict(out, i, outputs) == labels[i]) {
                        correct++;
                    }
                }
            }
            case MEAN_SIGN -> {
                Targets.Values v = (Targets.Values) targets;
                int row = v.outputs() * v.steps();
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
                        if ((z > 0) == (y > 0)) {
                            correct++;
                        }
                    }
                }
                return (double) correct / ((long) n * v.outputs());
            }
            default -> throw new IllegalStateException();
        }
        return (double) correct / n;
    }

    /**
     * {@link #accuracy} of float64 outputs: class targets take the argmax in float64 (ties to the lowest class);
     * anything else is scored on the outputs rounded to float32.
     */
    public double accuracy64(double[] out, Targets targets, int n, int outputs) {
        if (this != CLASS || outputs == 1 || n == 0) {
            float[] narrow = new float[out.length];
            for (int i = 0; i < out.length; i++) {
                narrow[i] = (float) out[i];
            }
            return accuracy(narrow, targets, n, outputs);
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

    /** The predicted class of example i: argmax (ties to the lowest class), or the sign of a single output. */
    public static int predict(float[] out, int i, int classes) {
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
}
