package org.groklab.kinds.ctrnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.groklab.math.Rng;
import org.junit.jupiter.api.Test;

/** The trial generator against Murray's Appendix A (timing, labels) and Appendix D (held-out relations). */
class SetTaskTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SetTaskConfig SMALL_DIM = SetTaskConfig.MURRAY.withInputDim(7);

    /** For every trial: the steps that carry input, read back from the input tensor. */
    private static List<boolean[]> shownSteps(SetTask task, int[] ids) {
        int t = task.steps();
        int d = task.inputDim();
        float[] u = new float[ids.length * t * d];
        task.inputs(ids, 0, ids.length, u);
        List<boolean[]> shown = new ArrayList<>();
        for (int i = 0; i < ids.length; i++) {
            boolean[] s = new boolean[t];
            for (int step = 0; step < t; step++) {
                for (int k = 0; k < d; k++) {
                    s[step] |= u[(i * t + step) * d + k] != 0f;
                }
            }
            shown.add(s);
        }
        return shown;
    }

    private static int[] all(SetTask task) {
        int[] ids = new int[task.split().trials().size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        return ids;
    }

    @Test
    void trialsLastFiftyStepsAndShowThreeInputsOfTwoStepsEach() {
        SetTask task = SetTask.generate(SMALL_DIM, 1);
        assertEquals(50, task.steps());
        for (boolean[] s : shownSteps(task, all(task))) {
            assertEquals(50, s.length);
            List<int[]> runs = runs(s);
            assertEquals(3, runs.size(), "three inputs per trial");
            for (int[] run : runs) {
                assertEquals(2, run[1] - run[0], "each input lasts two steps: " + run[0] + ".." + run[1]);
            }
        }
    }

    @Test
    void inputsAreSeparatedByAtLeastThreeEmptySteps() {
        SetTask task = SetTask.generate(SMALL_DIM, 2);
        int minGapSeen = Integer.MAX_VALUE;
        for (boolean[] s : shownSteps(task, all(task))) {
            List<int[]> runs = runs(s);
            for (int i = 1; i < runs.size(); i++) {
                int gap = runs.get(i)[0] - runs.get(i - 1)[1];
                assertTrue(gap >= 3, "gap of " + gap + " empty steps");
                minGapSeen = Math.min(minGapSeen, gap);
            }
        }
        assertEquals(3, minGapSeen, "the shortest allowed gap occurs");
    }

    @Test
    void firstThreeAndLastTenStepsAreEmptyAndTheBoundsAreReached() {
        SetTask task = SetTask.generate(SMALL_DIM, 3);
        int earliest = Integer.MAX_VALUE;
        int latest = -1;
        for (boolean[] s : shownSteps(task, all(task))) {
            for (int step = 0; step < 3; step++) {
                assertTrue(!s[step], "input in the first three steps, step " + step);
            }
            for (int step = 40; step < 50; step++) {
                assertTrue(!s[step], "input in the last ten steps, step " + step);
            }
            for (int step = 0; step < 50; step++) {
                if (s[step]) {
                    earliest = Math.min(earliest, step);
                    latest = Math.max(latest, step);
                }
            }
        }
        assertEquals(3, earliest);
        assertEquals(39, latest);
    }

    @Test
    void inputsAreTheColourVectorsInOrderAndZeroElsewhere() {
        SetTask task = SetTask.generate(SMALL_DIM, 4);
        float[] colours = task.colours();
        int d = task.inputDim();
        int[] ids = {0, 17, task.trainIds().length - 1};
        float[] u = new float[ids.length * 50 * d];
        task.inputs(ids, 0, ids.length, u);
        for (int i = 0; i < ids.length; i++) {
            SetTrial trial = task.trial(ids[i]);
            for (int step = 0; step < 50; step++) {
                int colour = trial.colourAt(step, task.timing());
                for (int k = 0; k < d; k++) {
                    float want = colour < 0 ? 0f : colours[colour * d + k];
                    assertEquals(want, u[(i * 50 + step) * d + k], "trial " + ids[i] + " step " + step);
                }
            }
        }
    }

    @Test
    void theSparseInputsAreTheDenseOnesWithoutTheirEmptySteps() {
        SetTask task = SetTask.generate(SMALL_DIM, 6);
        int count = task.split().trials().size();
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = (i * 7) % count; // every trial, out of order
        }
        float[] dense = new float[count * 50 * task.inputDim()];
        task.inputs(ids, 0, count, dense);
        org.groklab.data.Inputs.SparseSequences sparse = task.sparseInputs(ids, 0, count);
        assertArrayEquals(dense, sparse.toDense().values());
        assertEquals(count * 3 * task.timing().inputSteps(), sparse.at().length,
                "three colours of " + task.timing().inputSteps() + " steps each, and nothing else");
    }

    @Test
    void coloursAreOneHundredDimensionalStandardNormalDrawnFromTheSeed() {
        SetTask task = SetTask.generate(SetTaskConfig.MURRAY, 5);
        float[] c = task.colours();
        assertEquals(300, c.length);
        double mean = 0;
        double sq = 0;
        for (float v : c) {
            mean += v;
            sq += v * v;
        }
        mean /= c.length;
        double var = sq / c.length - mean * mean;
        assertTrue(Math.abs(mean) < 0.2 && Math.abs(var - 1) < 0.25, "mean " + mean + " variance " + var);
        Rng rng = Rng.stream(5, "set.colours");
        for (float v : c) {
            assertEquals((float) rng.nextGaussian(), v);
        }
        assertNotEquals(c[0], SetTask.generate(SetTaskConfig.MURRAY, 6).colours()[0]);
    }

    @Test
    void allowedOnsetsAreExactlyTheTriplesTheRulesPermit() {
        // brute force from the rules as written, for Murray's timing and a second one
        for (TrialTiming timing : List.of(TrialTiming.MURRAY, new TrialTiming(20, 1, 2, 1, 4))) {
            Set<String> brute = new HashSet<>();
            int t = timing.steps();
            int len = timing.inputSteps();
            for (int o1 = 0; o1 < t; o1++) {
                for (int o2 = 0; o2 < t; o2++) {
                    for (int o3 = 0; o3 < t; o3++) {
                        boolean ok = o1 >= timing.leadIn() && o3 + len <= t - timing.tail()
                                && o2 - (o1 + len) >= timing.minGap() && o3 - (o2 + len) >= timing.minGap();
                        if (ok) {
                            brute.add(o1 + "," + o2 + "," + o3);
                        }
                    }
                }
            }
            Set<String> listed = new HashSet<>();
            for (int[] o : timing.allOnsets()) {
                listed.add(o[0] + "," + o[1] + "," + o[2]);
            }
            assertEquals(brute, listed);
            assertEquals(brute.size(), timing.allOnsets().size(), "no duplicates");
        }
        assertEquals(3276, TrialTiming.MURRAY.allOnsets().size(), "C(28, 3)");
    }

    @Test
    void onsetsAreUniformOverTheAllowedTriples() {
        // the first onset's distribution under a uniform draw of triples, against the generated trials
        List<int[]> allowed = TrialTiming.MURRAY.allOnsets();
        double[] expected = new double[50];
        for (int[] o : allowed) {
            expected[o[0]] += 1.0 / allowed.size();
        }
        SetTaskConfig many = new SetTaskConfig(3, TrialTiming.MURRAY, HoldOut.BOTH, 0, 400, 1);
        SetTask task = SetTask.generate(many, 7);
        int[] ids = task.trainIds();
        double[] seen = new double[50];
        double[] seenLast = new double[50];
        double[] expectedLast = new double[50];
        for (int[] o : allowed) {
            expectedLast[o[2]] += 1.0 / allowed.size();
        }
        for (int id : ids) {
            seen[task.trial(id).o1()] += 1.0 / ids.length;
            seenLast[task.trial(id).o3()] += 1.0 / ids.length;
        }
        double chi = 0;
        int cells = 0;
        for (int s = 0; s < 50; s++) {
            for (double[][] pair : new double[][][] {{expected, seen}, {expectedLast, seenLast}}) {
                if (pair[0][s] > 0) {
                    double e = pair[0][s] * ids.length;
                    double o = pair[1][s] * ids.length;
                    chi += (o - e) * (o - e) / e;
                    cells++;
                } else {
                    assertEquals(0, pair[1][s], "onset at a forbidden step " + s);
                }
            }
        }
        // two marginals of 26 cells each: chi-square with ~50 degrees of freedom; 99.9% quantile about 86
        assertTrue(chi < 90, "chi-square " + chi + " over " + cells + " cells");
    }

    @Test
    void labelIsPlusOneExactlyWhenTheSumIsZeroModThree() {
        int valid = 0;
        for (int id = 0; id < 27; id++) {
            Relation r = Relation.of(id);
            assertEquals(id, r.id());
            assertEquals((r.a() + r.b() + r.c()) % 3 == 0 ? 1 : -1, r.label());
            valid += r.valid() ? 1 : 0;
        }
        assertEquals(9, valid);
        assertEquals(1, new Relation(0, 1, 2).label(), "0 + 1 + 2 = 0 (mod 3), the paper's example");
        assertEquals(-1, new Relation(0, 1, 1).label(), "0 + 1 + 1 != 0 (mod 3), the paper's example");
        assertEquals(1, new Relation(2, 2, 2).label(), "all the same");
        SetTask task = SetTask.generate(SMALL_DIM, 8);
        float[] y = task.labels(all(task), 0, all(task).length);
        for (int i = 0; i < y.length; i++) {
            SetTrial t = task.trial(i);
            assertEquals((t.a() + t.b() + t.c()) % 3 == 0 ? 1f : -1f, y[i]);
        }
    }

    @Test
    void heldOutRelationsFollowTheirConditionAndStayOutOfTraining() {
        int[][] cases = {{0, 5}, {0, 20}, {1, 3}, {1, 8}, {2, 6}, {2, 17}};
        for (int[] c : cases) {
            HoldOut condition = HoldOut.values()[c[0]];
            SetTask task = SetTask.generate(SMALL_DIM.withHeldOut(condition, c[1]), 9);
            int[] held = task.split().heldOut();
            assertEquals(c[1], held.length);
            assertEquals(c[1], new HashSet<>(toList(held)).size(), "without replacement");
            Set<Integer> pool = new HashSet<>(toList(condition.pool()));
            for (int id : held) {
                assertTrue(pool.contains(id), condition + " held out relation " + id);
            }
            Set<Integer> heldSet = new HashSet<>(toList(held));
            int[] perRelation = new int[27];
            for (int id : task.trainIds()) {
                int r = task.trial(id).relation().id();
                assertTrue(!heldSet.contains(r), "held-out relation " + r + " in training");
                perRelation[r]++;
            }
            for (int r = 0; r < 27; r++) {
                if (!heldSet.contains(r)) {
                    assertTrue(perRelation[r] >= 50, "relation " + r + " has " + perRelation[r] + " trials");
                }
            }
            Set<Integer> validated = new HashSet<>();
            for (int id : task.validationIds()) {
                validated.add(task.trial(id).relation().id());
            }
            assertEquals(heldSet, validated, "validation trials are the held-out relations");
        }
        assertEquals(27, HoldOut.BOTH.pool().length);
        assertEquals(9, HoldOut.VALID_ONLY.pool().length);
        assertEquals(18, HoldOut.INVALID_ONLY.pool().length);
        assertThrows(IllegalArgumentException.class, () -> SMALL_DIM.withHeldOut(HoldOut.VALID_ONLY, 10));
    }

    @Test
    void heldOutRelationsAreDrawnUniformly() {
        // each of the 9 valid relations removed with probability 3/9 over 900 seeds
        int[] times = new int[27];
        int seeds = 900;
        for (int seed = 0; seed < seeds; seed++) {
            for (int id : HoldOut.VALID_ONLY.draw(3, Rng.stream(seed, "set.holdout"))) {
                times[id]++;
            }
        }
        for (int id : HoldOut.VALID_ONLY.pool()) {
            assertTrue(Math.abs(times[id] - 300) < 60, "relation " + id + " removed " + times[id] + " times");
        }
    }

    @Test
    void bothLabelsHaveAboutTheSameNumberOfTrainingTrials() {
        for (HoldOut condition : HoldOut.values()) {
            for (int k = 0; k < condition.pool().length; k++) {
                int[] counts = SetTask.trainingCounts(condition.draw(k, Rng.stream(k, "b")), 50);
                int valid = 0;
                int invalid = 0;
                for (int id = 0; id < 27; id++) {
                    if (Relation.of(id).valid()) {
                        valid += counts[id];
                    } else {
                        invalid += counts[id];
                    }
                }
                if (valid == 0 || invalid == 0) {
                    // every relation of one label held out: nothing to balance against
                    assertEquals(50 * (27 - k), valid + invalid, condition + " k=" + k);
                    continue;
                }
                double ratio = (double) valid / invalid;
                assertTrue(ratio > 0.95 && ratio < 1.05, condition + " k=" + k + ": " + valid + " vs " + invalid);
            }
        }
        int[] none = SetTask.trainingCounts(new int[0], 50);
        assertEquals(100, none[0], "valid relation (0,0,0): 50 x 18 / 9");
        assertEquals(50, none[1], "invalid relation (0,0,1)");
    }

    @Test
    void theSplitDescriptionRegeneratesEveryTrialAndIsDeterministic() throws Exception {
        SetTaskConfig config = SMALL_DIM.withHeldOut(HoldOut.BOTH, 4);
        SetTask task = SetTask.generate(config, 11);
        String json = JSON.writeValueAsString(task.split());
        assertEquals(json, JSON.writeValueAsString(SetTask.generate(config, 11).split()), "same seed, same bytes");
        assertNotEquals(json, JSON.writeValueAsString(SetTask.generate(config, 12).split()));
        SetTask back = SetTask.fromSplit(JSON.readValue(json, SetSplit.class));
        assertEquals(json, JSON.writeValueAsString(back.split()));
        assertArrayEquals(task.colours(), back.colours());
        int[] ids = all(task);
        float[] u1 = new float[ids.length * 50 * 7];
        float[] u2 = new float[ids.length * 50 * 7];
        task.inputs(ids, 0, ids.length, u1);
        back.inputs(ids, 0, ids.length, u2);
        assertArrayEquals(u1, u2);
        assertArrayEquals(task.labels(ids, 0, ids.length), back.labels(ids, 0, ids.length));
    }

    @Test
    void aDescriptionThatBreaksTheTimingIsRefused() throws Exception {
        SetTask task = SetTask.generate(SMALL_DIM, 13);
        SetSplit s = task.split();
        List<SetTrial> trials = new ArrayList<>(s.trials());
        trials.set(2, new SetTrial(0, 1, 2, 3, 7, 20));
        SetSplit bad = new SetSplit(s.seed(), s.coloursStream(), s.inputDim(), s.timing(), s.condition(),
                s.heldOut(), trials, s.train(), s.validation());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SetTask.fromSplit(bad));
        assertTrue(e.getMessage().startsWith("trials[2]"), e.getMessage());
    }

    private static List<int[]> runs(boolean[] s) {
        List<int[]> runs = new ArrayList<>();
        for (int i = 0; i < s.length; i++) {
            if (s[i] && (i == 0 || !s[i - 1])) {
                int j = i;
                while (j < s.length && s[j]) {
                    j++;
                }
                runs.add(new int[] {i, j});
            }
        }
        return runs;
    }

    private static List<Integer> toList(int[] a) {
        List<Integer> l = new ArrayList<>();
        for (int v : a) {
            l.add(v);
        }
        return l;
    }
}
