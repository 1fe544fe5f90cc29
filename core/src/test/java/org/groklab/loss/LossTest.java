package org.groklab.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.groklab.math.Rng;
import org.junit.jupiter.api.Test;

/**
 * Loss values against numbers worked out by hand, gradients against float64 central differences of
 * {@link Loss#evaluate} itself, numerical stability and {@link Loss#accuracy}.
 */
class LossTest {
    /** The 2×3 example: logits of two examples over three classes, labels 0 and 1. */
    private static final float[] OUT = {1f, 2f, 0f, 0.5f, -1f, 3f};
    private static final int[] LABELS = {0, 1};

    private static void assertClose(double want, double got, double tol, String what) {
        assertTrue(Math.abs(want - got) <= tol, what + ": want " + want + ", got " + got + " (|diff| "
                + Math.abs(want - got) + " > " + tol + ")");
    }

    // ---------------------------------------------------------------- values by hand

    @Test
    void crossEntropyOfThe2x3ExampleIsTheHandComputedLogSumExpMinusTheLabelLogit() {
        // row 0: log(e^1 + e^2 + e^0) - 1 = 2.40760596444438 - 1
        // row 1: log(e^0.5 + e^-1 + e^3) - (-1) = 3.0956743294143823 + 1
        double sum = (2.40760596444438 - 1) + (3.0956743294143823 + 1); // 5.503280293858763
        assertClose(sum / 2, new CrossEntropy(Loss.Reduction.EXAMPLES).evaluate(OUT, LABELS, 2, 3, null), 1e-6,
                "cross-entropy, mean over examples");
        assertClose(sum / 6, new CrossEntropy(Loss.Reduction.ELEMENTS).evaluate(OUT, LABELS, 2, 3, null), 1e-6,
                "cross-entropy, mean over elements");
    }

    @Test
    void crossEntropyGradientIsSoftmaxMinusOneHotOverTheDivisor() {
        float[] d = new float[6];
        new CrossEntropy(Loss.Reduction.EXAMPLES).evaluate(OUT, LABELS, 2, 3, d);
        double z0 = Math.exp(1) + Math.exp(2) + Math.exp(0);
        double z1 = Math.exp(0.5) + Math.exp(-1) + Math.exp(3);
        double[] want = {
            (Math.exp(1) / z0 - 1) / 2, Math.exp(2) / z0 / 2, Math.exp(0) / z0 / 2,
            Math.exp(0.5) / z1 / 2, (Math.exp(-1) / z1 - 1) / 2, Math.exp(3) / z1 / 2};
        for (int i = 0; i < 6; i++) {
            assertClose(want[i], d[i], 1e-6, "dOut[" + i + "]");
        }
    }

    @Test
    void meanSquaredErrorOfThe2x3ExampleAgainstOneHotTargets() {
        // row 0 targets (1,0,0): 0² + 2² + 0² = 4; row 1 targets (0,1,0): 0.5² + 2² + 3² = 13.25; total 17.25
        assertClose(17.25 / 2, new MeanSquaredError(Loss.Reduction.EXAMPLES).evaluate(OUT, LABELS, 2, 3, null),
                1e-9, "mse, sum over classes, mean over examples");
        assertClose(17.25 / 6, new MeanSquaredError(Loss.Reduction.ELEMENTS).evaluate(OUT, LABELS, 2, 3, null),
                1e-9, "mse, mean over elements");
        float[] d = new float[6];
        new MeanSquaredError(Loss.Reduction.ELEMENTS).evaluate(OUT, LABELS, 2, 3, d);
        double[] diff = {0, 2, 0, 0.5, -2, 3};
        for (int i = 0; i < 6; i++) {
            assertClose(2 * diff[i] / 6, d[i], 1e-7, "mse elements dOut[" + i + "]");
        }
    }

    @Test
    void meanSquaredErrorWithOneOutputUsesPlusMinusOneTargets() {
        float[] out = {0.5f, -2f, 3f, -4f};
        int[] labels = {1, 1, 0, 0}; // targets +1, +1, -1, -1
        // (0.5-1)² + (-2-1)² + (3+1)² + (-4+1)² = 0.25 + 9 + 16 + 9 = 34.25
        for (Loss.Reduction r : Loss.Reduction.values()) {
            float[] d = new float[4];
            double loss = new MeanSquaredError(r).evaluate(out, labels, 4, 1, d);
            assertClose(34.25 / 4, loss, 1e-9, "single-output mse, " + r);
            double[] diff = {-0.5, -3, 4, -3};
            for (int i = 0; i < 4; i++) {
                assertClose(2 * diff[i] / 4, d[i], 1e-7, "single-output mse " + r + " dOut[" + i + "]");
            }
        }
    }

