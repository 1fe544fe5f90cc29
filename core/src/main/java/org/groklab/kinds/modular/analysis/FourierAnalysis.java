package org.groklab.kinds.modular.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.groklab.model.Model;

/**
 * The discrete Fourier transform over Z_p of every weight matrix of a model along its token axis
 * ({@link TokenMatrix}), and what it says about the model.
 *
 * <p><b>Per matrix and neuron</b>: the coefficients ({@link FourierBasis}), the dominant frequency (largest power
 * among 1..floor(p/2)), its phase and the share of the neuron's non-constant power it holds. <b>Per matrix</b>:
 * the power of each frequency summed over neurons (the spectrum), and two sparsity measures of its norms
 * sqrt(power): the Gini coefficient and the inverse participation ratio ({@link Sparsity}); and the mean over
 * neurons of each neuron's own IPR (Doshi et al.'s per-neuron measure), weighted by the neuron's power.
 *
 * <p><b>Per hidden neuron, across matrices</b> (one hidden layer only): each matrix's power is divided by that
 * matrix's total non-constant power, so input and output maps count alike whatever their scale, and the
 * neuron's normalized power is summed over its matrices and divided by their number. A neuron's <em>weight</em>
 * is its share of the model's (normalized) power, its <em>frequency</em> the one with the largest summed power
 * and its <em>share</em> that frequency's part of its power. A neuron is <em>periodic</em> when its share is at
 * least {@value #PERIODIC_SHARE}.
 *
 * <p><b>Key frequencies</b>: frequency k is key when the periodic neurons of frequency k together weigh at least
 * 1/(2K) of the model, K = floor(p/2) (half of what each frequency would weigh if every neuron were periodic and
 * the frequencies shared the model equally). A model that learned the Fourier algorithm has periodic neurons
 * grouped by frequency: PAIR's cross-entropy MLP uses a handful of frequencies; Gromov's MSE model, whose target
 * (a one-hot vector) contains every frequency equally, uses them all, each neuron at one. A random network or
 * one that memorized a random table has (almost) no periodic neuron, hence no key frequency.
 */
public final class FourierAnalysis {
    /** A neuron is periodic when at least this share of its non-constant power lies at one frequency. */
    public static final double PERIODIC_SHARE = 0.5;

    /** One neuron of one matrix. */
    public record Neuron(int index, FourierBasis.Coefficients coefficients, int frequency, double phase,
                         double share, double power) {
    }

    /** One matrix: its neurons, its spectrum (power per frequency 1..K, index k-1) and sparsity. */
    public record Matrix(TokenMatrix matrix, List<Neuron> neurons, double[] power, double constantPower,
                         double gini, double ipr, double neuronIpr) {

        public String name() {
            return matrix.name();
        }

        /** The non-constant power of the whole matrix. */
        public double totalPower() {
            double t = 0;
            for (double v : power) {
                t += v;
            }
            return t;
        }

        /** The norm (sqrt of the summed power) of each frequency 1..K, index k-1. */
        public double[] norms() {
            double[] n = new double[power.length];
            for (int i = 0; i < n.length; i++) {
                n[i] = Math.sqrt(power[i]);
            }
            return n;
        }

        /** Each frequency's share of the matrix's non-constant power, index k-1. */
        public double[] shares() {
            double t = totalPower();
            double[] s = new double[power.length];
            for (int i = 0; i < s.length; i++) {
                s[i] = t > 0 ? power[i] / t : 0;
            }
            return s;
        }
    }

    /** A hidden neuron seen through all its matrices (normalized power per frequency, index k-1). */
    public record Unit(int index, double[] power, int frequency, double share, double weight, boolean periodic) {
    }

    private final FourierBasis basis;
    private final List<Matrix> matrices;
    private final List<Unit> units;
    private final double[] spectrum;
    private final List<Integer> keyFrequencies;

