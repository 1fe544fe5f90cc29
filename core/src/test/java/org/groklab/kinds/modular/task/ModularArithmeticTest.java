package org.groklab.kinds.modular.task;

import org.groklab.data.Split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.groklab.data.Batch;
import org.junit.jupiter.api.Test;

/** Operations over Z_p, the documented enumeration order, the seeded split, label noise and the random table. */
class ModularArithmeticTest {
    private static final int P = 7;

    private static int mod(long x, int p) {
        return (int) (((x % p) + p) % p);
    }

    // ---------------------------------------------------------------- operations

    @Test
    void everyOperationMatchesItsFormulaForAllPairsOfZ7() {
        for (int a = 0; a < P; a++) {
            for (int b = 0; b < P; b++) {
                String at = " at a=" + a + " b=" + b;
                assertEquals(mod(a + b, P), Operation.ADD.apply(a, b, P), "add" + at);
                assertEquals(mod(a - b, P), Operation.SUB.apply(a, b, P), "sub" + at);
                assertEquals(mod((long) a * b, P), Operation.MUL.apply(a, b, P), "mul" + at);
                assertEquals(mod((long) a * a + (long) a * b + (long) b * b, P), Operation.QUAD.apply(a, b, P),
                        "quad" + at);
                assertEquals(mod((long) a * a * a + (long) a * b, P), Operation.CUBIC.apply(a, b, P), "cubic" + at);
                if (b != 0) {
                    int q = Operation.DIV.apply(a, b, P);
                    assertTrue(q >= 0 && q < P, "div result in Z_7" + at + ": " + q);
                    assertEquals(a, (q * b) % P, "div: (a/b)·b = a" + at + ", a/b = " + q);
                }
            }
        }
    }

    @Test
    void operationsStayExactForTheLargestAllowedModulus() {
        int p = 1999; // prime, the largest prime ≤ 2000
        BigInteger bp = BigInteger.valueOf(p);
        int[] values = {0, 1, 2, 998, 1000, 1997, 1998};
        for (int a : values) {
            for (int b : values) {
                BigInteger x = BigInteger.valueOf(a), y = BigInteger.valueOf(b);
                String at = " at a=" + a + " b=" + b + " p=" + p;
                assertEquals(x.pow(3).add(x.multiply(y)).mod(bp).intValue(), Operation.CUBIC.apply(a, b, p),
                        "cubic" + at);
                assertEquals(x.pow(2).add(x.multiply(y)).add(y.pow(2)).mod(bp).intValue(),
                        Operation.QUAD.apply(a, b, p), "quad" + at);
                if (b != 0) {
                    assertEquals(x.multiply(y.modInverse(bp)).mod(bp).intValue(), Operation.DIV.apply(a, b, p),
                            "div" + at);
                }
            }
        }
    }

    @Test
    void commutativeFlagsAgreeWithTheFormulas() {
        for (Operation op : Operation.values()) {
            if (op == Operation.RANDOM) {
                continue;
            }
            boolean symmetric = true;
            for (int a = 1; a < P; a++) {
                for (int b = 1; b < P; b++) {
                    symmetric &= op.apply(a, b, P) == op.apply(b, a, P);
                }
            }
            assertEquals(symmetric, op.commutative(), op + ": commutative() vs the table over Z_7 \\ {0}");
        }
    }

    @Test
    void randomOperationIsATableNotAFormula() {
        assertThrows(IllegalStateException.class, () -> Operation.RANDOM.apply(1, 2, P));
        ModularArithmetic task = new ModularArithmetic(P, Operation.RANDOM, false, 5);
        for (int a = 0; a < P; a++) {
            for (int b = 0; b < P; b++) {
                int l = task.label(a, b);
                assertTrue(l >= 0 && l < P, "random label in Z_7 at a=" + a + " b=" + b + ": " + l);
            }
        }
    }

    // ---------------------------------------------------------------- enumeration

