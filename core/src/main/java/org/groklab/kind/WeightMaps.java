package org.groklab.kind;

/**
 * A checkpoint's weights as per-neuron maps, one row per neuron, for views that show what each neuron reads and
 * writes: its input weights over the input tokens (from a and from b, the same array when shared) or bits, and its
 * output weights ({@code outputColumns} per neuron). {@code relevantInputs} > 0 marks bit inputs of which the first
 * {@code relevantInputs} decide the label (sparse parity); 0 marks token inputs.
 */
public record WeightMaps(int neurons, int tokens, float[] inputA, float[] inputB, float[] output, int outputColumns,
                         int relevantInputs) {

    /** The transpose of a rows × cols row-major matrix. */
    public static float[] transpose(float[] x, int rows, int cols) {
        float[] y = new float[x.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                y[j * rows + i] = x[i * cols + j];
            }
        }
        return y;
    }

    /** (n × k) times (k × m), accumulated in double. */
    public static float[] multiply(float[] a, int n, int k, float[] b, int m) {
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
