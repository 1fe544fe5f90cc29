package org.groklab.kinds.modular.analysis;

import java.util.ArrayList;
import java.util.List;
import org.groklab.kinds.modular.model.GromovMlp;
import org.groklab.model.Model;
import org.groklab.kinds.modular.model.PairNetwork;
import org.groklab.model.Param;

/**
 * A weight matrix seen along its token axis: one function on Z_p per hidden neuron ({@code neurons[j][x]}, the
 * weight between neuron j and token x). {@link #of} takes them from a model:
 * <pre>
 * pair-mlp    W_in  = E H   (p x w): column j, role INPUT (the same map reads a and b)
 *             W_out = O E^T (w x p): row j, role OUTPUT
 * gromov-mlp  W1_a  = W1[:, 0..p-1]  (M x 2p): row j, role INPUT_A
 *             W1_b  = W1[:, p..2p-1]: row j, role INPUT_B
 *             W2    (p x M): column j, role OUTPUT (for two hidden layers: the second layer's neurons)
 * </pre>
 */
public record TokenMatrix(String name, Role role, double[][] neurons) {

    /** What the token axis of the matrix is. */
    public enum Role {
        /** Read by both operands (pair-mlp's W_in). */
        INPUT,
        /** Read by the first operand a. */
        INPUT_A,
        /** Read by the second operand b. */
        INPUT_B,
        /** Writes the logit of each class c. */
        OUTPUT;

        public boolean input() {
            return this != OUTPUT;
        }
    }

    public int width() {
        return neurons.length;
    }

    public int p() {
        return neurons.length == 0 ? 0 : neurons[0].length;
    }

    /** The token-axis matrices of a pair-mlp or gromov-mlp, in the order listed above. */
    public static List<TokenMatrix> of(Model model) {
        List<TokenMatrix> out = new ArrayList<>();
        if (model instanceof PairNetwork pair) {
            int p = pair.outputs();
            float[] in = pair.inputMap();
            int w = in.length / p;
            out.add(new TokenMatrix("W_in", Role.INPUT, columns(in, p, w)));
            out.add(new TokenMatrix("W_out", Role.OUTPUT, rows(pair.outputMap(), w, p, 0, p)));
        } else if (model instanceof GromovMlp gromov) {
            int p = gromov.outputs();
            Param w1 = gromov.param("W1");
            int m = w1.shape()[0];
            out.add(new TokenMatrix("W1_a", Role.INPUT_A, rows(w1.data(), m, 2 * p, 0, p)));
            out.add(new TokenMatrix("W1_b", Role.INPUT_B, rows(w1.data(), m, 2 * p, p, p)));
            Param w2 = gromov.param("W2");
            out.add(new TokenMatrix("W2", Role.OUTPUT, columns(w2.data(), p, w2.shape()[1])));
        } else {
            throw new IllegalArgumentException("Fourier analysis reads pair-mlp and gromov-mlp models, not "
                    + model.getClass().getSimpleName());
        }
        return out;
    }

    /** Whether every matrix of the model indexes the same hidden neurons (false for two hidden layers). */
    public static boolean oneHiddenLayer(Model model) {
        return model.params().stream().noneMatch(p -> p.name().equals("W_mid"));
    }

    /** Rows of an r x c row-major matrix, columns [from, from + len). */
    static double[][] rows(float[] data, int r, int c, int from, int len) {
        double[][] out = new double[r][len];
        for (int i = 0; i < r; i++) {
            for (int x = 0; x < len; x++) {
                out[i][x] = data[i * c + from + x];
            }
        }
        return out;
    }

    /** Columns of an r x c row-major matrix (as c vectors of length r). */
    static double[][] columns(float[] data, int r, int c) {
        double[][] out = new double[c][r];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                out[j][i] = data[i * c + j];
            }
        }
        return out;
    }
}
