package org.groklab.kinds.modular.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.groklab.math.Rng;
import org.junit.jupiter.api.Test;

class FourierAnalysisTest {
    private static final double EPS = 1e-10;

    private static double[] wave(int p, int k, double amplitude, double phase) {
        double[] f = new double[p];
        for (int x = 0; x < p; x++) {
            f[x] = amplitude * Math.cos(2 * Math.PI * k * x / p - phase);
        }
        return f;
    }

    @Test
    void pureCosineAtFrequency3WithPhase04HasAllItsPowerThereWithThatPhase() {
        int p = 17;
        FourierBasis.Coefficients c = new FourierBasis(p).transform(wave(p, 3, 2.5, 0.4));
        assertEquals(3, c.dominant());
        assertEquals(0.4, c.phase(3), EPS, "phase");
        assertEquals(1.0, c.share(3), EPS, "share");
        // the frequency-k part is sqrt(2 power / p) cos(2 pi k x / p - phase): power = amplitude^2 p / 2
        assertEquals(2.5 * 2.5 * p / 2, c.power(3), 1e-9);
        assertEquals(0, c.constant(), EPS);
        for (int k = 1; k <= c.frequencies(); k++) {
            if (k != 3) {
                assertEquals(0, c.power(k), EPS, "power at frequency " + k);
            }
        }
    }

    @Test
    void sumOfTwoFrequenciesSplitsItsPowerByAmplitudeSquared() {
        int p = 23;
        double[] f = wave(p, 2, 1.0, 0.0);
        double[] g = wave(p, 5, 3.0, Math.PI / 2); // 3 sin(2 pi 5 x / p)
        for (int x = 0; x < p; x++) {
            f[x] += g[x];
        }
        FourierBasis.Coefficients c = new FourierBasis(p).transform(f);
        assertEquals(5, c.dominant());
        assertEquals(0.9, c.share(5), EPS, "9 / (1 + 9)");
        assertEquals(0.1, c.share(2), EPS);
        assertEquals(Math.PI / 2, c.phase(5), EPS);
        assertEquals(0.0, c.phase(2), EPS);
        assertEquals(0, c.cos(5), 1e-9, "a pure sine has no cosine coefficient");
    }

    @Test
    void constantSignalHasOnlyTheConstantTermAndNoDominantFrequency() {
        int p = 13;
        double[] f = new double[p];
        java.util.Arrays.fill(f, 1.5);
        FourierBasis.Coefficients c = new FourierBasis(p).transform(f);
        assertEquals(1.5 * Math.sqrt(p), c.constant(), EPS);
        assertEquals(0, c.nonConstantPower(), EPS);
        assertEquals(0, c.dominant());
        assertEquals(0, c.share(1));
    }

    @Test
    void coefficientsMatchADirectComplexDftAndParsevalHoldsForOddAndEvenP() {
        for (int p : new int[] {11, 12, 23}) {
            Rng rng = Rng.stream(7, "fourier-test", p);
            double[] f = new double[p];
            double energy = 0;
            for (int x = 0; x < p; x++) {
                f[x] = rng.nextGaussian();
                energy += f[x] * f[x];
            }
            FourierBasis basis = new FourierBasis(p);
            FourierBasis.Coefficients c = basis.transform(f);
            double sum = c.constant() * c.constant();
            for (int k = 1; k <= p / 2; k++) {
                double re = 0;
                double im = 0;
                for (int x = 0; x < p; x++) {
                    re += f[x] * Math.cos(2 * Math.PI * k * x / p);
                    im -= f[x] * Math.sin(2 * Math.PI * k * x / p);
                }
                double scale = 2 * k == p ? Math.sqrt(1.0 / p) : Math.sqrt(2.0 / p);
                assertEquals(scale * re, c.cos(k), 1e-9, "cos coefficient k=" + k + " p=" + p);
                assertEquals(-scale * im, c.sin(k), 1e-9, "sin coefficient k=" + k + " p=" + p);
                sum += c.power(k);
            }
            assertEquals(energy, sum, 1e-9, "Parseval at p=" + p);
            double[] back = basis.inverse(c);
            for (int x = 0; x < p; x++) {
                assertEquals(f[x], back[x], 1e-9, "inverse at x=" + x);
            }
        }
    }

    @Test
    void keepingOneFrequencyRecoversThatWave() {
        int p = 19;
        double[] f = wave(p, 4, 1.2, 1.0);
        double[] g = wave(p, 7, 0.7, -2.0);
        double[] sum = new double[p];
        for (int x = 0; x < p; x++) {
            sum[x] = f[x] + g[x] + 3.0;
        }
        double[] kept = new FourierBasis(p).keep(sum, 4);
        for (int x = 0; x < p; x++) {
            assertEquals(f[x], kept[x], 1e-9);
        }
    }

