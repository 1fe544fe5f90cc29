package org.groklab.task;

import org.groklab.model.Batch;

/**
 * A task's examples and how they are used: every example in its documented order ({@code all}, true labels),
 * the train and test indices into it, and the training labels after label noise.
 */
public record Split(Batch all, int[] train, int[] test, int[] trainLabels, int[] noisy) {

    /** The training examples, with the (possibly noisy) labels the model is trained on. */
    public Batch trainBatch() {
        Batch b = all.select(train);
        return new Batch(b.size(), b.arity(), b.tokens(), b.dim(), b.features(), trainLabels.clone());
    }

    /** The held-out examples with their true labels. */
    public Batch testBatch() {
        return all.select(test);
    }
}
