package org.groklab.data;

/**
 * What a model reads, one row per example: token ids (examples × arity), feature vectors (examples × dim) or
 * sequences (examples × steps × dim, time-major within an example). Row-major arrays, never copied on read.
 */
public sealed interface Inputs permits Inputs.Tokens, Inputs.Features, Inputs.Sequences {

    /** Number of examples. */
    int size();

    /** The examples at {@code rows}, in that order. */
    Inputs select(int[] rows);

    /** Token ids, e.g. the pair (a, b) of a modular-arithmetic example. */
    record Tokens(int arity, int[] ids) implements Inputs {
        @Override
        public int size() {
            return arity == 0 ? 0 : ids.length / arity;
        }

        @Override
        public Tokens select(int[] rows) {
            return new Tokens(arity, Rows.gather(ids, arity, rows));
        }
    }

    /** One feature vector per example, e.g. the bits of a parity input. */
    record Features(int dim, float[] values) implements Inputs {
        @Override
        public int size() {
            return dim == 0 ? 0 : values.length / dim;
        }

        @Override
        public Features select(int[] rows) {
            return new Features(dim, Rows.gather(values, dim, rows));
        }
    }

    /** A time series per example: {@code steps × dim} values, step-major. */
    record Sequences(int steps, int dim, float[] values) implements Inputs {
        @Override
        public int size() {
            return steps * dim == 0 ? 0 : values.length / (steps * dim);
        }

        @Override
        public Sequences select(int[] rows) {
            return new Sequences(steps, dim, Rows.gather(values, steps * dim, rows));
        }
    }
}
