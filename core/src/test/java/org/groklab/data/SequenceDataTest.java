package org.groklab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.groklab.loss.Loss;
import org.groklab.loss.MeanSquaredError;
import org.junit.jupiter.api.Test;

/** Sequence inputs and float targets with a mask: selection, the masked squared error and its gradient, scoring. */
class SequenceDataTest {
    // 3 examples, 4 time steps, 2 input features; 1 output per step
    static final float[] X = new float[3 * 4 * 2];
    static final float[] Y = {1, 1, 1, 1, -1, -1, -1, -1, 1, 1, 1, 1};
    static final float[] MASK = {0, 0, 1, 1};

    static {
        for (int i = 0; i < X.length; i++) {
            X[i] = i;
        }
    }

    static Batch batch() {
        return new Batch(new Inputs.Sequences(4, 2, X), new Targets.Values(1, 4, Y, MASK));
    }

    @Test
    void selectingExamplesKeepsWholeSequencesAndTheirTargets() {
        Batch b = batch().select(new int[] {2, 0});
        assertEquals(2, b.size());
        Inputs.Sequences s = (Inputs.Sequences) b.inputs();
        assertEquals(16f, s.values()[0], "example 2 starts at 2 * 4 * 2");
        assertEquals(0f, s.values()[8], "then example 0");
        Targets.Values v = (Targets.Values) b.targets();
        assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1, 1, 1}, v.values());
        assertArrayEquals(MASK, v.mask(), "the mask is shared by every example");
        assertThrows(IllegalStateException.class, b::labels, "float targets have no class labels");
    }

    @Test
    void sparseSequencesSelectAndExpandToTheirDenseForm() {
        // example 0: steps 1 and 3; example 1: none; example 2: step 0
        Inputs.SparseSequences s = new Inputs.SparseSequences(4, 2, new int[] {0, 2, 2, 3}, new int[] {1, 3, 0},
                new float[] {1, 2, 3, 4, 5, 6});
        assertEquals(3, s.size());
        assertArrayEquals(new float[] {0, 0, 1, 2, 0, 0, 3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 5, 6, 0, 0, 0, 0, 0, 0},
                s.toDense().values());
        Inputs.SparseSequences picked = s.select(new int[] {2, 1, 0});
        assertArrayEquals(new int[] {0, 1, 1, 3}, picked.starts());
        assertArrayEquals(new int[] {0, 1, 3}, picked.at());
        assertArrayEquals(new float[] {5, 6, 1, 2, 3, 4}, picked.values());
        Inputs.Sequences dense = s.toDense().select(new int[] {2, 1, 0});
        assertArrayEquals(dense.values(), picked.toDense().values());
        assertThrows(IllegalArgumentException.class, () -> new Inputs.SparseSequences(4, 2, new int[] {0, 2},
                new int[] {3, 1}, new float[4]), "steps must increase within an example");
        assertThrows(IllegalArgumentException.class, () -> new Inputs.SparseSequences(4, 2, new int[] {0, 1},
                new int[] {4}, new float[2]), "a step past the sequence");
        assertThrows(IllegalArgumentException.class, () -> new Inputs.SparseSequences(4, 2, new int[] {0, 1},
                new int[] {0}, new float[3]), "dim values per entry");
    }

    @Test
    void maskedSquaredErrorCountsOnlyTheScoredStepsAndMatchesFiniteDifferences() {
        float[] out = {9, 9, 0.5f, 2, 7, 7, -1, 0, 9, 9, 1, 1};
        Targets t = batch().targets();
        Loss mse = new MeanSquaredError(Loss.Reduction.ELEMENTS);
        float[] d = new float[out.length];
        double loss = mse.evaluate(out, t, 3, 4, d);
        // scored: (0.5-1)^2 + (2-1)^2 + (-1+1)^2 + (0+1)^2 + 0 + 0 = 2.25 over 3 examples x 2 steps
        assertEquals(2.25 / 6, loss, 1e-12);
        for (int i = 0; i < out.length; i++) {
            float[] up = out.clone();
            float[] down = out.clone();
            double h = 1e-2;
            up[i] += (float) h;
            down[i] -= (float) h;
            double fd = (mse.evaluate(up, t, 3, 4, null) - mse.evaluate(down, t, 3, 4, null)) / (2 * h);
            assertEquals(fd, d[i], 1e-5, "d loss / d out[" + i + "]");
        }
        assertEquals(0f, d[0], "unscored steps get no gradient");
        Loss examples = new MeanSquaredError(Loss.Reduction.EXAMPLES);
        assertEquals(2.25 / 3, examples.evaluate(out, t, 3, 4, null), 1e-12, "examples: sum over steps, mean over examples");
    }

    @Test
    void meanSignScoringComparesTheSignOfTheMeanOverTheScoredSteps() {
        Targets t = batch().targets();
        // example 0: mean over steps 2-3 = +0.5 (target +1: correct); example 1: +0.5 (target -1: wrong);
        // example 2: -3 (target +1: wrong), although its unscored steps are positive
        float[] out = {-5, -5, -1, 2, 0, 0, 0, 1, 5, 5, -4, -2};
        assertEquals(1.0 / 3, Scoring.meanSign(0).accuracy(out, t, 3, 4), 1e-12);
    }

    @Test
    void aMarginCountsOnlyMeansBeyondItWithTheRightSign() {
        Targets t = batch().targets();
        // example 0: mean +0.5 (target +1); example 1: mean -0.7 (target -1); example 2: mean -3 (target +1)
        float[] out = {-5, -5, -1, 2, 0, 0, -1, -0.4f, 5, 5, -4, -2};
        assertEquals(2.0 / 3, Scoring.meanSign(0).accuracy(out, t, 3, 4), 1e-12);
        assertEquals(2.0 / 3, Scoring.meanSign(0.4).accuracy(out, t, 3, 4), 1e-12);
        assertEquals(1.0 / 3, Scoring.meanSign(0.5).accuracy(out, t, 3, 4), 1e-12, "0.5 is not beyond a margin of 0.5");
        assertEquals(1.0 / 3, Scoring.meanSign(0.6).accuracy(out, t, 3, 4), 1e-12);
        assertEquals(0.0, Scoring.meanSign(0.8).accuracy(out, t, 3, 4), 1e-12);
        float[] nearZero = {0, 0, 0.01f, 0.01f, 0, 0, -0.01f, -0.01f, 0, 0, 0.01f, 0.01f};
        assertEquals(1.0, Scoring.meanSign(0).accuracy(nearZero, t, 3, 4), 1e-12, "signs alone: all right");
        assertEquals(0.0, Scoring.meanSign(0.5).accuracy(nearZero, t, 3, 4), 1e-12, "outputs near 0 are wrong");
    }

    @Test
    void lossesThatNeedClassesSayWhatToUseInstead() {
        Loss ce = new org.groklab.loss.CrossEntropy(Loss.Reduction.EXAMPLES);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ce.evaluate(new float[12], batch().targets(), 3, 4, null));
        assertEquals("cross_entropy needs class targets; this task has float targets (use mse)", e.getMessage());
    }
}