    @Test
    void hingeWithOneOutputIsMeanOfMaxZeroOneMinusYF() {
        float[] out = {0.5f, -2f, 3f, -4f};
        int[] labels = {1, 1, 0, 0}; // y = +1, +1, -1, -1
        // margins 1 - y f: 0.5, 3, 4, -3 -> losses 0.5, 3, 4, 0; mean 7.5 / 4
        float[] d = new float[4];
        double loss = new Hinge().evaluate(out, labels, 4, 1, d);
        assertClose(7.5 / 4, loss, 1e-9, "single-output hinge");
        double[] want = {-0.25, -0.25, 0.25, 0};
        for (int i = 0; i < 4; i++) {
            assertClose(want[i], d[i], 1e-9, "single-output hinge dOut[" + i + "]");
        }
    }

    @Test
    void multiClassHingeIsCrammerSingerAgainstTheStrongestRival() {
        // row 0 label 0: rival class 1 (2), margin 1 + 2 - 1 = 2; row 1 label 1: rival class 2 (3), 1 + 3 + 1 = 5
        float[] d = new float[6];
        double loss = new Hinge().evaluate(OUT, LABELS, 2, 3, d);
        assertClose(3.5, loss, 1e-9, "multi-class hinge");
        double[] want = {-0.5, 0.5, 0, 0, -0.5, 0.5};
        for (int i = 0; i < 6; i++) {
            assertClose(want[i], d[i], 1e-9, "multi-class hinge dOut[" + i + "]");
        }
        // satisfied margin: no loss, no gradient
        float[] ok = {5f, 1f, 2f};
        float[] d2 = {9f, 9f, 9f};
        assertClose(0, new Hinge().evaluate(ok, new int[] {0}, 1, 3, d2), 0, "hinge with margin 3");
        for (int c = 0; c < 3; c++) {
            assertEquals(0f, d2[c], "hinge gradient with satisfied margin, class " + c);
        }
    }

    // ---------------------------------------------------------------- gradients vs finite differences

    /**
     * Central differences of {@code evaluate} itself. Logits are multiples of 1/8 and the step is 2^-7, so every
     * perturbed float32 input is exact and the difference quotient is taken in double.
     */
    private static void checkGradient(String label, Loss loss, float[] out, int[] labels, int n, int classes,
                                      double tol) {
        float[] d = new float[out.length];
        loss.evaluate(out.clone(), labels, n, classes, d);
        float h = 0x1p-7f;
        for (int i = 0; i < out.length; i++) {
            float[] plus = out.clone();
            float[] minus = out.clone();
            plus[i] += h;
            minus[i] -= h;
            double fd = (loss.evaluate(plus, labels, n, classes, null) - loss.evaluate(minus, labels, n, classes, null))
                    / ((double) plus[i] - (double) minus[i]);
            assertTrue(Math.abs(d[i] - fd) <= tol * Math.max(1, Math.abs(fd)), label + ": dOut[" + i + "]="
                    + d[i] + " finite-difference=" + fd + " |diff|=" + Math.abs(d[i] - fd));
        }
    }

