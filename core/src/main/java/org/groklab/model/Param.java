package org.groklab.model;

import java.util.Arrays;

/** A named trainable tensor (row-major float32) and its gradient. */
public final class Param {
    private final String name;
    private final int[] shape;
    private final float[] data;
    private final float[] grad;

    public Param(String name, int... shape) {
        this.name = name;
        this.shape = shape.clone();
        int size = 1;
        for (int s : shape) {
            size = Math.multiplyExact(size, s);
        }
        this.data = new float[size];
        this.grad = new float[size];
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

    /** The values; models and optimizers write them in place. */
    public float[] data() {
        return data;
    }

    /** The gradient of the last backward pass. */
    public float[] grad() {
        return grad;
    }

    public void zeroGrad() {
        Arrays.fill(grad, 0f);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
