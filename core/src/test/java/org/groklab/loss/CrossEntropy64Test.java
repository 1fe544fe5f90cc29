package org.groklab.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.groklab.data.Targets;
import org.groklab.math.Rng;
import org.junit.jupiter.api.Test;

/** The float64 cross-entropy: its value against the float32 one, its gradient against central differences. */
class CrossEntropy64Test {
    private static final int N = 4;
    private static final int C = 5;
    private static final int[] LABELS = {0, 3, 4, 3};

    @Test
    void float64LossAndGradientAgreeWithTheFloat32LossAndFiniteDifferences() {
        Rng rng = Rng.stream(5, "logits");
        double[] out = new double[N * C];
        float[] out32 = new float[N * C];
        for (int i = 0; i < out.length; i++) {
            out32[i] = (float) (3 * rng.nextGaussian());
            out[i] = out32[i];
        }
        for (Loss.Reduction r : Loss.Reduction.values()) {
            CrossEntropy ce = new CrossEntropy(r);
            Targets t = new Targets.Classes(LABELS);
            double[] grad = new double[out.length];
            double loss = ce.evaluate64(out, t, N, C, grad);
            assertEquals(ce.evaluate(out32, t, N, C, null), loss, 1e-6 * loss, r.name());
            double h = 1e-6;
            for (int i = 0; i < out.length; i++) {
                double keep = out[i];
                out[i] = keep + h;
                double up = ce.evaluate64(out, t, N, C, null);
                out[i] = keep - h;
                double down = ce.evaluate64(out, t, N, C, null);
                out[i] = keep;
                assertEquals((up - down) / (2 * h), grad[i], 1e-8, r + " logit " + i);
            }
        }
    }
}
