package org.groklab.data;

/**
 * What a model's outputs are scored against, one row per example: a class id, or float values per output and
 * time step with a mask of the steps that count.
 */
public sealed interface Targets permits Targets.Classes, Targets.Values {

    /** Number of examples. */
    int size();

    /** The examples at {@code rows}, in that order. */
    Targets select(int[] rows);

    /** A class id per example; for a single-output model 1 is the positive class and 0 the negative one. */
    record Classes(int[] ids) implements Targets {
        @Override
        public int size() {
            return ids.length;
        }

        @Override
        public Classes select(int[] rows) {
            return new Classes(Rows.gather(ids, 1, rows));
        }
    }

    /**
     * Float targets: per example {@code steps × outputs} values (step-major), and {@code mask[t]} = 1 for the
     * steps that are scored, 0 for the others (the same for every example). A model's output row has the same
     * {@code steps × outputs} layout.
     */
    record Values(int outputs, int steps, float[] values, float[] mask) implements Targets {
        public Values {
            if (mask.length != steps) {
                throw new IllegalArgumentException("mask has " + mask.length + " steps, expected " + steps);
            }
        }

        @Override
        public int size() {
            return outputs * steps == 0 ? 0 : values.length / (outputs * steps);
        }

        @Override
        public Values select(int[] rows) {
            return new Values(outputs, steps, Rows.gather(values, outputs * steps, rows), mask);
        }

        /** Number of scored steps. */
        public int scoredSteps() {
            int n = 0;
            for (float m : mask) {
                if (m != 0) {
                    n++;
                }
            }
            return n;
        }
    }
}
