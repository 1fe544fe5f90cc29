package org.groklab.kinds.ctrnn;

/**
 * One epoch of CT-RNN training. Train loss and accuracy are the means over the epoch's minibatches, each taken
 * before its update (weighted by trials); validation is a pass over the validation trials after the epoch.
 * Losses are Eq. 7 totals (squared error plus rate penalty); {@code trainSquaredError} is the first part alone.
 */
public record EpochMetrics(int epoch, double trainLoss, double trainSquaredError, double trainAccuracy,
                           double validationLoss, double validationAccuracy, double gradNorm) {
}
