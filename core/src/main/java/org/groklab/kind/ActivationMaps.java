package org.groklab.kind;

/**
 * What each hidden neuron of a model computes over the whole grid of a kind's inputs, for views that show it:
 * {@code neurons} maps of {@code rows} x {@code cols} values, neuron-major then row-major (modular arithmetic:
 * h_j(a, b), a down, b across).
 */
public record ActivationMaps(int neurons, int rows, int cols, float[] data, String rowName, String colName) {
    public ActivationMaps {
        if (data.length != (long) neurons * rows * cols) {
            throw new IllegalArgumentException("activation maps: " + data.length + " values for " + neurons + " x "
                    + rows + " x " + cols);
        }
    }
}
