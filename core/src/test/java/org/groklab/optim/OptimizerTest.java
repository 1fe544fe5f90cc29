package org.groklab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.groklab.model.Param;
import org.junit.jupiter.api.Test;

/**
 * One and two steps of each optimizer against the update rules of PyTorch's documentation, recomputed here in
 * double; learning-rate schedules, gradient clipping, and the state round trip used by checkpoints.
 */
class OptimizerTest {
    private static final double[] W0 = {1.0, -0.5, 2.0};
    /** Gradients of step 1 and step 2; the tiny third entry makes eps matter. */
    private static final double[][] G = {{0.5, -2.0, 1e-6}, {-0.25, 1.5, 3e-6}};

    private enum Decay { NONE, L2, L1, DECOUPLED }

    private static Param param(String name, double[] w) {
        Param p = new Param(name, w.length);
        for (int i = 0; i < w.length; i++) {
            p.data()[i] = (float) w[i];
        }
        return p;
    }

    private static void setGrad(Param p, double[] g) {
        for (int i = 0; i < g.length; i++) {
            p.grad()[i] = (float) g[i];
        }
    }

    private static void assertRelClose(double[] want, float[] got, double rel, String what) {
        for (int i = 0; i < want.length; i++) {
            double tol = rel * Math.max(1, Math.abs(want[i]));
            assertTrue(Math.abs(want[i] - got[i]) <= tol, what + ": w[" + i + "] want " + want[i] + ", got " + got[i]
                    + " (|diff| " + Math.abs(want[i] - got[i]) + " > " + tol + ")");
        }
    }

    /** Weights after each step of the optimizer under test, for the gradients G. */
    private static float[][] run(Optimizer opt, float lr) {
        Param p = param("w", W0);
        float[][] out = new float[G.length][];
        for (int s = 0; s < G.length; s++) {
            setGrad(p, G[s]);
            opt.step(List.of(p), lr);
            out[s] = p.data().clone();
            assertEquals(s + 1, opt.updates(), "updates after step " + (s + 1));
        }
        return out;
    }

    // ---------------------------------------------------------------- references in double

