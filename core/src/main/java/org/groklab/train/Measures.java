package org.groklab.train;

import java.util.List;

/** A kind's extra measurements of the parameters, written as extra metrics.csv columns after the standard ones. */
public interface Measures {
    Measures NONE = new Measures() {
        @Override
        public List<String> names() {
            return List.of();
        }

        @Override
        public double[] measure(long step) {
            return new double[0];
        }
    };

    /** Column names. */
    List<String> names();

    /** The values of {@link #names()} for the parameters as they are now. */
    double[] measure(long step);
}
