package org.groklab.kinds.modular.construct;

import org.groklab.math.Kernels;
import org.groklab.model.Activation;
import org.groklab.kinds.modular.model.GromovMlp;
import org.groklab.model.Param;

/**
 * Gromov's analytic solution for the quadratic model (Gromov 2023, reproduced in shared/seeds/001) as weights of
 * a {@link GromovMlp}: y = W2 (W1 x / sqrt(M))^2 / p. Each hidden neuron has one frequency k and two phases:
 * <pre>
 * W1[j, a]     = cos(2 pi k a / p + alpha)        (the a-block)
 * W1[j, p + b] = cos(2 pi k b / p + beta)         (the b-block)
 * W2[q, j]     = B cos(2 pi k q / p + alpha + beta)
 * </pre>
 * Squaring the pre-activation gives a term cos(2 pi k (a + b) / p + alpha + beta), which W2 turns into
 * cos(2 pi k (a + b - q) / p); the other terms carry alpha or beta alone. Gromov draws the phases at random, so
 * those terms cancel only on average over many neurons; here every frequency k = 1..(p-1)/2 gets the nine
 * phase pairs (alpha, beta) on a 3 x 3 grid of multiples of 2 pi / 3, which cancels them exactly. Summed over
 * all frequencies, sum_k cos(2 pi k m / p) = (p [m = 0] - 1) / 2, so with B = 4M/9 the output is
 * one-hot(a + b) - 1/p; one more neuron (a constant a-block 1, b-block 0, W2 column M) adds the 1/p back. The
 * model outputs one-hot(a + b mod p) exactly (up to float rounding): 100% accuracy and zero MSE, with
 * M = 9 (p - 1) / 2 + 1 neurons.
 */
public final class QuadraticConstruction {
    private QuadraticConstruction() {
    }

    /** The number of hidden neurons of the construction for an odd modulus p. */
    public static int width(int p) {
        return 9 * ((p - 1) / 2) + 1;
    }

    /** The constructed model for modular addition over Z_p, p odd. */
    public static GromovMlp build(int p) {
        if (p < 3 || p % 2 == 0) {
            throw new IllegalArgumentException("the quadratic construction needs an odd modulus p >= 3, got " + p);
        }
        int m = width(p);
        GromovMlp model = new GromovMlp(p, m, 1, Activation.QUADRATIC, Kernels.preferred());
        Param w1 = model.param("W1");
        Param w2 = model.param("W2");
        float[] a = w1.data();
        float[] o = w2.data();
        double outScale = 4.0 * m / 9;
        int j = 0;
        for (int k = 1; k <= (p - 1) / 2; k++) {
            for (int i = 0; i < 3; i++) {
                for (int l = 0; l < 3; l++) {
                    double alpha = 2 * Math.PI * i / 3;
                    double beta = 2 * Math.PI * l / 3;
                    for (int x = 0; x < p; x++) {
                        double angle = 2 * Math.PI * ((long) k * x % p) / p;
                        a[j * 2 * p + x] = (float) Math.cos(angle + alpha);
                        a[j * 2 * p + p + x] = (float) Math.cos(angle + beta);
                        o[x * m + j] = (float) (outScale * Math.cos(angle + alpha + beta));
                    }
                    j++;
                }
            }
        }
        // the constant neuron: h = (1 / sqrt(M))^2 = 1 / M for every input; W2 column M adds 1/p to every output
        for (int x = 0; x < p; x++) {
            a[j * 2 * p + x] = 1f;
            o[x * m + j] = m;
        }
        return model;
    }
}