    @Test
    void allPairsAreEnumeratedAMajorWithTrueLabels() {
        Batch all = new ModularArithmetic(P, Operation.SUB, false, 0).examples();
        assertEquals(P * P, all.size(), "p² examples");
        assertEquals(2, all.arity(), "arity");
        int n = 0;
        for (int a = 0; a < P; a++) {
            for (int b = 0; b < P; b++) {
                assertEquals(a, all.token(n, 0), "example " + n + " a");
                assertEquals(b, all.token(n, 1), "example " + n + " b");
                assertEquals(mod(a - b, P), all.labels()[n], "example " + n + " label");
                n++;
            }
        }
    }

    @Test
    void symmetricPairsKeepBAtLeastA() {
        Batch all = new ModularArithmetic(P, Operation.ADD, true, 0).examples();
        assertEquals(P * (P + 1) / 2, all.size(), "p(p+1)/2 examples");
        int n = 0;
        for (int a = 0; a < P; a++) {
            for (int b = a; b < P; b++) {
                assertEquals(a, all.token(n, 0), "example " + n + " a");
                assertEquals(b, all.token(n, 1), "example " + n + " b");
                assertEquals((a + b) % P, all.labels()[n], "example " + n + " label");
                n++;
            }
        }
    }

    @Test
    void divisionLeavesOutBZero() {
        Batch all = new ModularArithmetic(P, Operation.DIV, false, 0).examples();
        assertEquals(P * (P - 1), all.size(), "p(p-1) examples");
        int n = 0;
        for (int a = 0; a < P; a++) {
            for (int b = 1; b < P; b++) {
                assertEquals(a, all.token(n, 0), "example " + n + " a");
                assertEquals(b, all.token(n, 1), "example " + n + " b");
                assertEquals(a, all.labels()[n] * b % P, "example " + n + " label·b");
                n++;
            }
        }
    }

