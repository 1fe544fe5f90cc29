package org.groklab.kinds.ctrnn;

import java.util.List;

/**
 * Everything needed to regenerate every trial of a SET task (its split.json): the seed and the name of the Rng
 * stream its colour vectors come from ({@code inputDim} N(0, 1) draws per colour, green then purple then red),
 * the held-out relations (ids 9a + 3b + c), every trial with its onsets, and which trials train and which
 * validate. {@link SetTask#fromSplit} rebuilds the task from it.
 */
public record SetSplit(long seed, String coloursStream, int inputDim, TrialTiming timing, HoldOut condition,
                       int[] heldOut, List<SetTrial> trials, int[] train, int[] validation) {
}