    /**
     * torch.optim.Adam / AdamW: g ← g + λθ (Adam, L2) or g + λ·sign θ (L1); θ ← θ − γλθ (AdamW); m ← β1 m +
     * (1−β1) g; v ← β2 v + (1−β2) g²; m̂ = m / (1−β1^t); v̂ = v / (1−β2^t); θ ← θ − γ m̂ / (√v̂ + ε).
     */
    private static double[][] adamReference(double lr, double b1, double b2, double eps, double wd, Decay decay) {
        double[] w = W0.clone();
        double[] m = new double[3];
        double[] v = new double[3];
        double[][] out = new double[G.length][];
        for (int t = 1; t <= G.length; t++) {
            for (int i = 0; i < 3; i++) {
                double g = G[t - 1][i];
                switch (decay) {
                    case L2 -> g += wd * w[i];
                    case L1 -> g += wd * Math.signum(w[i]);
                    case DECOUPLED -> w[i] -= lr * wd * w[i];
                    case NONE -> { }
                }
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double mHat = m[i] / (1 - Math.pow(b1, t));
                double vHat = v[i] / (1 - Math.pow(b2, t));
                w[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
            out[t - 1] = w.clone();
        }
        return out;
    }

    /**
     * torch.optim.SGD: g ← g + λθ; with momentum μ: b ← g on the first step, else b ← μ b + g; g ← g + μ b
     * (nesterov) or g ← b; θ ← θ − γ g.
     */
    private static double[][] sgdReference(double lr, double mu, boolean nesterov, double wd, Decay decay) {
        double[] w = W0.clone();
        double[] b = new double[3];
        double[][] out = new double[G.length][];
        for (int t = 1; t <= G.length; t++) {
            for (int i = 0; i < 3; i++) {
                double g = G[t - 1][i];
                switch (decay) {
                    case L2 -> g += wd * w[i];
                    case L1 -> g += wd * Math.signum(w[i]);
                    case DECOUPLED -> w[i] -= lr * wd * w[i];
                    case NONE -> { }
                }
                if (mu != 0) {
                    b[i] = t == 1 ? g : mu * b[i] + g;
                    g = nesterov ? g + mu * b[i] : b[i];
                }
                w[i] -= lr * g;
            }
            out[t - 1] = w.clone();
        }
        return out;
    }

    private static void compare(double[][] want, float[][] got, String what) {
        for (int s = 0; s < want.length; s++) {
            assertRelClose(want[s], got[s], 1e-6, what + ", after step " + (s + 1));
        }
    }

    // ---------------------------------------------------------------- Adam family

    @Test
    void adamWithoutDecayFollowsTorchAdamForTwoSteps() {
        compare(adamReference(0.01, 0.9, 0.999, 1e-8, 0, Decay.NONE),
                run(new Adam(0.9, 0.999, 1e-8, 0, WeightDecay.L2), 0.01f), "Adam");
    }

    @Test
    void adamWithTypicalHyperparametersAndSmallLrFollowsTorchAdam() {
        compare(adamReference(1e-3, 0.9, 0.98, 1e-8, 0, Decay.NONE),
                run(new Adam(0.9, 0.98, 1e-8, 0, WeightDecay.DECOUPLED), 1e-3f), "Adam(lr=1e-3, betas 0.9/0.98)");
    }

    @Test
    void adamWDecaysTheWeightsDecoupledFromTheGradient() {
        compare(adamReference(0.01, 0.9, 0.999, 1e-8, 1.0, Decay.DECOUPLED),
                run(new Adam(0.9, 0.999, 1e-8, 1.0, WeightDecay.DECOUPLED), 0.01f), "AdamW(λ=1)");
    }

    @Test
    void adamWithL2AddsLambdaTimesWeightToTheGradient() {
        compare(adamReference(0.01, 0.9, 0.999, 1e-8, 0.5, Decay.L2),
                run(new Adam(0.9, 0.999, 1e-8, 0.5, WeightDecay.L2), 0.01f), "Adam+L2(λ=0.5)");
    }

    @Test
    void adamWithL1AddsLambdaTimesSignOfWeightToTheGradient() {
        compare(adamReference(0.01, 0.9, 0.999, 1e-8, 0.5, Decay.L1),
                run(new Adam(0.9, 0.999, 1e-8, 0.5, WeightDecay.L1), 0.01f), "Adam+L1(λ=0.5)");
    }

    @Test
    void adamFirstStepMovesEachWeightByAboutLrAgainstTheGradientSign() {
        // sanity of the reference itself: at t = 1, m̂/√v̂ = g/|g|, so each step is lr·g/(|g| + eps)
        double[][] ref = adamReference(0.01, 0.9, 0.999, 1e-8, 0, Decay.NONE);
        for (int i = 0; i < 3; i++) {
            double g = G[0][i];
            assertEquals(W0[i] - 0.01 * g / (Math.abs(g) + 1e-8), ref[0][i], 1e-12, "reference step 1, w[" + i + "]");
        }
    }

    // ---------------------------------------------------------------- SGD family

    @Test
    void plainSgdIsWeightMinusLrTimesGradient() {
        compare(sgdReference(0.1, 0, false, 0, Decay.NONE), run(new Sgd(0, false, 0, WeightDecay.L2), 0.1f), "SGD");
        float[][] got = run(new Sgd(0, false, 0, WeightDecay.L2), 0.1f);
        assertEquals(1.0 - 0.1 * 0.5, got[0][0], 1e-7, "SGD by hand, w[0] after step 1");
        assertEquals(1.0 - 0.1 * 0.5 + 0.1 * 0.25, got[1][0], 1e-7, "SGD by hand, w[0] after step 2");
    }

    @Test
    void sgdWithL2OrL1AddsLambdaTimesWeightOrItsSign() {
        compare(sgdReference(0.1, 0, false, 0.5, Decay.L2), run(new Sgd(0, false, 0.5, WeightDecay.L2), 0.1f),
                "SGD+L2");
        compare(sgdReference(0.1, 0, false, 0.5, Decay.L1), run(new Sgd(0, false, 0.5, WeightDecay.L1), 0.1f),
                "SGD+L1");
    }

    @Test
    void sgdMomentumStartsItsBufferAtTheFirstGradient() {
        compare(sgdReference(0.1, 0.9, false, 0, Decay.NONE), run(new Sgd(0.9, false, 0, WeightDecay.L2), 0.1f),
                "SGD(momentum=0.9)");
        // by hand for w[0]: b1 = 0.5, w = 1 - 0.05 = 0.95; b2 = 0.9·0.5 - 0.25 = 0.2, w = 0.95 - 0.02 = 0.93
        float[][] got = run(new Sgd(0.9, false, 0, WeightDecay.L2), 0.1f);
        assertEquals(0.95, got[0][0], 1e-7, "momentum by hand, step 1");
        assertEquals(0.93, got[1][0], 1e-7, "momentum by hand, step 2");
    }

    @Test
    void sgdNesterovUsesGradientPlusMomentumTimesBuffer() {
        compare(sgdReference(0.1, 0.9, true, 0, Decay.NONE), run(new Sgd(0.9, true, 0, WeightDecay.L2), 0.1f),
                "SGD(nesterov)");
        // by hand for w[0]: b1 = 0.5, g' = 0.5 + 0.45 = 0.95, w = 0.905; b2 = 0.2, g' = -0.25 + 0.18 = -0.07, w = 0.912
        float[][] got = run(new Sgd(0.9, true, 0, WeightDecay.L2), 0.1f);
        assertEquals(0.905, got[0][0], 1e-7, "nesterov by hand, step 1");
        assertEquals(0.912, got[1][0], 1e-7, "nesterov by hand, step 2");
    }

    @Test
    void sgdMomentumWithL2DecayFollowsTorch() {
        compare(sgdReference(0.1, 0.9, false, 0.5, Decay.L2), run(new Sgd(0.9, false, 0.5, WeightDecay.L2), 0.1f),
                "SGD(momentum, L2)");
    }

    // ---------------------------------------------------------------- learning rate

    @Test
    void learningRateWarmsUpLinearlyThenDecaysByCosineToTheFloor() {
        LearningRate lr = new LearningRate(0.1, 10, true, 0.1, 110);
        double[][] want = {
            {0, 0.01}, {4, 0.05}, {9, 0.1}, // warm-up: base·(step+1)/warmup
            {10, 0.1}, // cosine progress 0
            {60, 0.1 * (0.1 + 0.9 * 0.5)}, // progress 0.5
            {85, 0.1 * (0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI * 0.75)))},
            {110, 0.01}, {500, 0.01}}; // the floor, held after the last step
        for (double[] w : want) {
            assertEquals((float) w[1], lr.at((long) w[0]), 1e-8, "cosine lr at step " + (long) w[0]);
        }
    }

