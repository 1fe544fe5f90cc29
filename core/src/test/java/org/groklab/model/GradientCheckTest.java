package org.groklab.model;

import org.groklab.kinds.modular.model.GromovMlp;
import org.groklab.kinds.modular.model.PairMlp;

import org.groklab.math.Kernels;
import org.groklab.data.Batch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.groklab.math.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every backward pass against float64 central finite differences of an independent float64 forward written here
 * from the models' documented formulas (never by calling the model). The scalar checked is
 * L = Σ_i Σ_c R[i,c]·out[i,c] for a fixed random R, so backward(R) must return dL/dparam.
 */
class GradientCheckTest {
    private static final int P = 5;

    /** Tokens with repeats and with a == b: (0,0) (1,3) (3,1) (4,4) (2,3) (1,3) (0,4) (2,2). */
    private static final int[] TOKENS = {0, 0, 1, 3, 3, 1, 4, 4, 2, 3, 1, 3, 0, 4, 2, 2};
    private static final int N = TOKENS.length / 2;

    private static Batch batch() {
        int[] labels = new int[N];
        for (int i = 0; i < N; i++) {
            labels[i] = (TOKENS[2 * i] + TOKENS[2 * i + 1]) % P;
        }
        return Batch.ofTokens(2, TOKENS.clone(), labels);
    }

    /** A float64 forward of a model's math: outputs [N × P] from named float64 parameters. */
    private interface Forward64 {
        double[] outputs(Map<String, double[]> w);
    }

    /** Pre-activations (for kink checks) of the float64 forward. */
    private interface PreActivations64 {
        List<double[]> pre(Map<String, double[]> w);
    }

    // ---------------------------------------------------------------- PairMlp, from its Javadoc

    /**
     * W_in = E H (or the trained W_in), W_out = O Uᵀ with U = E when tied (or the trained W_out),
     * pre = W_in[a] + W_in[b], h = ReLU(pre), logits = h W_out.
     */
    private static final class Pair64 implements Forward64, PreActivations64 {
        final int p, d, w;
        final boolean tied, collapsedHidden, collapsedOutput;

        Pair64(int p, int d, int w, boolean tied, boolean collapsedHidden, boolean collapsedOutput) {
            this.p = p;
            this.d = d;
            this.w = w;
            this.tied = tied;
            this.collapsedHidden = collapsedHidden;
            this.collapsedOutput = collapsedOutput;
        }

        double[] win(Map<String, double[]> m) {
            if (collapsedHidden) {
                return m.get("W_in");
            }
            double[] e = m.get("E"), h = m.get("H");
            double[] out = new double[p * w];
            for (int t = 0; t < p; t++) {
                for (int j = 0; j < w; j++) {
                    double s = 0;
                    for (int l = 0; l < d; l++) {
                        s += e[t * d + l] * h[l * w + j];
                    }
                    out[t * w + j] = s;
                }
            }
            return out;
        }

        double[] wout(Map<String, double[]> m) {
            if (collapsedOutput) {
                return m.get("W_out");
            }
            double[] o = m.get("O");
            double[] u = tied ? m.get("E") : m.get("U");
            double[] out = new double[w * p];
            for (int j = 0; j < w; j++) {
                for (int c = 0; c < p; c++) {
                    double s = 0;
                    for (int l = 0; l < d; l++) {
                        s += o[j * d + l] * u[c * d + l];
                    }
                    out[j * p + c] = s;
                }
            }
            return out;
        }

