package org.groklab.model;

/** The number format a parameter is stored, differentiated and updated in. */
public enum Precision {
    /** IEEE binary32: {@code float[]} values and gradient (every model's default). */
    FLOAT32,
    /** IEEE binary64: {@code double[]} values and gradient ({@link Param#values64()}, {@link Param#grad64()}). */
    FLOAT64
}
