package org.groklab.kinds.parity;

import org.groklab.data.Split;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;
import org.groklab.data.Batch;
import org.groklab.spec.SpecLoader;
import org.junit.jupiter.api.Test;

class SparseParityTest {

    @Test
    void pm1LabelIsTheProductOfTheFirstKBits() {
        SparseParity task = new SparseParity(50, 3, SparseParity.Bits.PM1);
        Split s = task.split(1, 300, 100, 2023, 0);
        Batch all = s.all();
        assertEquals(400, all.size(), "300 train + 100 test");
        for (int i = 0; i < all.size(); i++) {
            float prod = 1;
            for (int j = 0; j < 3; j++) {
                float v = all.features()[i * 50 + j];
                assertTrue(v == 1f || v == -1f, "±1 bits, got " + v);
                prod *= v;
            }
            assertEquals(prod > 0 ? 1 : 0, all.labels()[i], "label of example " + i);
        }
    }

    @Test
    void zeroOneLabelIsOneForAnOddNumberOfOnesInTheFirstThree() {
        SparseParity task = new SparseParity(30, 3, SparseParity.Bits.ZERO_ONE);
        Batch b = task.sample(500, new org.groklab.math.Rng(5));
        int ones = 0;
        for (int i = 0; i < b.size(); i++) {
            int count = 0;
            for (int j = 0; j < 30; j++) {
                float v = b.features()[i * 30 + j];
                assertTrue(v == 0f || v == 1f, "0/1 bits, got " + v);
                if (j < 3 && v == 1f) {
                    count++;
                }
                ones += (int) v;
            }
            assertEquals(count % 2, b.labels()[i], "label of " + i);
        }
        assertEquals(0.5, ones / (500.0 * 30), 0.02, "bits are fair coins");
    }

    @Test
    void testSetDependsOnTheTestSeedOnlyAndTrainOnTheRunSeed() {
        SparseParity task = new SparseParity(20, 2, SparseParity.Bits.PM1);
        Split a = task.split(0, 50, 30, 2023, 0);
        Split b = task.split(1, 50, 30, 2023, 0);
        Split c = task.split(0, 50, 30, 7, 0);
        float[] testA = java.util.Arrays.copyOfRange(a.all().features(), 50 * 20, 80 * 20);
        float[] testB = java.util.Arrays.copyOfRange(b.all().features(), 50 * 20, 80 * 20);
        float[] testC = java.util.Arrays.copyOfRange(c.all().features(), 50 * 20, 80 * 20);
        assertArrayEquals(testA, testB, "same test seed, other run seed: same test set");
        assertNotEquals(java.util.Arrays.toString(testA), java.util.Arrays.toString(testC), "other test seed");
        assertNotEquals(java.util.Arrays.toString(a.trainBatch().features()),
                java.util.Arrays.toString(b.trainBatch().features()), "other run seed: other training set");
        assertArrayEquals(a.all().features(), task.split(0, 50, 30, 2023, 0).all().features(), "deterministic");
    }

    @Test
    void allUnseenTestSetIsTheComplementOfTheTrainingInputs() {
        SparseParity task = new SparseParity(8, 2, SparseParity.Bits.PM1);
        Split s = task.split(3, 100, 0, 0, 0);
        Set<String> train = new HashSet<>();
        for (int i : s.train()) {
            train.add(task.text(s.all().features(), i * 8));
        }
        Set<String> test = new HashSet<>();
        for (int i : s.test()) {
            String t = task.text(s.all().features(), i * 8);
            assertTrue(test.add(t), "test inputs are distinct: " + t);
            assertTrue(!train.contains(t), "test input " + t + " is not a training input");
        }
        assertEquals(256, train.size() + test.size(), "train ∪ test = all 2^8 inputs");
    }

    @Test
    void labelNoiseFlipsExactlyThatShareOfTrainingLabels() {
        SparseParity task = new SparseParity(30, 2, SparseParity.Bits.PM1);
        Split s = task.split(4, 300, 100, 2023, 0.1);
        assertEquals(30, s.noisy().length, "round(0.1 x 300) noisy labels");
        int flipped = 0;
        for (int i = 0; i < 300; i++) {
            if (s.trainLabels()[i] != s.all().labels()[s.train()[i]]) {
                flipped++;
            }
        }
        assertEquals(30, flipped, "flipped labels");
        for (int i : s.noisy()) {
            assertEquals(1 - s.all().labels()[s.train()[i]], s.trainLabels()[i], "noisy label " + i + " flipped");
        }
        Batch test = s.testBatch();
        for (int i = 0; i < test.size(); i++) {
            assertEquals(task.label(test.features(), i * 30), test.labels()[i], "test labels stay true");
        }
    }

    @Test
    void splitJsonListsEveryInputAsABitStringWithItsLabel() throws Exception {
        SparseParity task = new SparseParity(5, 2, SparseParity.Bits.PM1);
        Split s = task.split(0, 4, 3, 1, 0.25);
        ObjectNode root = SpecLoader.JSON.createObjectNode();
        SparseParity.describe(s, root);
        JsonNode ex = root.get("examples");
        assertEquals(7, ex.size(), "4 train + 3 test");
        for (int i = 0; i < 7; i++) {
            String bits = ex.get(i).get(0).asText();
            assertEquals(task.text(s.all().features(), i * 5), bits, "bits of " + i);
            int label = (bits.charAt(0) == '-') == (bits.charAt(1) == '-') ? 1 : 0;
            assertEquals(label, ex.get(i).get(1).asInt(), "label of " + bits);
        }
        assertEquals("[0,1,2,3]", root.get("train").toString(), "train indices");
        assertEquals("[4,5,6]", root.get("test").toString(), "test indices");
        assertEquals(1, root.get("noisy_labels").size(), "round(0.25 x 4) = 1 noisy label");
    }
}
