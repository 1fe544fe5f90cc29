package org.groklab.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import jdk.incubator.vector.FloatVector;
import org.groklab.loss.CrossEntropy;
import org.groklab.loss.Loss;
import org.groklab.model.Param;
import org.groklab.optim.Adam;
import org.groklab.optim.Sgd;
import org.groklab.optim.WeightDecay;
import org.junit.jupiter.api.Test;

/**
 * The row and update kernels give the bits of {@code CrossEntropy}, {@code Adam} and {@code Sgd} as the training
 * code calls them (which now run on the preferred kernels themselves), for every weight-decay rule, with both kernel
 * sets, at parameter sizes around the vector width. Their arithmetic against independent references is checked in
 * LossTest and OptimizerTest (PyTorch's update rules recomputed in double).
 */
class KernelsReproduceLossAndOptimizersTest {
    private static final int L = FloatVector.SPECIES_PREFERRED.length();
    private static final int[] SIZES = {0, 1, L - 1, L, L + 1, 2 * L + 3, 1000};

    private static float[] gaussian(Rng rng, int len, double scale) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = (float) (rng.nextGaussian() * scale);
        }
        // exact zeros exercise signum(0) in the L1 rules
        if (len > 2) {
            x[len / 2] = 0f;
            x[len / 3] = -0f;
        }
        return x;
    }

    private static void assertSameBits(float[] want, float[] got, String what) {
        assertEquals(want.length, got.length, what + ": lengths");
        for (int i = 0; i < want.length; i++) {
            assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(got[i]),
                    what + ": element " + i + " want " + want[i] + " got " + got[i]);
        }
    }

    private static DecayRule rule(WeightDecay d) {
        return DecayRule.valueOf(d.name());
    }

    @Test
    void softmaxCrossEntropyGivesTheLossBitsOfCrossEntropy() {
        Rng rng = new Rng(21);
        for (Kernels k : new Kernels[] {Kernels.plain(), Kernels.vector()}) {
            for (Loss.Reduction red : Loss.Reduction.values()) {
                for (int classes : new int[] {2, 3, L + 1, 97, 113}) {
                    int n = 37;
                    float[] out = gaussian(rng, n * classes, 4);
                    int[] labels = new int[n];
                    for (int i = 0; i < n; i++) {
                        labels[i] = rng.nextInt(classes);
                    }
                    float[] want = new float[n * classes];
                    double loss = new CrossEntropy(red).evaluate(out, labels, n, classes, want);
                    double div = red == Loss.Reduction.EXAMPLES ? n : (double) n * classes;
                    float[] got = new float[n * classes];
                    double total = k.softmaxCrossEntropy(out, labels, n, classes, (float) (1 / div), got);
                    String what = k.describe() + " " + red + " classes=" + classes;
                    assertEquals(Double.doubleToRawLongBits(loss), Double.doubleToRawLongBits(total / div),
                            what + ": loss " + loss + " vs " + total / div);
                    assertSameBits(want, got, what + " dOut");
                }
            }
        }
    }

    @Test
    void adamUpdateGivesTheBitsOfAdamForEveryDecayRule() {
        for (Kernels k : new Kernels[] {Kernels.plain(), Kernels.vector()}) {
            for (WeightDecay decay : WeightDecay.values()) {
                for (double lambda : new double[] {0, 0.5}) {
                    for (int size : SIZES) {
                        Rng rng = new Rng(size * 31 + decay.ordinal());
                        Param p = new Param("w", size);
                        System.arraycopy(gaussian(rng, size, 1), 0, p.data(), 0, size);
                        float[] w = p.data().clone();
                        float[] m = new float[size];
                        float[] v = new float[size];
                        double beta1 = 0.9, beta2 = 0.98, eps = 1e-8;
                        Adam adam = new Adam(beta1, beta2, eps, lambda, decay);
                        float lr = 1e-3f;
                        for (int t = 1; t <= 4; t++) {
                            float[] g = gaussian(rng, size, 0.1);
                            System.arraycopy(g, 0, p.grad(), 0, size);
                            adam.step(List.of(p), lr);
                            // the scalars as Adam computes them before its loop
                            double bc1 = 1 - StrictMath.pow((float) beta1, t);
                            double bc2 = 1 - StrictMath.pow((float) beta2, t);
                            AdamStep s = new AdamStep((float) beta1, (float) beta2, (float) eps, lr, (float) lambda,
                                    rule(decay), (float) (lr / bc1), (float) Math.sqrt(bc2));
                            k.adamUpdate(w, g, m, v, 0, size, s);
                            String what = k.describe() + " " + decay + " lambda=" + lambda + " size=" + size
                                    + " step " + t;
                            assertSameBits(p.data(), w, what + " weights");
                            assertSameBits(adam.state().get("exp_avg.w"), m, what + " exp_avg");
                            assertSameBits(adam.state().get("exp_avg_sq.w"), v, what + " exp_avg_sq");
                        }
                    }
                }
            }
        }
    }

    @Test
    void sgdUpdateGivesTheBitsOfSgdForEveryDecayRuleAndMomentum() {
        for (Kernels k : new Kernels[] {Kernels.plain(), Kernels.vector()}) {
            for (WeightDecay decay : WeightDecay.values()) {
                for (double momentum : new double[] {0, 0.9}) {
                    for (boolean nesterov : new boolean[] {false, true}) {
                        for (int size : SIZES) {
                            Rng rng = new Rng(size * 17 + decay.ordinal());
                            Param p = new Param("w", size);
                            System.arraycopy(gaussian(rng, size, 1), 0, p.data(), 0, size);
                            float[] w = p.data().clone();
                            float[] b = momentum != 0 ? new float[size] : null;
                            Sgd sgd = new Sgd(momentum, nesterov, 0.01, decay);
                            float lr = 0.05f;
                            for (int t = 1; t <= 3; t++) {
                                float[] g = gaussian(rng, size, 0.1);
                                System.arraycopy(g, 0, p.grad(), 0, size);
                                sgd.step(List.of(p), lr);
                                k.sgdUpdate(w, g, b, 0, size, new SgdStep(lr, (float) momentum, nesterov, 0.01f,
                                        rule(decay), t == 1));
                                String what = k.describe() + " " + decay + " momentum=" + momentum + " nesterov="
                                        + nesterov + " size=" + size + " step " + t;
                                assertSameBits(p.data(), w, what + " weights");
                                if (b != null) {
                                    assertSameBits(sgd.state().get("momentum_buffer.w"), b, what + " buffer");
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void updatesOnAWindowLeaveTheRestAlone() {
        Rng rng = new Rng(5);
        int size = 3 * L + 7;
        float[] w = gaussian(rng, size, 1), g = gaussian(rng, size, 1);
        float[] m = new float[size], v = new float[size];
        float[] w0 = w.clone();
        AdamStep s = new AdamStep(0.9f, 0.98f, 1e-8f, 1e-3f, 1f, DecayRule.DECOUPLED, 1e-2f, 0.1f);
        Kernels.vector().adamUpdate(w, g, m, v, 2, size - 5, s);
        for (int i : new int[] {0, 1, size - 3, size - 2, size - 1}) {
            assertEquals(w0[i], w[i], "weight " + i + " outside the window");
            assertEquals(0f, m[i], "exp_avg " + i + " outside the window");
        }
    }
}