    @Test
    void constantLearningRateIsTheBaseAfterWarmUp() {
        LearningRate none = new LearningRate(0.003, 0, false, 0, 100);
        for (long s : new long[] {0, 1, 50, 100, 1000}) {
            assertEquals(0.003f, none.at(s), "constant lr at step " + s);
        }
        LearningRate warm = new LearningRate(0.003, 4, false, 0.5, 100);
        assertEquals(0.00075f, warm.at(0), 1e-10, "warm-up step 0");
        assertEquals(0.0015f, warm.at(1), 1e-10, "warm-up step 1");
        assertEquals(0.003f, warm.at(3), 1e-10, "warm-up step 3");
        assertEquals(0.003f, warm.at(4), "after warm-up");
        assertEquals(0.003f, warm.at(99), "constant ignores min factor");
    }

    @Test
    void cosineWithoutWarmUpStartsAtBaseAndEndsAtMinFactor() {
        LearningRate lr = new LearningRate(1.0, 0, true, 0.0, 100);
        assertEquals(1.0f, lr.at(0), 1e-7, "step 0");
        assertEquals(0.5f, lr.at(50), 1e-7, "step 50");
        assertEquals(0.0f, lr.at(100), 1e-7, "step 100");
        assertEquals((float) (0.5 * (1 + Math.cos(Math.PI * 0.25))), lr.at(25), 1e-7, "step 25");
    }

    // ---------------------------------------------------------------- clipping

