package org.groklab.data;

/**
 * What a model reads, one row per example: token ids (examples × arity), feature vectors (examples × dim) or
 * sequences (examples × steps × dim, time-major within an example; dense, or as their non-zero steps). Row-major
 * arrays, never copied on read.
 */
public sealed interface Inputs permits Inputs.Tokens, Inputs.Features, Inputs.Sequences, Inputs.SparseSequences {

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

    /**
     * A time series per example of which most steps are zero, as the steps that are not: example e's entries are
     * k = starts[e] .. starts[e+1]-1, entry k at step {@code at[k]} (increasing within an example) with the vector
     * {@code values[k·dim .. (k+1)·dim)}; every other step is all zeros. The same sequences as
     * {@link #toDense()}, in a fraction of the memory.
     */
    record SparseSequences(int steps, int dim, int[] starts, int[] at, float[] values) implements Inputs {
        public SparseSequences {
            if (starts.length == 0 || starts[0] != 0 || starts[starts.length - 1] != at.length
                    || values.length != at.length * dim) {
                throw new IllegalArgumentException("sparse sequences: starts must run from 0 to the " + at.length
                        + " entries, with " + dim + " values each (got " + values.length + ")");
            }
            for (int e = 0; e + 1 < starts.length; e++) {
                if (starts[e + 1] < starts[e]) {
                    throw new IllegalArgumentException("sparse sequences: example " + e + " ends before it starts");
                }
                for (int k = starts[e]; k < starts[e + 1]; k++) {
                    if (at[k] < 0 || at[k] >= steps || (k > starts[e] && at[k] <= at[k - 1])) {
                        throw new IllegalArgumentException("sparse sequences: example " + e + "'s steps must increase"
                                + " within 0.." + (steps - 1) + " (entry " + k + " at step " + at[k] + ")");
                    }
                }
            }
        }

        @Override
        public int size() {
            return starts.length - 1;
        }

        @Override
        public SparseSequences select(int[] rows) {
            int entries = 0;
            for (int r : rows) {
                entries += starts[r + 1] - starts[r];
            }
            int[] s = new int[rows.length + 1];
            int[] a = new int[entries];
            float[] v = new float[entries * dim];
            for (int i = 0; i < rows.length; i++) {
                int from = starts[rows[i]];
                int count = starts[rows[i] + 1] - from;
                System.arraycopy(at, from, a, s[i], count);
                System.arraycopy(values, from * dim, v, s[i] * dim, count * dim);
                s[i + 1] = s[i] + count;
            }
            return new SparseSequences(steps, dim, s, a, v);
        }

        /** The same examples as dense sequences: {@code steps × dim} values per example, step-major. */
        public Sequences toDense() {
            float[] dense = new float[size() * steps * dim];
            for (int e = 0; e < size(); e++) {
                for (int k = starts[e]; k < starts[e + 1]; k++) {
                    System.arraycopy(values, k * dim, dense, (e * steps + at[k]) * dim, dim);
                }
            }
            return new Sequences(steps, dim, dense);
        }
    }
}
