package org.groklab.kinds.ctrnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.groklab.math.Kernels;
import org.groklab.math.Rng;
import org.groklab.model.Param;
import org.junit.jupiter.api.Test;

/**
 * Backpropagation through time against float64 central finite differences of an independent float64 forward
 * written here from Eq. 6 and Eq. 7 of Murray's Appendix B (never by calling the model), with the noise off and
 * with fixed noise draws, for both time constants.
 */
class CtrnnGradientTest {
    private static final int N = 6;
    private static final int IN = 4;
    private static final int BATCH = 3;
    private static final int T = 12;
    private static final int K = 3;

    /** Eq. 6 and Eq. 7 in float64: x(0) from the config, outputs z(1..T), mean squared error over the last K, rate penalty. */
    private static double loss64(Map<String, double[]> p, CtrnnConfig c, float[] u, float[] noise, float[] y,
                                 double rateWeight) {
        double a = c.dtMs() / c.tauMs();
        double[] jm = p.get("J");
        double[] bm = p.get("B");
        double[] bias = p.get("b_rec");
        double[] w = p.get("W");
        double bOut = p.get("b_out")[0];
        double total = 0;
        for (int b = 0; b < BATCH; b++) {
            double[] x = new double[N];
            double[] r = new double[N];
            java.util.Arrays.fill(x, c.initialState());
            java.util.Arrays.fill(r, Math.tanh(c.initialState()));
            for (int t = 0; t < T; t++) {
                double[] nx = new double[N];
                for (int i = 0; i < N; i++) {
                    double pre = bias[i];
                    for (int k = 0; k < N; k++) {
                        pre += jm[i * N + k] * r[k];
                    }
                    for (int k = 0; k < IN; k++) {
                        pre += bm[i * IN + k] * u[(b * T + t) * IN + k];
                    }
                    double eta = noise == null ? 0 : noise[(t * BATCH + b) * N + i];
                    nx[i] = (1 - a) * x[i] + a * (pre + eta);
                }
                x = nx;
                double z = bOut;
                for (int i = 0; i < N; i++) {
                    r[i] = Math.tanh(x[i]);
                    z += w[i] * r[i];
                    total += rateWeight * r[i] * r[i];
                }
                if (t >= T - K) {
                    total += (y[b] - z) * (y[b] - z) / (K * BATCH);
                }
            }
        }
        return total;
    }

    private static void check(CtrnnConfig config, boolean withNoise, double rateWeightScale) {
        Ctrnn model = new Ctrnn(config, Kernels.plain(), 3);
        Rng rng = new Rng(42);
        // biases nonzero so that their gradients are exercised away from the initial point
        for (String name : new String[] {"b_rec", "b_out"}) {
            float[] d = model.param(name).data();
            for (int i = 0; i < d.length; i++) {
                d[i] = (float) (0.3 * rng.nextGaussian());
            }
        }
        float[] u = new float[BATCH * T * IN];
        for (int i = 0; i < u.length; i++) {
            u[i] = (i / IN) % 4 == 1 ? (float) rng.nextGaussian() : 0f;
        }
        float[] noise = null;
        if (withNoise) {
            noise = new float[T * BATCH * N];
            CtrnnNoise.fill(rng, noise, noise.length, 0.1);
        }
        float[] y = {1, -1, 1};
        CtrnnLoss loss = new CtrnnLoss(K, config.rateL2() * rateWeightScale, config.dtSeconds(), N, 0.5);
        float[] z = model.forward(u, BATCH, T, noise);
        float[] dz = new float[BATCH * T];
        CtrnnLoss.Value v = loss.evaluate(z, y, BATCH, T, model.sumSquaredRates(), dz);
        float rw = loss.rateWeight(BATCH, T);
        model.backward(dz, rw);
        Map<String, double[]> p64 = new LinkedHashMap<>();
        for (Param p : model.params()) {
            double[] d = new double[p.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = p.data()[i];
            }
            p64.put(p.name(), d);
        }
        double l64 = loss64(p64, config, u, noise, y, rw);
        assertEquals(l64, v.total(), 1e-5 * Math.abs(l64), "float32 loss against the float64 forward");
        double h = 1e-5;
        for (Param p : model.params()) {
            double[] d = p64.get(p.name());
            for (int i = 0; i < d.length; i++) {
                double keep = d[i];
                d[i] = keep + h;
                double up = loss64(p64, config, u, noise, y, rw);
                d[i] = keep - h;
                double down = loss64(p64, config, u, noise, y, rw);
                d[i] = keep;
                double fd = (up - down) / (2 * h);
                double got = p.grad()[i];
                double tol = 2e-4 * Math.abs(fd) + 2e-6;
                assertTrue(Math.abs(got - fd) <= tol, config.tauMs() + " ms, noise " + withNoise + ": d" + p.name()
                        + "[" + i + "] backward " + got + " vs finite difference " + fd);
            }
        }
    }

    private static CtrnnConfig small(double tau) {
        return CtrnnConfig.MURRAY_100MS.withTau(tau).withNeurons(N).withInputDim(IN).withLoss(K, 1e-4);
    }

    @Test
    void gradientsMatchFiniteDifferencesWithoutNoiseTau100() {
        check(small(100), false, 1);
    }

    @Test
    void gradientsMatchFiniteDifferencesWithFixedNoiseTau100() {
        check(small(100), true, 1);
    }

    @Test
    void gradientsMatchFiniteDifferencesWithoutNoiseTau10() {
        check(small(10), false, 1);
    }

    @Test
    void gradientsMatchFiniteDifferencesWithFixedNoiseTau10() {
        check(small(10), true, 1);
    }