    @Test
    void giniAndIprOfKnownListsMatchTheirDefinitions() {
        assertEquals(0, Sparsity.gini(new double[] {2, 2, 2, 2}), EPS);
        assertEquals(0.75, Sparsity.gini(new double[] {0, 0, 5, 0}), EPS, "one of four holds all: (n-1)/n");
        assertEquals(0.25, Sparsity.gini(new double[] {4, 1, 3, 2}), EPS, "mean |xi - xj| / (2 mean)");
        assertEquals(0.25, Sparsity.ipr(new double[] {1, 1, 1, 1}), EPS, "uniform: 1/n");
        assertEquals(1.0, Sparsity.ipr(new double[] {0, 3, 0, 0}), EPS, "one value: 1");
        assertEquals((1 + 16) / 25.0, Sparsity.ipr(new double[] {1, 2}), EPS, "(1 + 16) / (1 + 4)^2");
        assertEquals(0, Sparsity.gini(new double[] {0, 0}));
    }

    @Test
    void pureWaveNeuronsAreGroupedIntoTheirFrequenciesWhichBecomeKey() {
        int p = 23;
        int[] freq = {3, 3, 3, 5, 5, 3};
        double[][] a = new double[freq.length][];
        double[][] out = new double[freq.length][];
        for (int j = 0; j < freq.length; j++) {
            a[j] = wave(p, freq[j], 1 + 0.1 * j, 0.3 * j);
            out[j] = wave(p, freq[j], 2, 0.6 * j);
        }
        FourierAnalysis fa = FourierAnalysis.of(List.of(new TokenMatrix("in", TokenMatrix.Role.INPUT, a),
                new TokenMatrix("out", TokenMatrix.Role.OUTPUT, out)), true, new FourierBasis(p));
        assertEquals(List.of(3, 5), fa.keyFrequencies(), "frequency 3 has four neurons, 5 has two");
        assertEquals(1.0, fa.keyWeight(), 1e-9);
        assertEquals(1.0, fa.meanNeuronShare(), 1e-9);
        for (FourierAnalysis.Unit u : fa.units()) {
            assertTrue(u.periodic());
            assertEquals(freq[u.index()], u.frequency());
        }
        FourierAnalysis.Neuron n2 = fa.matrix("in").neurons().get(2);
        assertEquals(0.6, n2.phase(), 1e-9);
        assertEquals(1.0, n2.share(), 1e-9);
        FourierAnalysis.Matrix in = fa.matrix("in");
        double at3 = 1 + 1.1 * 1.1 + 1.2 * 1.2 + 1.5 * 1.5; // squared amplitudes of the frequency-3 neurons
        double q3 = at3 / (at3 + 1.3 * 1.3 + 1.4 * 1.4);
        assertEquals(q3 * q3 + (1 - q3) * (1 - q3), in.ipr(), 1e-9, "IPR: the sum of squared power shares");
        double n3 = Math.sqrt(q3);
        double n5 = Math.sqrt(1 - q3);
        double lo = Math.min(n3, n5);
        double hi = Math.max(n3, n5);
        assertEquals(2 * (10 * lo + 11 * hi) / (11 * (lo + hi)) - 12.0 / 11, in.gini(), 1e-9,
                "Gini of 9 zero and 2 non-zero norms");
        int[] order = fa.neuronOrder();
        assertEquals(List.of(0, 1, 2, 5, 3, 4), java.util.Arrays.stream(order).boxed().toList(),
                "by frequency, then phase");
    }

    @Test
    void gaussianRandomWeightsHaveNoPeriodicNeuronAndNoKeyFrequency() {
        int p = 23;
        Rng rng = Rng.stream(3, "random-weights");
        double[][][] m = new double[3][64][p];
        for (double[][] mat : m) {
            for (double[] row : mat) {
                for (int x = 0; x < p; x++) {
                    row[x] = rng.nextGaussian();
                }
            }
        }
        FourierAnalysis fa = FourierAnalysis.of(List.of(new TokenMatrix("a", TokenMatrix.Role.INPUT_A, m[0]),
                new TokenMatrix("b", TokenMatrix.Role.INPUT_B, m[1]),
                new TokenMatrix("out", TokenMatrix.Role.OUTPUT, m[2])), true, new FourierBasis(p));
        assertEquals(List.of(), fa.keyFrequencies());
        assertTrue(fa.periodicWeight() < 0.05, "periodic weight " + fa.periodicWeight());
        assertTrue(fa.meanNeuronShare() < 0.3, "mean share " + fa.meanNeuronShare());
        for (FourierAnalysis.Matrix mat : fa.matrices()) {
            assertTrue(mat.gini() < 0.2, mat.name() + " Gini " + mat.gini());
            assertTrue(mat.ipr() < 2.0 / 11, mat.name() + " IPR " + mat.ipr());
        }
        assertFalse(fa.units().isEmpty());
    }
}
