package org.groklab.model;

import org.groklab.data.Batch;

/**
 * A model whose outputs and output gradient are float64 (a spec's {@code model.precision} other than float32): the
 * trainer computes the loss and its gradient from {@link #forward64} in float64 and hands them to
 * {@link #backward64}. {@link #forward} gives the same outputs rounded to float32, for analyses.
 */
public interface Model64 extends Model {

    /** The outputs for every example of the batch, {@code batch.size() × outputs()}, row-major, in float64. */
    double[] forward64(Batch batch);

    /** Sets every parameter's gradient from d(loss)/d(outputs) of the last {@link #forward64}. */
    void backward64(double[] dOutputs);

    @Override
    default float[] forward(Batch batch) {
        double[] out = forward64(batch);
        float[] narrow = new float[out.length];
        for (int i = 0; i < out.length; i++) {
            narrow[i] = (float) out[i];
        }
        return narrow;
    }

    @Override
    default void backward(float[] dOutputs) {
        double[] wide = new double[dOutputs.length];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = dOutputs[i];
        }
        backward64(wide);
    }
}