    @Test
    void gradientsMatchFiniteDifferencesFromTheAuthorsInitialStateTau10() {
        // x(0) = 1 in every neuron, as the author's published code starts (Flax ones_init carry)
        check(small(10).withInitialState(1), true, 1);
    }

    @Test
    void theRatePenaltyGradientMatchesWhenItDominates() {
        // lambda 1e-4 makes the penalty tiny; a factor 1e6 makes its gradient visible above the tolerance
        check(small(30), true, 1e6);
    }

    @Test
    void vectorAndPlainKernelsGiveTheSameBits() {
        CtrnnConfig c = CtrnnConfig.MURRAY_100MS.withNeurons(37).withInputDim(19);
        int batch = 9;
        int steps = 20;
        Rng rng = new Rng(5);
        float[] u = new float[batch * steps * 19];
        for (int i = 0; i < u.length; i++) {
            u[i] = (float) rng.nextGaussian();
        }
        float[] noise = new float[steps * batch * 37];
        CtrnnNoise.fill(rng, noise, noise.length, 0.1);
        Ctrnn plain = new Ctrnn(c, Kernels.plain(), 8);
        Ctrnn vector = new Ctrnn(c, Kernels.vector(), 8);
        float[] zp = plain.forward(u, batch, steps, noise).clone();
        float[] zv = vector.forward(u, batch, steps, noise).clone();
        assertArrayEquals(zp, zv);
        float[] dz = new float[batch * steps];
        for (int i = 0; i < dz.length; i++) {
            dz[i] = (float) rng.nextGaussian();
        }
        plain.backward(dz, 1e-3f);
        vector.backward(dz, 1e-3f);
        for (int p = 0; p < 5; p++) {
            assertArrayEquals(plain.params().get(p).grad(), vector.params().get(p).grad(),
                    plain.params().get(p).name());
        }
    }

    @Test
    void sparseInputsGiveTheBitsOfTheirDenseForm() {
        CtrnnConfig c = CtrnnConfig.MURRAY_100MS.withNeurons(21).withInputDim(5);
        Ctrnn sparseNet = new Ctrnn(c, Kernels.plain(), 4);
        Ctrnn denseNet = new Ctrnn(c, Kernels.plain(), 4);
        Rng rng = new Rng(9);
        for (int batch : new int[] {7, 3, 11}) { // the buffers grow, then are reused
            int steps = 13;
            int[] starts = new int[batch + 1];
            java.util.List<Integer> at = new java.util.ArrayList<>();
            java.util.List<Float> values = new java.util.ArrayList<>();
            for (int b = 0; b < batch; b++) {
                for (int t = 0; t < steps; t++) {
                    if (rng.nextInt(4) == 0) { // some trials list no step; some listed steps are all zeros
                        at.add(t);
                        boolean zero = rng.nextInt(5) == 0;
                        for (int k = 0; k < 5; k++) {
                            values.add(zero ? 0f : (float) rng.nextGaussian());
                        }
                    }
                }
                starts[b + 1] = at.size();
            }
            float[] v = new float[values.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = values.get(i);
            }
            org.groklab.data.Inputs.SparseSequences x = new org.groklab.data.Inputs.SparseSequences(steps, 5, starts,
                    at.stream().mapToInt(Integer::intValue).toArray(), v);
            float[] noise = new float[steps * batch * 21];
            CtrnnNoise.fill(rng, noise, noise.length, 0.1);
            float[] zs = sparseNet.forward(x, noise).clone();
            float[] zd = denseNet.forward(x.toDense().values(), batch, steps, noise).clone();
            assertArrayEquals(zd, zs, "outputs, batch " + batch);
            assertEquals(denseNet.sumSquaredRates(), sparseNet.sumSquaredRates(), 0.0, "sum of squared rates");
            float[] dz = new float[batch * steps];
            for (int i = 0; i < dz.length; i++) {
                dz[i] = (float) rng.nextGaussian();
            }
            sparseNet.backward(dz, 1e-3f);
            denseNet.backward(dz, 1e-3f);
            for (int p = 0; p < 5; p++) {
                assertArrayEquals(denseNet.params().get(p).grad(), sparseNet.params().get(p).grad(),
                        denseNet.params().get(p).name() + ", batch " + batch);
            }
        }
    }

    @Test
    void glorotUniformHasTheDocumentedLimitsAndZeroBiases() {
        Ctrnn m = new Ctrnn(CtrnnConfig.MURRAY_100MS, Kernels.plain(), 1);
        double[][] expect = {{Math.sqrt(6.0 / 200)}, {Math.sqrt(6.0 / 200)}, {0}, {Math.sqrt(6.0 / 101)}, {0}};
        for (int p = 0; p < 5; p++) {
            float[] d = m.params().get(p).data();
            double max = 0;
            for (float v : d) {
                max = Math.max(max, Math.abs(v));
            }
            double limit = expect[p][0];
            assertTrue(max <= limit && max >= (limit == 0 ? 0 : 0.9 * limit),
                    m.params().get(p).name() + " max |w| " + max + " vs limit " + limit);
        }
        Ctrnn normal = new Ctrnn(CtrnnConfig.MURRAY_100MS.withInit(GlorotInit.NORMAL), Kernels.plain(), 1);
        float[] j = normal.param("J").data();
        double sq = 0;
        for (float v : j) {
            sq += v * v;
        }
        double std = Math.sqrt(sq / j.length);
        assertEquals(Math.sqrt(2.0 / 200), std, 0.05 * Math.sqrt(2.0 / 200), "Glorot-normal std of J");
    }
}