    @Test
    void divisionWithANonPrimeModulusIsRejected() {
        for (int p : new int[] {4, 6, 9, 12, 15, 2001}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ModularArithmetic(p, Operation.DIV, false, 0), "p=" + p);
            assertTrue(e.getMessage().contains(String.valueOf(p)), "message names p: " + e.getMessage());
        }
        new ModularArithmetic(2, Operation.DIV, false, 0);
        new ModularArithmetic(12, Operation.ADD, false, 0);
        assertThrows(IllegalArgumentException.class, () -> new ModularArithmetic(1, Operation.ADD, false, 0));
    }

    // ---------------------------------------------------------------- split

    @Test
    void splitHasTheRequestedSizeIsSortedDisjointAndCoversEveryExample() {
        ModularArithmetic task = new ModularArithmetic(11, Operation.ADD, false, 0);
        int n = 121;
        for (double f : new double[] {0.3, 0.5, 0.77}) {
            Split s = task.split(42, f, 0);
            assertEquals(Math.round(f * n), s.train().length, "train size for fraction " + f);
            assertEquals(n - Math.round(f * n), s.test().length, "test size for fraction " + f);
            assertSorted(s.train(), "train");
            assertSorted(s.test(), "test");
            Set<Integer> seen = new HashSet<>();
            for (int i : s.train()) {
                assertTrue(seen.add(i), "train index " + i + " repeated");
            }
            for (int i : s.test()) {
                assertTrue(seen.add(i), "test index " + i + " also in train or repeated");
            }
            assertEquals(n, seen.size(), "train ∪ test covers every example");
            assertTrue(seen.stream().allMatch(i -> i >= 0 && i < n), "indices in [0, n)");
            assertEquals(0, s.noisy().length, "no noise asked");
            // without noise the train labels are the true ones and the batches carry them
            Batch tb = s.trainBatch();
            for (int i = 0; i < s.train().length; i++) {
                int idx = s.train()[i];
                assertEquals(s.all().labels()[idx], s.trainLabels()[i], "train label " + i);
                assertEquals(s.all().token(idx, 0), tb.token(i, 0), "train batch a " + i);
                assertEquals(s.all().token(idx, 1), tb.token(i, 1), "train batch b " + i);
            }
            Batch test = s.testBatch();
            for (int i = 0; i < s.test().length; i++) {
                assertEquals(s.all().labels()[s.test()[i]], test.labels()[i], "test label " + i);
            }
        }
    }

    private static void assertSorted(int[] x, String what) {
        for (int i = 1; i < x.length; i++) {
            assertTrue(x[i - 1] < x[i], what + " not strictly increasing at " + i + ": " + x[i - 1] + ", " + x[i]);
        }
    }

    @Test
    void sameSeedGivesTheSameSplitAndAnotherSeedADifferentOne() {
        ModularArithmetic task = new ModularArithmetic(11, Operation.MUL, false, 0);
        Split a = task.split(7, 0.5, 0.1);
        Split b = new ModularArithmetic(11, Operation.MUL, false, 0).split(7, 0.5, 0.1);
        assertArrayEquals(a.train(), b.train(), "train, same seed");
        assertArrayEquals(a.test(), b.test(), "test, same seed");
        assertArrayEquals(a.trainLabels(), b.trainLabels(), "noisy labels, same seed");
        assertArrayEquals(a.noisy(), b.noisy(), "noisy rows, same seed");
        Split c = task.split(8, 0.5, 0.1);
        assertEquals(a.train().length, c.train().length, "same size with another seed");
        assertFalse(Arrays.equals(a.train(), c.train()), "seed 8 gives the split of seed 7: " + Arrays.toString(
                c.train()));
    }

    @Test
    void labelNoiseChangesExactlyRoundNoiseTimesNTrainLabelsEachToAnotherClass() {
        ModularArithmetic task = new ModularArithmetic(13, Operation.ADD, false, 0);
        for (double noise : new double[] {0.0, 0.05, 0.1, 0.33, 0.9}) {
            for (long seed : new long[] {0, 1, 2}) {
                Split s = task.split(seed, 0.6, noise);
                int nTrain = s.train().length;
                long want = Math.round(noise * nTrain);
                int changed = 0;
                for (int i = 0; i < nTrain; i++) {
                    int truth = s.all().labels()[s.train()[i]];
                    int label = s.trainLabels()[i];
                    assertTrue(label >= 0 && label < 13, "label in Z_13: " + label);
                    if (label != truth) {
                        changed++;
                    }
                }
                assertEquals(want, changed, "labels changed with noise " + noise + ", seed " + seed + ", nTrain "
                        + nTrain);
                assertEquals(want, s.noisy().length, "noisy rows listed");
                assertSorted(s.noisy(), "noisy rows");
                for (int i : s.noisy()) {
                    assertNotEquals(s.all().labels()[s.train()[i]], s.trainLabels()[i], "noisy row " + i
                            + " kept its true label");
                }
                // the training batch carries the noisy labels; the test batch only true ones
                assertArrayEquals(s.trainLabels(), s.trainBatch().labels(), "train batch labels");
            }
        }
    }

    @Test
    void noiseDoesNotMoveTheSplit() {
        ModularArithmetic task = new ModularArithmetic(13, Operation.ADD, false, 0);
        assertArrayEquals(task.split(3, 0.5, 0).train(), task.split(3, 0.5, 0.2).train(),
                "train indices with and without label noise");
    }

    // ---------------------------------------------------------------- random table

    @Test
    void randomTableIsFixedByTableSeedAndIndependentOfTheRunSeed() {
        ModularArithmetic t1 = new ModularArithmetic(P, Operation.RANDOM, false, 123);
        ModularArithmetic t2 = new ModularArithmetic(P, Operation.RANDOM, false, 123);
        ModularArithmetic other = new ModularArithmetic(P, Operation.RANDOM, false, 124);
        int differences = 0;
        Set<Integer> classes = new HashSet<>();
        for (int a = 0; a < P; a++) {
            for (int b = 0; b < P; b++) {
                assertEquals(t1.label(a, b), t2.label(a, b), "same table seed at a=" + a + " b=" + b);
                differences += t1.label(a, b) != other.label(a, b) ? 1 : 0;
                classes.add(t1.label(a, b));
            }
        }
        assertTrue(differences > 0, "table seeds 123 and 124 give the same table");
        assertTrue(classes.size() > 1, "a random table with a single class: " + classes);
        // two run seeds: different splits, the same table
        Split s1 = t1.split(1, 0.5, 0);
        Split s2 = t1.split(2, 0.5, 0);
        assertArrayEquals(s1.all().labels(), s2.all().labels(), "true labels of the random table per run seed");
        assertFalse(Arrays.equals(s1.train(), s2.train()), "run seeds 1 and 2 split alike");
    }
}
