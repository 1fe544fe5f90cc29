package org.groklab.kinds.modular.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.groklab.data.Batch;
import org.groklab.math.Kernels;
import org.groklab.math.Kernels64;
import org.groklab.math.Rng;
import org.groklab.model.Param;
import org.groklab.model.Precision;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The float64 PAIR model: its backward pass against float64 central finite differences of its forward pass, its
 * forward pass against the float32 model's on the same weights, and PAIR's mix (float32 embedding) against the
 * all-float64 model: the same gradients for H and O to the bit, E's rounded to float32.
 */
class PairMlp64Test {
    private static final int P = 5;
    private static final int D = 4;
    private static final int W = 3;
    /** Tokens with repeats and with a == b. */
    private static final int[] TOKENS = {0, 0, 1, 3, 3, 1, 4, 4, 2, 3, 1, 3, 0, 4, 2, 2};
    private static final int N = TOKENS.length / 2;

    private static Batch batch() {
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) {
            labels[i] = (TOKENS[2 * i] + TOKENS[2 * i + 1]) % P;
        }
        return Batch.ofTokens(2, TOKENS.clone(), labels);
    }

    private static PairMlp64 model(boolean tied, Precision embedding) {
        PairMlp64 m = new PairMlp64(P, D, W, tied, embedding, Kernels64.plain());
        m.initialize(Rng.stream(3, "init"));
        return m;
    }

    private static double[] weights(int len) {
        double[] r = new double[len];
        Rng rng = Rng.stream(4, "weights");
        for (int i = 0; i < len; i++) {
            r[i] = rng.nextGaussian();
        }
        return r;
    }

    private static double objective(PairMlp64 m, double[] r) {
        double[] out = m.forward64(batch());
        double s = 0;
        for (int i = 0; i < out.length; i++) {
            s += r[i] * out[i];
        }
        return s;
    }

    @ParameterizedTest(name = "tied={0}")
    @ValueSource(booleans = {true, false})
    void float64GradientsMatchCentralDifferences(boolean tied) {
        PairMlp64 m = model(tied, Precision.FLOAT64);
        double[] r = weights(N * P);
        m.forward64(batch());
        float[] pre = m.hidden(batch()).get("pre");
        for (float z : pre) {
            assertTrue(Math.abs(z) > 1e-3, "no pre-activation at a ReLU kink: " + z);
        }
        m.forward64(batch());
        m.backward64(r);
        double h = 1e-6;
        int checked = 0;
        for (Param p : m.params()) {
            double[] v = p.values64();
            double[] g = p.grad64().clone();
            for (int i = 0; i < v.length; i++) {
                double keep = v[i];
                v[i] = keep + h;
                double up = objective(m, r);
                v[i] = keep - h;
                double down = objective(m, r);
                v[i] = keep;
                double fd = (up - down) / (2 * h);
                assertEquals(fd, g[i], 1e-7 * Math.max(1, Math.abs(fd)), p + "[" + i + "]");
                checked++;
            }
        }
        assertEquals(tied ? P * D + 2 * D * W : 2 * P * D + 2 * D * W, checked);
    }

    @Test
    void float64ForwardIsTheFloat32ModelsForward() {
        PairMlp64 wide = model(true, Precision.FLOAT64);
        PairMlp narrow = new PairMlp(P, D, W, true, false, false, Kernels.plain());
        for (Param p : narrow.params()) {
            System.arraycopy(wide.param(p.name()).data(), 0, p.data(), 0, p.size());
        }
        double[] out64 = wide.forward64(batch());
        float[] out32 = narrow.forward(batch());
        for (int i = 0; i < out32.length; i++) {
            assertEquals(out32[i], out64[i], 1e-5 * Math.max(1, Math.abs(out64[i])), "logit " + i);
        }
        assertArrayEquals(narrow.inputMap(), wide.inputMap(), 1e-5f);
        assertArrayEquals(narrow.outputMap(), wide.outputMap(), 1e-5f);
    }

    @ParameterizedTest(name = "tied={0}")
    @ValueSource(booleans = {true, false})
    void pairsMixKeepsTheEmbeddingFloat32AndEverythingElseFloat64(boolean tied) {
        PairMlp64 mixed = model(tied, Precision.FLOAT32);
        PairMlp64 wide = model(tied, Precision.FLOAT64);
        assertEquals(Precision.FLOAT32, mixed.param("E").precision());
        assertEquals(Precision.FLOAT64, mixed.param("H").precision());
        assertEquals(Precision.FLOAT64, mixed.param("O").precision());
        // the same draws: E rounded to float32 in the mix; give the float64 model exactly those values
        for (Param p : mixed.params()) {
            Param q = wide.param(p.name());
            if (p.isFloat64()) {
                assertArrayEquals(q.values64(), p.values64(), p.name());
            } else {
                for (int i = 0; i < p.size(); i++) {
                    assertEquals((float) q.values64()[i], p.data()[i], p.name() + "[" + i + "]");
                    q.values64()[i] = p.data()[i];
                }
            }
        }
        double[] r = weights(N * P);
        assertArrayEquals(wide.forward64(batch()), mixed.forward64(batch()));
        wide.backward64(r);
        mixed.backward64(r);
        assertArrayEquals(wide.param("H").grad64(), mixed.param("H").grad64());
        assertArrayEquals(wide.param("O").grad64(), mixed.param("O").grad64());
        for (String name : tied ? new String[] {"E"} : new String[] {"E", "U"}) {
            double[] exact = wide.param(name).grad64();
            float[] rounded = mixed.param(name).grad();
            double scale = 0;
            for (double g : exact) {
                scale = Math.max(scale, Math.abs(g));
            }
            for (int i = 0; i < exact.length; i++) {
                // each use's gradient rounded to float32, then up to two float32 additions
                assertEquals(exact[i], rounded[i], 4 * Math.ulp((float) scale), name + "[" + i + "]");
            }
        }
    }
}