        @Override
        public List<double[]> pre(Map<String, double[]> m) {
            double[] win = win(m);
            double[] pre = new double[N * w];
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < w; j++) {
                    pre[i * w + j] = win[TOKENS[2 * i] * w + j] + win[TOKENS[2 * i + 1] * w + j];
                }
            }
            return List.of(pre);
        }

        @Override
        public double[] outputs(Map<String, double[]> m) {
            double[] pre = pre(m).get(0);
            double[] wout = wout(m);
            double[] y = new double[N * p];
            for (int i = 0; i < N; i++) {
                for (int c = 0; c < p; c++) {
                    double s = 0;
                    for (int j = 0; j < w; j++) {
                        s += Math.max(0, pre[i * w + j]) * wout[j * p + c];
                    }
                    y[i * p + c] = s;
                }
            }
            return y;
        }
    }

    // ---------------------------------------------------------------- GromovMlp, from its Javadoc

    private static double phi(Activation a, double x) {
        return switch (a) {
            case QUADRATIC -> x * x;
            case RELU -> Math.max(0, x);
            case SIN -> Math.sin(x);
            case TANH -> Math.tanh(x);
            case IDENTITY -> x;
        };
    }

    /**
     * x = [onehot(a), onehot(b)], z = phi(W1 x / sqrt(M)), (z2 = phi(W_mid z / sqrt(M))), y = W2 z / N with W1
     * [M × 2N], W_mid [M × M], W2 [N × M] (N = p here).
     */
    private static final class Gromov64 implements Forward64, PreActivations64 {
        final int p, m, layers;
        final Activation act;

        Gromov64(int p, int m, int layers, Activation act) {
            this.p = p;
            this.m = m;
            this.layers = layers;
            this.act = act;
        }

        @Override
        public List<double[]> pre(Map<String, double[]> w) {
            double[] w1 = w.get("W1");
            double s = 1 / Math.sqrt(m);
            double[] pre1 = new double[N * m];
            for (int i = 0; i < N; i++) {
                int a = TOKENS[2 * i], b = TOKENS[2 * i + 1];
                for (int j = 0; j < m; j++) {
                    // W1 x: x has a 1 at column a and a 1 at column p + b
                    pre1[i * m + j] = (w1[j * 2 * p + a] + w1[j * 2 * p + p + b]) * s;
                }
            }
            if (layers == 1) {
                return List.of(pre1);
            }
            double[] wm = w.get("W_mid");
            double[] pre2 = new double[N * m];
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < m; j++) {
                    double t = 0;
                    for (int l = 0; l < m; l++) {
                        t += wm[j * m + l] * phi(act, pre1[i * m + l]);
                    }
                    pre2[i * m + j] = t * s;
                }
            }
            return List.of(pre1, pre2);
        }

        @Override
        public double[] outputs(Map<String, double[]> w) {
            List<double[]> pres = pre(w);
            double[] top = pres.get(pres.size() - 1);
            double[] w2 = w.get("W2");
            double[] y = new double[N * p];
            for (int i = 0; i < N; i++) {
                for (int c = 0; c < p; c++) {
                    double t = 0;
                    for (int j = 0; j < m; j++) {
                        t += w2[c * m + j] * phi(act, top[i * m + j]);
                    }
                    y[i * p + c] = t / p;
                }
            }
            return y;
        }
    }

    // ---------------------------------------------------------------- the check

    private static Map<String, double[]> toDouble(Model model) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Param param : model.params()) {
            float[] f = param.data();
            double[] d = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                d[i] = f[i];
            }
            out.put(param.name(), d);
        }
        return out;
    }

    private static double dot(double[] y, float[] r) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            s += y[i] * r[i];
        }
        return s;
    }

    private static double minAbs(List<double[]> xs) {
        double min = Double.POSITIVE_INFINITY;
        for (double[] x : xs) {
            for (double v : x) {
                min = Math.min(min, Math.abs(v));
            }
        }
        return min;
    }

    /**
     * Finds the first seed (from {@code seed0}) whose initialisation keeps every pre-activation at least 1e-3 away
     * from the ReLU kink, so that neither float32 rounding nor the finite-difference step can cross it.
     */
    private static Model initAwayFromKinks(java.util.function.Supplier<Model> make, PreActivations64 f64,
                                           long seed0, boolean relu) {
        for (long seed = seed0; seed < seed0 + 200; seed++) {
            Model model = make.get();
            if (model instanceof PairMlp pm) {
                pm.initialize(new Rng(seed));
            } else {
                ((GromovMlp) model).initialize(new Rng(seed));
            }
            if (!relu || minAbs(f64.pre(toDouble(model))) > 1e-3) {
                return model;
            }
        }
        throw new AssertionError("no seed in [" + seed0 + ", " + (seed0 + 200) + ") keeps pre-activations away "
                + "from 0");
    }

    private static void check(String label, Model model, Forward64 f64, long rSeed) {
        Batch batch = batch();
        assertEquals(P, model.outputs(), label + ": outputs");
        Rng rng = new Rng(rSeed);
        float[] r = new float[N * P];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) rng.nextGaussian();
        }
        Map<String, double[]> w = toDouble(model);

        // 1. float32 forward against the float64 forward
        float[] y32 = model.forward(batch);
        double[] y64 = f64.outputs(w);
        assertEquals(y64.length, y32.length, label + ": output length");
        double yScale = 0;
        for (double v : y64) {
            yScale = Math.max(yScale, Math.abs(v));
        }
        assertTrue(yScale > 1e-3, label + ": outputs are all ~0 (max |y| = " + yScale + "), the check would be void");
        for (int i = 0; i < y32.length; i++) {
            double diff = Math.abs(y32[i] - y64[i]);
            assertTrue(diff <= 1e-4 * yScale + 1e-4 * Math.abs(y64[i]), label + ": forward output " + i + " float32="
                    + y32[i] + " float64=" + y64[i] + " |diff|=" + diff + " (max |y| " + yScale + ")");
        }

        // 2. backward(R) against central differences of L = Σ R·y in float64
        for (Param param : model.params()) {
            Arrays.fill(param.grad(), 123.5f); // stale values must be overwritten, not accumulated
        }
        model.forward(batch);
        model.backward(r.clone());
        Map<String, double[]> fd = new LinkedHashMap<>();
        double gScale = 0;
        for (Param param : model.params()) {
            double[] wp = w.get(param.name());
            double[] g = new double[wp.length];
            for (int i = 0; i < wp.length; i++) {
                double orig = wp[i];
                double h = 1e-6 * Math.max(1, Math.abs(orig));
                wp[i] = orig + h;
                double lp = dot(f64.outputs(w), r);
                wp[i] = orig - h;
                double lm = dot(f64.outputs(w), r);
                wp[i] = orig;
                g[i] = (lp - lm) / (2 * h);
                gScale = Math.max(gScale, Math.abs(g[i]));
            }
            fd.put(param.name(), g);
        }
        assertTrue(gScale > 1e-3, label + ": all finite-difference gradients ~0 (max " + gScale + ")");
        int checked = 0;
        for (Param param : model.params()) {
            float[] got = param.grad();
            double[] want = fd.get(param.name());
            double pScale = 0;
            for (double v : want) {
                pScale = Math.max(pScale, Math.abs(v));
            }
            for (int i = 0; i < want.length; i++) {
                // float32 backward vs exact gradient: rounding is ~1e-7..1e-6 of the terms (measured worst: 3e-4
                // of this tolerance); any missing term, factor or transposition is orders of magnitude larger
                double tol = 1e-5 * gScale + 1e-4 * Math.abs(want[i]);
                double diff = Math.abs(got[i] - want[i]);
                if (!(diff <= tol)) {
                    fail(label + ": d/d" + param.name() + Arrays.toString(param.shape()) + "[" + i + "] backward="
                            + got[i] + " finite-difference=" + want[i] + " |diff|=" + diff + " tol=" + tol
                            + " (max |fd| of " + param.name() + " " + pScale + ", overall " + gScale + ")");
                }
                checked++;
            }
        }
        assertEquals(model.parameterCount(), checked, label + ": entries checked");
    }

    // ---------------------------------------------------------------- variants

    static Stream<Arguments> pairVariants() {
        return Stream.of(
                Arguments.of(true, false, false),
                Arguments.of(false, false, false),
                Arguments.of(false, true, false),
                Arguments.of(true, false, true),
                Arguments.of(false, true, true));
    }

    @ParameterizedTest(name = "tied={0} collapsedHidden={1} collapsedOutput={2}")
    @MethodSource("pairVariants")
    void pairMlpBackwardMatchesFloat64FiniteDifferences(boolean tied, boolean collapsedHidden,
                                                        boolean collapsedOutput) {
        int d = 7, width = 3;
        Pair64 f64 = new Pair64(P, d, width, tied, collapsedHidden, collapsedOutput);
        Model model = initAwayFromKinks(() -> new PairMlp(P, d, width, tied, collapsedHidden, collapsedOutput, Kernels.vector()), f64,
                11, true);
        List<String> names = model.params().stream().map(Param::name).toList();
        List<String> expected = new java.util.ArrayList<>();
        if (collapsedHidden) {
            expected.add("W_in");
        } else {
            expected.addAll(List.of("E", "H"));
        }
        if (collapsedOutput) {
            expected.add("W_out");
        } else {
            expected.add("O");
            if (!tied) {
                expected.add("U");
            }
        }
        assertEquals(expected, names, "parameters of the variant");
        check("PairMlp(tied=" + tied + ", collapsedHidden=" + collapsedHidden + ", collapsedOutput="
                + collapsedOutput + ")", model, f64, 77);
    }

    @ParameterizedTest(name = "tied={0} collapsedHidden={1} collapsedOutput={2}")
    @MethodSource("pairVariants")
    void pairMlpBackwardTwiceGivesTheSameGradientsNotTheirSum(boolean tied, boolean collapsedHidden,
                                                              boolean collapsedOutput) {
        PairMlp model = new PairMlp(P, 7, 3, tied, collapsedHidden, collapsedOutput, Kernels.vector());
        model.initialize(new Rng(3));
        float[] r = new float[N * P];
        Rng rng = new Rng(8);
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) rng.nextGaussian();
        }
        model.forward(batch());
        model.backward(r.clone());
        Map<String, float[]> first = new LinkedHashMap<>();
        for (Param param : model.params()) {
            first.put(param.name(), param.grad().clone());
        }
        model.forward(batch());
        model.backward(r.clone());
        for (Param param : model.params()) {
            float[] a = first.get(param.name());
            float[] b = param.grad();
            for (int i = 0; i < a.length; i++) {
                assertEquals(Float.floatToIntBits(a[i]), Float.floatToIntBits(b[i]),
                        param.name() + "[" + i + "]: first backward " + a[i] + ", second " + b[i]);
            }
        }
    }

    static Stream<Arguments> gromovVariants() {
        return Stream.of(Activation.values()).flatMap(a -> Stream.of(Arguments.of(a, 1), Arguments.of(a, 2)));
    }

    @ParameterizedTest(name = "{0} layers={1}")
    @MethodSource("gromovVariants")
    void gromovMlpBackwardMatchesFloat64FiniteDifferences(Activation activation, int layers) {
        int width = 4;
        Gromov64 f64 = new Gromov64(P, width, layers, activation);
        Model model = initAwayFromKinks(() -> new GromovMlp(P, width, layers, activation, Kernels.vector()), f64, 21,
                activation == Activation.RELU);
        List<String> names = model.params().stream().map(Param::name).toList();
        assertEquals(layers == 1 ? List.of("W1", "W2") : List.of("W1", "W_mid", "W2"), names, "parameters");
        assertEquals(layers == 1 ? 3L * width * P : 3L * width * P + (long) width * width, model.parameterCount(),
                "parameter count (3MN, plus M² for the middle layer)");
        check("GromovMlp(" + activation + ", layers=" + layers + ")", model, f64, 99);
    }
}
