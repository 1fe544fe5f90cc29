package org.groklab.model;

import java.util.List;
import org.groklab.data.Batch;

/**
 * Same-shaped models (the members, e.g. the seeds of one sweep cell) trained as one: their parameters held
 * member-interleaved so that one pass of {@link org.groklab.math.PopulationKernels} computes every member's forward
 * and backward. Each member's outputs and gradients have the bits of its own {@link Model#forward} and
 * {@link Model#backward}, so an optimizer stepping {@link #params()} element by element leaves every member where its
 * solo run would be.
 */
public interface Population {

    /** Number of members. */
    int members();

    /**
     * The interleaved parameters: one per member parameter, same name and order, each of size members × its size,
     * element e of member i at e · members + i; their gradients after {@link #backward}.
     */
    List<Param> params();

    /** Copies every member's parameters into {@link #params()}. */
    void load();

    /** Copies {@link #params()} back into every member's parameters (to measure, checkpoint or snapshot them). */
    void store();

    /** The outputs of every member on its own batch (all of one size): out[i] as member i's {@link Model#forward}. */
    float[][] forward(Batch[] batches);

    /** Every member's gradients from d(loss)/d(outputs) of its last {@link #forward}, as its {@link Model#backward}. */
    void backward(float[][] dOutputs);
}
