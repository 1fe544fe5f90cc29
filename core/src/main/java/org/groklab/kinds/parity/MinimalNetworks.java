package org.groklab.kinds.parity;

import org.groklab.math.Kernels;

/**
 * The thesis's hand-built parity networks (shared/seeds/003, Chapter 4), as ordinary {@link ParityMlp}s over ±1
 * inputs whose weights on the n − k irrelevant bits are 0:
 * <ul>
 *   <li>{@link #patterns}: Proposition 4.1 (after Merrill et al.), 2^k neurons, one per pattern s of the first k
 *       bits: h_s = relu(s · x_[k] − (k − 1)), which is 1 when x_[k] = s and 0 otherwise, read out with weight
 *       prod(s) (the parity of the pattern), so that f(x) = the parity itself, ±1, margin 1;</li>
 *   <li>{@link #twoNeuron}: Section 4.2.1, for (n, 2): h1 = relu(0.5 x1 + 0.5 x2), h2 = relu(−0.5 x1 − 0.5 x2),
 *       y = h1 + h2: 1 when x1 = x2 (product +1), 0 otherwise, classified positive when y &gt; 0.</li>
 * </ul>
 */
public final class MinimalNetworks {
    private MinimalNetworks() {
    }

    /** Proposition 4.1: 2^k neurons that compute (n, k)-parity exactly. */
    public static ParityMlp patterns(int n, int k) {
        int width = 1 << k;
        ParityMlp m = new ParityMlp(n, width, true, false, Kernels.preferred());
        float[] w1 = m.w1().data();
        float[] b1 = m.b1().data();
        float[] w2 = m.w2().data();
        java.util.Arrays.fill(w1, 0f);
        for (int s = 0; s < width; s++) {
            int negatives = 0;
            for (int j = 0; j < k; j++) {
                boolean plus = ((s >>> (k - 1 - j)) & 1) == 1;
                w1[s * n + j] = plus ? 1f : -1f;
                if (!plus) {
                    negatives++;
                }
            }
            b1[s] = -(k - 1);
            w2[s] = negatives % 2 == 0 ? 1f : -1f;
        }
        return m;
    }

    /** Section 4.2.1: two neurons for (n, 2)-parity, weights ±{@code a} on x1 and x2, readout {@code u} each. */
    public static ParityMlp twoNeuron(int n, float a, float u) {
        if (n < 2) {
            throw new IllegalArgumentException("(n, 2)-parity needs n >= 2, got " + n);
        }
        ParityMlp m = new ParityMlp(n, 2, true, false, Kernels.preferred());
        float[] w1 = m.w1().data();
        java.util.Arrays.fill(w1, 0f);
        java.util.Arrays.fill(m.b1().data(), 0f);
        w1[0] = a;
        w1[1] = a;
        w1[n] = -a;
        w1[n + 1] = -a;
        m.w2().data()[0] = u;
        m.w2().data()[1] = u;
        return m;
    }

    /** The thesis's construction: weights 0.5, readout 1. */
    public static ParityMlp twoNeuron(int n) {
        return twoNeuron(n, 0.5f, 1f);
    }
}