    /** n×classes logits in multiples of 1/8 in [-4, 4), away from hinge kinks by construction of the data. */
    private static float[] dyadic(Rng rng, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = (rng.nextInt(64) - 32) / 8f;
        }
        return x;
    }

    @Test
    void crossEntropyAndMseGradientsMatchCentralDifferencesOfTheLoss() {
        Rng rng = new Rng(4);
        int n = 5, classes = 4;
        float[] out = dyadic(rng, n * classes);
        int[] labels = {0, 3, 1, 1, 2};
        for (Loss.Reduction r : Loss.Reduction.values()) {
            // cross-entropy is smooth: O(h²) truncation ≈ 1e-5 with h = 2^-7
            checkGradient("cross-entropy " + r, new CrossEntropy(r), out, labels, n, classes, 1e-4);
            checkGradient("mse " + r, new MeanSquaredError(r), out, labels, n, classes, 1e-6);
            checkGradient("2x3 cross-entropy " + r, new CrossEntropy(r), OUT, LABELS, 2, 3, 1e-4);
            checkGradient("2x3 mse " + r, new MeanSquaredError(r), OUT, LABELS, 2, 3, 1e-6);
        }
        float[] single = {0.5f, -2f, 3f, -4f, 0.125f};
        int[] singleLabels = {1, 1, 0, 0, 0};
        for (Loss.Reduction r : Loss.Reduction.values()) {
            checkGradient("single-output mse " + r, new MeanSquaredError(r), single, singleLabels, 5, 1, 1e-6);
        }
    }

    @Test
    void hingeGradientsMatchCentralDifferencesAwayFromKinks() {
        // single output: margins 0.5, 3, 4, -3, 0.875 (none within h of 0)
        checkGradient("single-output hinge", new Hinge(), new float[] {0.5f, -2f, 3f, -4f, 0.125f},
                new int[] {1, 1, 0, 0, 1}, 5, 1, 1e-7);
        // multi-class: rival unique (no ties within h) and margins not within h of 0
        float[] out = {1f, 2f, 0f, 0.5f, -1f, 3f, 2.5f, 0.25f, -1.5f, 0.75f, 0.5f, 3f};
        int[] labels = {0, 1, 0, 2};
        checkGradient("multi-class hinge", new Hinge(), out, labels, 4, 3, 1e-7);
    }

    // ---------------------------------------------------------------- stability

    @Test
    void crossEntropyIsFiniteAndCorrectForHugeLogits() {
        float[] out = {1e4f, 0f, -1e4f, 1e4f, 1e4f, -1e4f, -1e4f, -1e4f, 1e4f};
        int[] labels = {0, 1, 0};
        for (Loss.Reduction r : Loss.Reduction.values()) {
            float[] d = new float[out.length];
            double loss = new CrossEntropy(r).evaluate(out, labels, 3, 3, d);
            // row 0: ≈ 0; row 1: two equal maxima, log 2; row 2: label logit 2e4 below the max, ≈ 2e4
            double want = (0 + Math.log(2) + 2e4) / (r == Loss.Reduction.EXAMPLES ? 3 : 9);
            assertTrue(Double.isFinite(loss), r + ": loss " + loss);
            assertClose(want, loss, 1e-9 * want, "cross-entropy " + r + " with logits ±1e4");
            for (int i = 0; i < d.length; i++) {
                assertTrue(Float.isFinite(d[i]), r + ": dOut[" + i + "] = " + d[i]);
            }
            double s = r == Loss.Reduction.EXAMPLES ? 1.0 / 3 : 1.0 / 9;
            double[] wantD = {0, 0, 0, 0.5 * s, -0.5 * s, 0, 0, 0, s};
            wantD[6] = -s;
            for (int i = 0; i < d.length; i++) {
                assertClose(wantD[i], d[i], 1e-7, r + " dOut[" + i + "] with logits ±1e4");
            }
        }
    }

    // ---------------------------------------------------------------- accuracy

    @Test
    void accuracyBreaksTiesTowardsTheLowestClass() {
        float[] out = {1f, 3f, 3f, 2f, 2f, 2f, 0f, -1f, 5f};
        assertEquals(1, org.groklab.data.Scoring.predict(out, 0, 3), "tie between classes 1 and 2");
        assertEquals(0, org.groklab.data.Scoring.predict(out, 1, 3), "three-way tie");
        assertEquals(2, org.groklab.data.Scoring.predict(out, 2, 3), "clear maximum");
        assertEquals(1.0, Loss.accuracy(out, new int[] {1, 0, 2}, 3, 3), "labels at the lowest tied class");
        assertEquals(1.0 / 3, Loss.accuracy(out, new int[] {2, 2, 2}, 3, 3), 1e-15,
                "labels at a higher tied class count as wrong");
    }

    @Test
    void singleOutputAccuracyIsTheSignWithZeroCountingAsNegative() {
        float[] out = {0.5f, -0.25f, 0f, -0f, 1e-30f};
        List<Integer> want = List.of(1, 0, 0, 0, 1);
        for (int i = 0; i < out.length; i++) {
            assertEquals(want.get(i), org.groklab.data.Scoring.predict(out, i, 1), "prediction for output " + out[i]);
        }
        assertEquals(1.0, Loss.accuracy(out, new int[] {1, 0, 0, 0, 1}, 5, 1), "all right");
        assertEquals(0.4, Loss.accuracy(out, new int[] {1, 1, 0, 1, 0}, 5, 1), 1e-15, "two of five");
    }
}
