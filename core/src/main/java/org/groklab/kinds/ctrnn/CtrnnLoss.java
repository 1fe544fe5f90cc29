package org.groklab.kinds.ctrnn;

/**
 * Murray's loss (Eq. 7), per trial, averaged over the minibatch:
 * <pre>
 *   L = (1/K) Σ_{last K outputs} (label - z(t))²  +  lambda / (T N) · Σ_{t = 1..T, i} r_i(t)² · dt
 * </pre>
 * Eq. 7 sums t = T-5..T (six outputs) but divides by 5; we read it as the mean over the last K = 5 outputs
 * (z(T-4)..z(T)), with K a setting. dt is in seconds (0.01) in the penalty: read as 10 (ms) it would make the
 * penalty 1000 times larger. Accuracy: a trial is correct when the mean of z over the scored outputs has the sign
 * of its label and a magnitude above {@code margin} (the engine's {@code Scoring.meanSign}).
 */
public record CtrnnLoss(int scoredSteps, double lambda, double dtSeconds, int neurons, double margin) {

    public static CtrnnLoss of(CtrnnConfig c) {
        return new CtrnnLoss(c.scoredSteps(), c.rateL2(), c.dtSeconds(), c.neurons(), c.accuracyMargin());
    }

    /** The loss of one minibatch: its parts, its total and how many trials are classified correctly. */
    public record Value(double squaredError, double ratePenalty, int correct) {
        public double total() {
            return squaredError + ratePenalty;
        }
    }

    /** The factor of Σ r² (over the minibatch) in L, for {@link Ctrnn#backward}. */
    public float rateWeight(int batch, int steps) {
        return (float) (lambda * dtSeconds / ((double) steps * neurons * batch));
    }

    /**
     * Evaluates L for outputs z [batch × steps] and labels, and writes dL/dz into {@code dz} unless it is null.
     */
    public Value evaluate(float[] z, float[] labels, int batch, int steps, double sumSquaredRates, float[] dz) {
        if (scoredSteps > steps) {
            throw new IllegalArgumentException("loss.scored_steps " + scoredSteps + " exceeds the trial's " + steps
                    + " steps");
        }
        double se = 0;
        int correct = 0;
        float g = 2f / (scoredSteps * batch);
        for (int b = 0; b < batch; b++) {
            int row = b * steps;
            if (dz != null) {
                java.util.Arrays.fill(dz, row, row + steps, 0f);
            }
            double mean = 0;
            for (int t = steps - scoredSteps; t < steps; t++) {
                float diff = z[row + t] - labels[b];
                se += (double) diff * diff;
                mean += z[row + t];
                if (dz != null) {
                    dz[row + t] = g * diff;
                }
            }
            if (org.groklab.data.Scoring.MeanSign.correct(mean / scoredSteps, labels[b], margin)) {
                correct++;
            }
        }
        double rate = rateWeight(batch, steps) * sumSquaredRates;
        return new Value(se / (scoredSteps * batch), rate, correct);
    }
}