    private FourierAnalysis(FourierBasis basis, List<Matrix> matrices, List<Unit> units, double[] spectrum,
                            List<Integer> keyFrequencies) {
        this.basis = basis;
        this.matrices = matrices;
        this.units = units;
        this.spectrum = spectrum;
        this.keyFrequencies = keyFrequencies;
    }

    /** Analyses the token-axis matrices of a pair-mlp or gromov-mlp. */
    public static FourierAnalysis of(Model model) {
        List<TokenMatrix> ms = TokenMatrix.of(model);
        return of(ms, TokenMatrix.oneHiddenLayer(model), new FourierBasis(ms.get(0).p()));
    }

    /**
     * Analyses matrices over Z_p; {@code sameNeurons} when neuron j of every matrix is the same hidden neuron (then
     * units and key frequencies are computed; otherwise there are none).
     */
    public static FourierAnalysis of(List<TokenMatrix> tokenMatrices, boolean sameNeurons, FourierBasis basis) {
        int kMax = basis.frequencies();
        List<Matrix> matrices = new ArrayList<>();
        for (TokenMatrix tm : tokenMatrices) {
            matrices.add(analyze(tm, basis));
        }
        double[] spectrum = new double[kMax];
        for (Matrix m : matrices) {
            double[] s = m.shares();
            for (int k = 0; k < kMax; k++) {
                spectrum[k] += s[k] / matrices.size();
            }
        }
        List<Unit> units = sameNeurons ? units(matrices, kMax) : List.of();
        return new FourierAnalysis(basis, List.copyOf(matrices), units, spectrum, keyFrequencies(units, kMax));
    }

    static Matrix analyze(TokenMatrix tm, FourierBasis basis) {
        int kMax = basis.frequencies();
        double[] power = new double[kMax];
        double constant = 0;
        double neuronIpr = 0;
        double neuronPower = 0;
        List<Neuron> neurons = new ArrayList<>();
        for (int j = 0; j < tm.width(); j++) {
            FourierBasis.Coefficients c = basis.transform(tm.neurons()[j]);
            int dom = c.dominant();
            double[] norms = new double[kMax];
            for (int k = 1; k <= kMax; k++) {
                power[k - 1] += c.power(k);
                norms[k - 1] = c.norm(k);
            }
            constant += c.constant() * c.constant();
            double total = c.nonConstantPower();
            neuronIpr += total * Sparsity.ipr(norms);
            neuronPower += total;
            neurons.add(new Neuron(j, c, dom, dom == 0 ? 0 : c.phase(dom), dom == 0 ? 0 : c.share(dom), total));
        }
        double[] norms = new double[kMax];
        for (int k = 0; k < kMax; k++) {
            norms[k] = Math.sqrt(power[k]);
        }
        return new Matrix(tm, List.copyOf(neurons), power, constant, Sparsity.gini(norms), Sparsity.ipr(norms),
                neuronPower > 0 ? neuronIpr / neuronPower : 0);
    }

