package org.groklab.model;

import java.util.Arrays;

/**
 * A named trainable tensor (row-major) and its gradient, in float32 or float64 ({@link Precision}).
 *
 * <p>A float32 parameter holds its values and gradient in {@link #data()} and {@link #grad()}. A float64 parameter
 * holds them in {@link #values64()} and {@link #grad64()}; its {@link #data()} is then a float32 rounding of the
 * values for readers that work in float32 (analyses, figures), brought up to date by {@link #narrow()} after
 * every write of the values (initialisers, optimizers, checkpoint restores call it). Writing into the float32
 * view of a float64 parameter changes nothing that trains.
 */
public final class Param {
    private final String name;
    private final int[] shape;
    private final Precision precision;
    private final float[] data;
    private final float[] grad;
    private final double[] data64;
    private final double[] grad64;

    /** A float32 parameter. */
    public Param(String name, int... shape) {
        this(name, Precision.FLOAT32, shape);
    }

    public Param(String name, Precision precision, int... shape) {
        this.name = name;
        this.shape = shape.clone();
        this.precision = precision;
        int size = 1;
        for (int s : shape) {
            size = Math.multiplyExact(size, s);
        }
        this.data = new float[size];
        boolean wide = precision == Precision.FLOAT64;
        this.grad = wide ? new float[0] : new float[size];
        this.data64 = wide ? new double[size] : null;
        this.grad64 = wide ? new double[size] : null;
    }

    public String name() {
        return name;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int size() {
        return data.length;
    }

    public Precision precision() {
        return precision;
    }

    public boolean isFloat64() {
        return precision == Precision.FLOAT64;
    }

    /** The values of a float32 parameter (models and optimizers write them in place); a float64 one's rounding. */
    public float[] data() {
        return data;
    }

    /** The gradient of the last backward pass (float32 parameters). */
    public float[] grad() {
        requirePrecision(Precision.FLOAT32, "grad()");
        return grad;
    }

    /** The values of a float64 parameter; after writing them, call {@link #narrow()}. */
    public double[] values64() {
        requirePrecision(Precision.FLOAT64, "values64()");
        return data64;
    }

    /** The gradient of the last backward pass (float64 parameters). */
    public double[] grad64() {
        requirePrecision(Precision.FLOAT64, "grad64()");
        return grad64;
    }

    /** Rounds a float64 parameter's values into its float32 view; nothing for a float32 parameter. */
    public void narrow() {
        if (data64 != null) {
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) data64[i];
            }
        }
    }

    public void zeroGrad() {
        if (grad64 != null) {
            Arrays.fill(grad64, 0d);
        } else {
            Arrays.fill(grad, 0f);
        }
    }

    private void requirePrecision(Precision p, String what) {
        if (precision != p) {
            throw new IllegalStateException(what + " of " + this + ", a " + precision + " parameter");
        }
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
