package org.groklab.web;

import java.util.Map;
import org.groklab.run.Safetensors;

/**
 * The weights of a checkpoint as per-neuron maps over tokens, from the tensors' names and shapes alone:
 * <pre>
 * gromov-mlp  W1 (m x 2p): input from a = W1[:, :p], from b = W1[:, p:]; output = W2ᵀ (m x p)
 * pair-mlp    input = (E H)ᵀ or W_inᵀ (w x p, the same map for a and b); output = O Eᵀ, O Uᵀ or W_out (w x p)
 * parity-mlp  input = W1 (width x n bits); output = W2 (1 x width) as one value per neuron
 * </pre>
 * Each map is row-major, one row per neuron.
 */
record NeuronMaps(int neurons, int tokens, float[] inputA, float[] inputB, float[] output, int outputColumns) {

    /** The maps of a model of type {@code modelType}; null for a model it does not know. */
    static NeuronMaps of(String modelType, Map<String, Safetensors.Tensor> t) {
        if (modelType.equals("gromov-mlp") && t.containsKey("W1") && t.containsKey("W2")) {
            Safetensors.Tensor w1 = t.get("W1");
            int m = w1.shape()[0];
            int p = w1.shape()[1] / 2;
            float[] a = new float[m * p];
            float[] b = new float[m * p];
            for (int i = 0; i < m; i++) {
                System.arraycopy(w1.data(), i * 2 * p, a, i * p, p);
                System.arraycopy(w1.data(), i * 2 * p + p, b, i * p, p);
            }
            Safetensors.Tensor w2 = t.get("W2"); // p x m
            return new NeuronMaps(m, p, a, b, transpose(w2.data(), w2.shape()[0], w2.shape()[1]), p);
        }
        if (modelType.equals("parity-mlp") && t.containsKey("W1")) { // W1 width x n, W2 1 x width
            Safetensors.Tensor w1 = t.get("W1");
            Safetensors.Tensor w2 = t.get("W2");
            return new NeuronMaps(w1.shape()[0], w1.shape()[1], w1.data(), null, w2 == null ? null : w2.data(), 1);
        }
        if (!modelType.equals("pair-mlp")) {
            return null;
        }
        float[] win;
        int p;
        int w;
        if (t.containsKey("W_in")) {
            Safetensors.Tensor x = t.get("W_in");
            p = x.shape()[0];
            w = x.shape()[1];
            win = x.data();
        } else {
            Safetensors.Tensor e = t.get("E");
            Safetensors.Tensor h = t.get("H");
            p = e.shape()[0];
            w = h.shape()[1];
            win = multiply(e.data(), p, e.shape()[1], h.data(), w);
        }
        float[] out; // w x p
        if (t.containsKey("W_out")) {
            out = t.get("W_out").data();
        } else {
            Safetensors.Tensor o = t.get("O");
            Safetensors.Tensor u = t.containsKey("U") ? t.get("U") : t.get("E");
            int d = o.shape()[1];
            out = multiply(o.data(), w, d, transpose(u.data(), p, d), p);
        }
        float[] in = transpose(win, p, w);
        return new NeuronMaps(w, p, in, in, out, p);
    }

    static float[] transpose(float[] x, int rows, int cols) {
        float[] y = new float[x.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                y[j * rows + i] = x[i * cols + j];
            }
        }
        return y;
    }

    /** (n x k) times (k x m), in double. */
    static float[] multiply(float[] a, int n, int k, float[] b, int m) {
        float[] c = new float[n * m];
        double[] row = new double[m];
        for (int i = 0; i < n; i++) {
            java.util.Arrays.fill(row, 0);
            for (int l = 0; l < k; l++) {
                double x = a[i * k + l];
                for (int j = 0; j < m; j++) {
                    row[j] += x * b[l * m + j];
                }
            }
            for (int j = 0; j < m; j++) {
                c[i * m + j] = (float) row[j];
            }
        }
        return c;
    }
}
