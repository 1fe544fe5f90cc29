package org.groklab.data;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A task's examples and how they are used: every example in its documented order ({@code all}, true targets),
 * the train and test indices into it, and the training targets after label noise ({@code noisy}: the positions
 * in {@code train} whose label noise replaced).
 */
public record Split(Batch all, int[] train, int[] test, Targets trainTargets, int[] noisy) {

    /** A split whose training targets are class ids ({@code trainLabels}, after noise). */
    public Split(Batch all, int[] train, int[] test, int[] trainLabels, int[] noisy) {
        this(all, train, test, new Targets.Classes(trainLabels), noisy);
    }

    /** The training examples, with the (possibly noisy) targets the model is trained on. */
    public Batch trainBatch() {
        return all.select(train).withTargets(trainTargets);
    }

    /** The held-out examples with their true targets. */
    public Batch testBatch() {
        return all.select(test);
    }

    /** The class ids the model is trained on. */
    public int[] trainLabels() {
        if (trainTargets instanceof Targets.Classes c) {
            return c.ids();
        }
        throw new IllegalStateException("this split has float targets, not class labels");
    }

    /**
     * Adds split.json's index lists to {@code root}: {@code train} and {@code test} (indices into the examples) and
     * {@code noisy_labels} ([index, label trained on] for each training label that noise replaced).
     */
    public void describeIndices(ObjectNode root) {
        ArrayNode trainList = root.putArray("train");
        for (int i : train) {
            trainList.add(i);
        }
        ArrayNode testList = root.putArray("test");
        for (int i : test) {
            testList.add(i);
        }
        ArrayNode noisyList = root.putArray("noisy_labels");
        for (int i : noisy) {
            noisyList.addArray().add(train[i]).add(trainLabels()[i]);
        }
    }
}