    private static List<Unit> units(List<Matrix> matrices, int kMax) {
        int width = matrices.get(0).matrix().width();
        List<Unit> units = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            double[] q = new double[kMax];
            for (Matrix m : matrices) {
                double t = m.totalPower();
                if (t > 0) {
                    FourierBasis.Coefficients c = m.neurons().get(j).coefficients();
                    for (int k = 1; k <= kMax; k++) {
                        q[k - 1] += c.power(k) / t / matrices.size();
                    }
                }
            }
            double weight = 0;
            int best = 0;
            for (int k = 0; k < kMax; k++) {
                weight += q[k];
                if (q[k] > q[best]) {
                    best = k;
                }
            }
            double share = weight > 0 ? q[best] / weight : 0;
            units.add(new Unit(j, q, weight > 0 ? best + 1 : 0, share, weight, weight > 0 && share >= PERIODIC_SHARE));
        }
        return List.copyOf(units);
    }

    private static List<Integer> keyFrequencies(List<Unit> units, int kMax) {
        double[] w = periodicWeights(units, kMax);
        List<Integer> key = new ArrayList<>();
        for (int k = 1; k <= kMax; k++) {
            if (w[k - 1] >= 1.0 / (2 * kMax)) {
                key.add(k);
            }
        }
        key.sort(Comparator.comparingDouble((Integer k) -> -w[k - 1]).thenComparing(Comparator.naturalOrder()));
        return Collections.unmodifiableList(key);
    }

    private static double[] periodicWeights(List<Unit> units, int kMax) {
        double[] w = new double[kMax];
        for (Unit u : units) {
            if (u.periodic()) {
                w[u.frequency() - 1] += u.weight();
            }
        }
        return w;
    }

    public FourierBasis basis() {
        return basis;
    }

    public int p() {
        return basis.p();
    }

    public List<Matrix> matrices() {
        return matrices;
    }

    public Matrix matrix(String name) {
        for (Matrix m : matrices) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("no matrix " + name);
    }

    /** The hidden neurons across matrices; empty for two hidden layers. */
    public List<Unit> units() {
        return units;
    }

    /** Each frequency's share of the model's power (the mean over matrices of their shares), index k-1. */
    public double[] spectrum() {
        return spectrum.clone();
    }

    /** The key frequencies, the heaviest first. */
    public List<Integer> keyFrequencies() {
        return keyFrequencies;
    }

    /** The weight of the periodic neurons of each frequency, index k-1 (what the key-frequency rule reads). */
    public double[] periodicWeights() {
        return periodicWeights(units, basis.frequencies());
    }

    /** The share of the model's power held by periodic neurons of key frequencies. */
    public double keyWeight() {
        double[] w = periodicWeights();
        double t = 0;
        for (int k : keyFrequencies) {
            t += w[k - 1];
        }
        return t;
    }

    /** The share of the model's power (its spectrum) at the key frequencies, periodic neurons or not. */
    public double keyPowerShare() {
        double t = 0;
        for (int k : keyFrequencies) {
            t += spectrum[k - 1];
        }
        return t;
    }

    /** The share of the model's power held by periodic neurons. */
    public double periodicWeight() {
        double t = 0;
        for (Unit u : units) {
            if (u.periodic()) {
                t += u.weight();
            }
        }
        return t;
    }

    /** The weighted mean of the neurons' shares: 1 when every neuron is a pure wave. */
    public double meanNeuronShare() {
        double t = 0;
        double w = 0;
        for (Unit u : units) {
            t += u.weight() * u.share();
            w += u.weight();
        }
        return w > 0 ? t / w : 0;
    }

    /**
     * Hidden neurons in PAIR's display order: by frequency, then by the phase of the first matrix at that
     * frequency. For two hidden layers, the order of the first matrix's own dominant frequencies.
     */
    public int[] neuronOrder() {
        Matrix first = matrices.get(0);
        int n = first.matrix().width();
        Integer[] idx = new Integer[n];
        int[] freq = new int[n];
        double[] phase = new double[n];
        for (int j = 0; j < n; j++) {
            idx[j] = j;
            freq[j] = units.isEmpty() ? first.neurons().get(j).frequency() : units.get(j).frequency();
            phase[j] = freq[j] == 0 ? 0 : first.neurons().get(j).coefficients().phase(freq[j]);
        }
        java.util.Arrays.sort(idx, Comparator.comparingInt((Integer j) -> freq[j]).thenComparingDouble(j -> phase[j]));
        int[] out = new int[n];
        for (int j = 0; j < n; j++) {
            out[j] = idx[j];
        }
        return out;
    }

    /** The frequency each hidden neuron is grouped under (its unit's, or its first matrix's for two layers). */
    public int frequencyOf(int neuron) {
        return units.isEmpty() ? matrices.get(0).neurons().get(neuron).frequency() : units.get(neuron).frequency();
    }
}
