package org.groklab.data;


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

    /**
     * Adds split.json's index lists to {@code root}: {@code train} and {@code test} (indices into the examples) and
     * {@code noisy_labels} ([index, label trained on] for each training label that noise replaced).
     */
    public void describeIndices(com.fasterxml.jackson.databind.node.ObjectNode root) {
        com.fasterxml.jackson.databind.node.ArrayNode trainList = root.putArray("train");
        for (int i : train) {
            trainList.add(i);
        }
        com.fasterxml.jackson.databind.node.ArrayNode testList = root.putArray("test");
        for (int i : test) {
            testList.add(i);
        }
        com.fasterxml.jackson.databind.node.ArrayNode noisyList = root.putArray("noisy_labels");
        for (int i : noisy) {
            noisyList.addArray().add(train[i]).add(trainLabels[i]);
        }
    }

    /** The held-out examples with their true labels. */
    public Batch testBatch() {
        return all.select(test);
    }
}
