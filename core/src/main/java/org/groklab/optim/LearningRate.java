package org.groklab.optim;

/**
 * Learning-rate schedule: linear warm-up over {@code warmupSteps}, then constant or a cosine decay to
 * {@code minFactor × base} at {@code totalSteps}.
 */
public record LearningRate(double base, int warmupSteps, boolean cosine, double minFactor, long totalSteps) {

    /** The rate for update number {@code step} (0-based), rounded to float32. */
    public float at(long step) {
        return (float) exact(step);
    }

    /** The rate for update number {@code step} (0-based) in float64, for float64 parameters. */
    public double exact(long step) {
        double f = 1;
        if (warmupSteps > 0 && step < warmupSteps) {
            f = (step + 1.0) / warmupSteps;
        } else if (cosine) {
            long span = Math.max(1, totalSteps - warmupSteps);
            double progress = Math.min(1.0, (double) (step - warmupSteps) / span);
            f = minFactor + (1 - minFactor) * 0.5 * (1 + StrictMath.cos(Math.PI * progress));
        }
        return base * f;
    }
}
