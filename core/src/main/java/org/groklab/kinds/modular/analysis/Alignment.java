package org.groklab.kinds.modular.analysis;

import java.util.List;
import org.groklab.kinds.modular.task.Operation;

/**
 * How closely a trained network follows the constructions' per-neuron structure. In both constructions (PAIR's
 * circle, {@link CircleMlp}, and Gromov's quadratic solution, {@link QuadraticConstruction}) every hidden neuron
 * works at one frequency k, reads a with phase phi_a and b with phase phi_b, and writes the logits with phase
 * phi_out = phi_a + phi_b (phases as in {@link org.groklab.kinds.modular.analysis.FourierBasis}: the frequency-k part of a
 * weight vector is proportional to cos(2 pi k x / p - phi)); that is what turns the product of its inputs into
 * cos(2 pi k (a + b - c) / p). For subtraction the relation is phi_out = phi_a - phi_b. For pair-mlp one map
 * reads both operands, so phi_a = phi_b.
 *
 * <p>For hidden neuron j with frequency k (its unit's, see {@link FourierAnalysis}), the neuron's alignment is
 * share_j * cos(phi_out - phi_a - phi_b): 1 for a construction neuron, 0 on average for random phases, negative
 * when it writes against the answer. The network's alignment is their mean weighted by sqrt(in_j * out_j),
 * where in_j and out_j are the neuron's shares of the normalized power of the input and output maps (a neuron
 * with no input or no output does not count). 1 for the constructions; near 0 for a random network.
 */
public final class Alignment {
    private Alignment() {
    }

    /** The network's alignment; NaN for two hidden layers or an operation other than addition or subtraction. */
    public static double of(FourierAnalysis fa, Operation op) {
        double[] per = perNeuron(fa, op);
        double[] w = weights(fa);
        if (per == null) {
            return Double.NaN;
        }
        double t = 0;
        double tw = 0;
        for (int j = 0; j < per.length; j++) {
            t += w[j] * per[j];
            tw += w[j];
        }
        return tw > 0 ? t / tw : 0;
    }

    /** Each hidden neuron's alignment, or null when it is not defined (see {@link #of}). */
    public static double[] perNeuron(FourierAnalysis fa, Operation op) {
        if (fa.units().isEmpty() || (op != Operation.ADD && op != Operation.SUB)) {
            return null;
        }
        List<FourierAnalysis.Unit> units = fa.units();
        double[] out = new double[units.size()];
        for (FourierAnalysis.Unit u : units) {
            int k = u.frequency();
            if (k == 0) {
                continue;
            }
            double phiA = 0;
            double phiB = 0;
            double phiOut = 0;
            for (FourierAnalysis.Matrix m : fa.matrices()) {
                double phase = m.neurons().get(u.index()).coefficients().phase(k);
                switch (m.matrix().role()) {
                    case INPUT -> {
                        phiA = phase;
                        phiB = phase;
                    }
                    case INPUT_A -> phiA = phase;
                    case INPUT_B -> phiB = phase;
                    case OUTPUT -> phiOut = phase;
                    default -> throw new IllegalStateException();
                }
            }
            double expected = op == Operation.SUB ? phiA - phiB : phiA + phiB;
            out[u.index()] = u.share() * Math.cos(phiOut - expected);
        }
        return out;
    }

    private static double[] weights(FourierAnalysis fa) {
        int n = fa.matrices().get(0).matrix().width();
        double[] in = new double[n];
        double[] out = new double[n];
        int inputs = 0;
        for (FourierAnalysis.Matrix m : fa.matrices()) {
            double total = m.totalPower();
            boolean input = m.matrix().role().input();
            if (input) {
                inputs++;
            }
            for (int j = 0; j < n && total > 0; j++) {
                double share = m.neurons().get(j).power() / total;
                if (input) {
                    in[j] += share;
                } else {
                    out[j] += share;
                }
            }
        }
        double[] w = new double[n];
        for (int j = 0; j < n; j++) {
            w[j] = Math.sqrt(in[j] / Math.max(1, inputs) * out[j]);
        }
        return w;
    }
}
