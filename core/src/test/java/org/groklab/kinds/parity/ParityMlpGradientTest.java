package org.groklab.kinds.parity;

import org.groklab.math.Kernels;
import org.groklab.data.Batch;
import org.groklab.model.Model;
import org.groklab.model.Param;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.groklab.math.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * ParityMlp's backward against float64 central finite differences of an independent float64 forward written here
 * from its Javadoc, f(x) = W2 · relu(W1 [x, 1?] + b1?), never by calling the model. The scalar checked is
 * L = Σ_i r_i f(x_i) for fixed random r, so backward(r) must give dL/dparam for every parameter entry.
 */
class ParityMlpGradientTest {
    private static final int N_BITS = 6;
    private static final int ROWS = 9;

    private static Batch batch() {
        Rng rng = new Rng(42);
        float[] x = new float[ROWS * N_BITS];
        int[] labels = new int[ROWS];
        for (int i = 0; i < x.length; i++) {
            x[i] = (rng.nextLong() & 1) == 1 ? 1f : -1f;
        }
        return Batch.ofFeatures(N_BITS, x, labels);
    }

    /** The float64 forward: outputs and (for the kink check) pre-activations. */
    private static double[][] forward64(Map<String, double[]> w, Batch b, int width, boolean inputOne) {
        int d = N_BITS + (inputOne ? 1 : 0);
        double[] w1 = w.get("W1");
        double[] b1 = w.get("b1");
        double[] w2 = w.get("W2");
        double[] pre = new double[ROWS * width];
        double[] y = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < width; j++) {
                double s = b1 == null ? 0 : b1[j];
                for (int c = 0; c < d; c++) {
                    double xc = c < N_BITS ? b.features()[i * N_BITS + c] : 1.0;
                    s += w1[j * d + c] * xc;
                }
                pre[i * width + j] = s;
                y[i] += w2[j] * Math.max(0, s);
            }
        }
        return new double[][] {y, pre};
    }

    private static Map<String, double[]> toDouble(Model model) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Param p : model.params()) {
            double[] d = new double[p.size()];
            for (int i = 0; i < d.length; i++) {
                d[i] = p.data()[i];
            }
            out.put(p.name(), d);
        }
        return out;
    }

    @ParameterizedTest(name = "width={0} hiddenBias={1} inputOne={2}")
    @CsvSource({"5,true,false", "4,false,true", "3,true,true", "2,true,false"})
    void backwardMatchesFloat64FiniteDifferences(int width, boolean hiddenBias, boolean inputOne) {
        Batch batch = batch();
        ParityMlp model = null;
        for (long seed = 1; seed < 300 && model == null; seed++) {
            ParityMlp m = new ParityMlp(N_BITS, width, hiddenBias, inputOne, Kernels.vector());
            m.initialize(new Rng(seed));
            double minAbs = Arrays.stream(forward64(toDouble(m), batch, width, inputOne)[1]).map(Math::abs).min()
                    .orElse(0);
            if (minAbs > 1e-3) {
                model = m; // every pre-activation away from the ReLU kink
            }
        }
        assertTrue(model != null, "no seed keeps the pre-activations away from 0");
        List<String> expected = hiddenBias ? List.of("W1", "b1", "W2") : List.of("W1", "W2");
        assertEquals(expected, model.params().stream().map(Param::name).toList(), "parameters");
        assertEquals(List.of(width, N_BITS + (inputOne ? 1 : 0)), List.of(model.w1().shape()[0],
                model.w1().shape()[1]), "W1 shape [width x inputs(+1)]");

        Map<String, double[]> w = toDouble(model);
        float[] y32 = model.forward(batch);
        double[] y64 = forward64(w, batch, width, inputOne)[0];
        double yScale = Arrays.stream(y64).map(Math::abs).max().orElse(0);
        assertTrue(yScale > 1e-3, "outputs all ~0: the check would be void");
        for (int i = 0; i < ROWS; i++) {
            assertEquals(y64[i], y32[i], 1e-5 * (1 + yScale), "forward output " + i);
        }

        Rng rng = new Rng(7);
        float[] r = new float[ROWS];
        for (int i = 0; i < ROWS; i++) {
            r[i] = (float) rng.nextGaussian();
        }
        for (Param p : model.params()) {
            Arrays.fill(p.grad(), 99f); // stale values must be overwritten
        }
        model.forward(batch);
        model.backward(r.clone());
        double gScale = 0;
        Map<String, double[]> fd = new LinkedHashMap<>();
        for (Param p : model.params()) {
            double[] wp = w.get(p.name());
            double[] g = new double[wp.length];
            for (int i = 0; i < wp.length; i++) {
                double orig = wp[i];
                double h = 1e-6 * Math.max(1, Math.abs(orig));
                wp[i] = orig + h;
                double lp = dot(forward64(w, batch, width, inputOne)[0], r);
                wp[i] = orig - h;
                double lm = dot(forward64(w, batch, width, inputOne)[0], r);
                wp[i] = orig;
                g[i] = (lp - lm) / (2 * h);
                gScale = Math.max(gScale, Math.abs(g[i]));
            }
            fd.put(p.name(), g);
        }
        assertTrue(gScale > 1e-3, "finite-difference gradients all ~0");
        int checked = 0;
        for (Param p : model.params()) {
            double[] want = fd.get(p.name());
            for (int i = 0; i < want.length; i++) {
                double tol = 1e-5 * gScale + 1e-4 * Math.abs(want[i]);
                double diff = Math.abs(p.grad()[i] - want[i]);
                if (!(diff <= tol)) {
                    fail("d/d" + p.name() + "[" + i + "] backward=" + p.grad()[i] + " finite-difference=" + want[i]
                            + " |diff|=" + diff + " tol=" + tol);
                }
                checked++;
            }
        }
        assertEquals(model.parameterCount(), checked, "entries checked");
    }

    private static double dot(double[] y, float[] r) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += y[i] * r[i];
        }
        return s;
    }

    @ParameterizedTest(name = "inputs={0} width={1}")
    @CsvSource({"50,500", "30,64"})
    void initIsPyTorchsUniformInPlusMinusOneOverSqrtFanIn(int inputs, int width) {
        ParityMlp m = new ParityMlp(inputs, width, true, false, Kernels.vector());
        m.initialize(new Rng(0));
        double b1 = 1 / Math.sqrt(inputs);
        double b2 = 1 / Math.sqrt(width);
        for (float v : m.w1().data()) {
            assertTrue(Math.abs(v) <= b1, "W1 entry " + v + " outside ±" + b1);
        }
        for (float v : m.b1().data()) {
            assertTrue(Math.abs(v) <= b1, "b1 entry " + v + " outside ±" + b1);
        }
        for (float v : m.w2().data()) {
            assertTrue(Math.abs(v) <= b2, "W2 entry " + v + " outside ±" + b2);
        }
        // uniform: variance bound² / 3
        double var = 0;
        for (float v : m.w1().data()) {
            var += v * v;
        }
        var /= m.w1().size();
        assertEquals(b1 * b1 / 3, var, 0.1 * b1 * b1 / 3, "variance of W1 (uniform: bound²/3)");
    }
}
