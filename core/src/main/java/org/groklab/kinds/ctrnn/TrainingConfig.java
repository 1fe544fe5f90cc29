package org.groklab.kinds.ctrnn;

/**
 * How a CT-RNN is trained (Murray, Appendices B and D): AdamW with learning rate 1e-3 and weight decay 1e-4 (betas
 * and epsilon are Optax's and PyTorch's defaults, 0.9, 0.999 and 1e-8), minibatches of 256 trials, 5,000 epochs.
 *
 * @param clipNorm       global gradient-norm clipping (0: off, the default; an option public reimplementations use)
 * @param validationNoise whether validation runs with the neuron noise (true: the network as trained)
 * @param dropLast       whether each epoch leaves out its short last minibatch, as the author's code does (its data
 *                       pipeline batches with drop_remainder)
 */
public record TrainingConfig(int epochs, int batchSize, double lr, double weightDecay, double beta1, double beta2,
                             double eps, double clipNorm, boolean validationNoise, boolean dropLast) {

    public static final TrainingConfig MURRAY = new TrainingConfig(5000, 256, 1e-3, 1e-4, 0.9, 0.999, 1e-8, 0, true,
            true);

    public TrainingConfig {
        if (epochs < 0 || batchSize < 1) {
            throw new IllegalArgumentException("train.epochs must be >= 0 and train.batch_size >= 1: " + epochs + ", "
                    + batchSize);
        }
        if (!(lr > 0) || !(weightDecay >= 0) || !(clipNorm >= 0)) {
            throw new IllegalArgumentException("optimizer.lr must be > 0, weight_decay and clip_norm >= 0: " + lr
                    + ", " + weightDecay + ", " + clipNorm);
        }
    }

    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(e, batchSize, lr, weightDecay, beta1, beta2, eps, clipNorm, validationNoise, dropLast);
    }

    public TrainingConfig withLr(double l) {
        return new TrainingConfig(epochs, batchSize, l, weightDecay, beta1, beta2, eps, clipNorm, validationNoise, dropLast);
    }

    public TrainingConfig withDropLast(boolean d) {
        return new TrainingConfig(epochs, batchSize, lr, weightDecay, beta1, beta2, eps, clipNorm, validationNoise, d);
    }

    public TrainingConfig withClipNorm(double c) {
        return new TrainingConfig(epochs, batchSize, lr, weightDecay, beta1, beta2, eps, c, validationNoise, dropLast);
    }
}
