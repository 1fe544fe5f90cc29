package org.groklab.data;

/**
 * Examples fed to a model at once. Token tasks fill {@code tokens} ({@code size × arity} integers, e.g. the pair
 * (a, b)); feature tasks fill {@code features} ({@code size × dim} floats). {@code labels} holds the class of each
 * example (for a single-output model: 1 for the positive class, 0 for the negative one).
 */
public record Batch(int size, int arity, int[] tokens, int dim, float[] features, int[] labels) {

    public static Batch ofTokens(int arity, int[] tokens, int[] labels) {
        return new Batch(labels.length, arity, tokens, 0, null, labels);
    }

    public static Batch ofFeatures(int dim, float[] features, int[] labels) {
        return new Batch(labels.length, 0, null, dim, features, labels);
    }

    public int token(int example, int position) {
        return tokens[example * arity + position];
    }

    /** The examples at {@code rows}, in that order. */
    public Batch select(int[] rows) {
        int[] l = new int[rows.length];
        int[] t = tokens == null ? null : new int[rows.length * arity];
        float[] f = features == null ? null : new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            int r = rows[i];
            l[i] = labels[r];
            if (t != null) {
                System.arraycopy(tokens, r * arity, t, i * arity, arity);
            }
            if (f != null) {
                System.arraycopy(features, r * dim, f, i * dim, dim);
            }
        }
        return new Batch(rows.length, arity, t, dim, f, l);
    }
}
