package org.groklab.kinds.ctrnn;

import java.util.List;
import java.util.Map;
import org.groklab.data.Batch;
import org.groklab.data.Inputs;
import org.groklab.math.Rng;
import org.groklab.model.Model;
import org.groklab.model.Param;

/**
 * The {@link Ctrnn} as the engine's {@link Model}: sequences in (trials × T × inputs), z(1)..z(T) out, the rate
 * penalty of Eq. 7 as its regularization term. Neuron noise is drawn while training from the stream
 * ("ctrnn.noise", step) of the run seed, so a resumed run draws the same noise; evaluation runs without noise.
 */
public final class CtrnnModel implements Model {
    private final Ctrnn net;
    private final CtrnnLoss loss;
    private final long seed;
    private final int steps;
    private long step;
    private boolean training;
    private float[] noise = new float[0];
    private double penalty;
    private int lastBatch;

    public CtrnnModel(Ctrnn net, int steps, long seed) {
        this.net = net;
        this.loss = CtrnnLoss.of(net.config());
        this.seed = seed;
        this.steps = steps;
    }

    public Ctrnn net() {
        return net;
    }

    @Override
    public List<Param> params() {
        return net.params();
    }

    /** One output per time step. */
    @Override
    public int outputs() {
        return steps;
    }

    @Override
    public void prepare(long step, boolean training) {
        this.step = step;
        this.training = training;
    }

    @Override
    public float[] forward(Batch batch) {
        int b = batch.size();
        float[] eta = null;
        double std = net.config().noiseStd();
        if (training && std > 0) {
            int count = b * steps * net.config().neurons();
            if (noise.length < count) {
                noise = new float[count];
            }
            CtrnnNoise.fill(Rng.stream(seed, "ctrnn.noise", step), noise, count, std);
            eta = noise;
        }
        float[] z = switch (batch.inputs()) {
            case Inputs.SparseSequences sparse -> net.forward(sparse, eta).clone();
            case Inputs.Sequences dense -> net.forward(dense.values(), b, steps, eta).clone();
            default -> throw new IllegalArgumentException("the CT-RNN reads sequences, not "
                    + batch.inputs().getClass().getSimpleName());
        };
        lastBatch = b;
        penalty = loss.rateWeight(b, steps) * net.sumSquaredRates();
        return z;
    }

    @Override
    public void backward(float[] dOutputs) {
        net.backward(dOutputs, loss.rateWeight(lastBatch, steps));
    }

    @Override
    public double regularization() {
        return penalty;
    }

    /** The rates r(1)..r(T), time-major (trials × neurons per step). */
    @Override
    public Map<String, float[]> hidden(Batch batch) {
        prepare(step, false);
        forward(batch);
        return Map.of("rates", net.rates().clone());
    }
}