    @Test
    void gradientClippingRescalesAllGradientsToTheMaxNorm() {
        Param a = param("a", new double[] {0, 0});
        Param b = param("b", new double[] {0, 0, 0});
        setGrad(a, new double[] {3, 4});
        setGrad(b, new double[] {0, 0, 12}); // global norm 13
        double norm = GradientClipping.clip(List.of(a, b), 6.5);
        assertEquals(13.0, norm, 1e-12, "returned norm before clipping");
        double after = Math.sqrt(sq(a.grad()) + sq(b.grad()));
        assertEquals(6.5, after, 6.5 * 1e-6, "global norm after clipping");
        double[] want = {1.5, 2, 0, 0, 6};
        float[] got = {a.grad()[0], a.grad()[1], b.grad()[0], b.grad()[1], b.grad()[2]};
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-5, "clipped gradient " + i + " (same direction, half the length)");
        }
    }

    @Test
    void gradientClippingLeavesSmallGradientsAndDisabledClippingAlone() {
        Param a = param("a", new double[] {0, 0});
        setGrad(a, new double[] {3, 4});
        assertEquals(5.0, GradientClipping.clip(List.of(a), 5.5), 1e-12, "norm");
        assertEquals(3f, a.grad()[0], "under the max norm: untouched");
        assertEquals(4f, a.grad()[1], "under the max norm: untouched");
        assertEquals(5.0, GradientClipping.clip(List.of(a), 0), 1e-12, "norm with clipping off");
        assertEquals(3f, a.grad()[0], "max norm 0 means off");
        assertEquals(4f, a.grad()[1], "max norm 0 means off");
    }

    private static double sq(float[] x) {
        double s = 0;
        for (float v : x) {
            s += (double) v * v;
        }
        return s;
    }

    // ---------------------------------------------------------------- state round trip

    private static Map<String, float[]> deepCopy(Map<String, float[]> state) {
        Map<String, float[]> c = new LinkedHashMap<>();
        state.forEach((k, v) -> c.put(k, v.clone()));
        return c;
    }

    private static void roundTrip(String label, java.util.function.Supplier<Optimizer> make, List<String> keys) {
        Param w = param("W1", W0);
        Param u = param("W2", new double[] {0.3, -0.7, 0.1});
        List<Param> ps = List.of(w, u);
        Optimizer a = make.get();
        for (int s = 0; s < 2; s++) {
            setGrad(w, G[s]);
            setGrad(u, G[1 - s]);
            a.step(ps, 0.05f);
        }
        Map<String, float[]> saved = deepCopy(a.state());
        assertEquals(keys, List.copyOf(saved.keySet()), label + ": state keys");
        Optimizer b = make.get();
        b.restore(saved, a.updates());
        assertEquals(a.updates(), b.updates(), label + ": updates after restore");

        Param w2 = param("W1", toDouble(w.data()));
        Param u2 = param("W2", toDouble(u.data()));
        double[] g3 = {0.7, 0.1, -1.1};
        for (Param p : List.of(w, u, w2, u2)) {
            setGrad(p, g3);
        }
        a.step(ps, 0.05f);
        b.step(List.of(w2, u2), 0.05f);
        for (int i = 0; i < 3; i++) {
            assertEquals(Float.floatToIntBits(w.data()[i]), Float.floatToIntBits(w2.data()[i]),
                    label + ": W1[" + i + "] original " + w.data()[i] + ", restored " + w2.data()[i]);
            assertEquals(Float.floatToIntBits(u.data()[i]), Float.floatToIntBits(u2.data()[i]),
                    label + ": W2[" + i + "] original " + u.data()[i] + ", restored " + u2.data()[i]);
        }
        Map<String, float[]> sa = a.state();
        Map<String, float[]> sb = b.state();
        for (String k : keys) {
            for (int i = 0; i < 3; i++) {
                assertEquals(Float.floatToIntBits(sa.get(k)[i]), Float.floatToIntBits(sb.get(k)[i]),
                        label + ": state " + k + "[" + i + "] after the next step");
            }
        }
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    @Test
    void adamStateRestoreGivesBitIdenticalNextSteps() {
        roundTrip("AdamW", () -> new Adam(0.9, 0.999, 1e-8, 0.1, WeightDecay.DECOUPLED),
                List.of("exp_avg.W1", "exp_avg.W2", "exp_avg_sq.W1", "exp_avg_sq.W2"));
    }

    @Test
    void sgdMomentumStateRestoreGivesBitIdenticalNextSteps() {
        roundTrip("SGD nesterov", () -> new Sgd(0.9, true, 0.01, WeightDecay.L2),
                List.of("momentum_buffer.W1", "momentum_buffer.W2"));
        roundTrip("SGD plain", () -> new Sgd(0, false, 0, WeightDecay.L2), List.of());
    }
}
