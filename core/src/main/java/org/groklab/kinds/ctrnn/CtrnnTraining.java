package org.groklab.kinds.ctrnn;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.groklab.math.Kernels;
import org.groklab.math.Rng;
import org.groklab.optim.Adam;
import org.groklab.optim.GradientClipping;
import org.groklab.optim.WeightDecay;

/**
 * The plain training loop of a CT-RNN on the SET task: per epoch, the training trials in a seeded order (stream
 * "ctrnn.batches", indexed by epoch) cut into minibatches (the short last one left out with {@code dropLast}),
 * each forward with fresh
 * neuron noise (stream "ctrnn.noise", indexed by epoch), Eq. 7, BPTT and one AdamW update; then a pass over the
 * validation trials (noise from "ctrnn.validation-noise", indexed by epoch). Same seed, same numbers.
 */
public final class CtrnnTraining {
    private final SetTask task;
    private final TrainingConfig train;
    private final Ctrnn model;
    private final CtrnnLoss loss;
    private final Adam adam;
    private final long seed;
    private final float[] inputs;
    private final float[] noise;
    private final float[] dz;
    private int epoch;

    public CtrnnTraining(SetTask task, CtrnnConfig config, TrainingConfig train, Kernels kernels, long seed) {
        if (config.inputDim() != task.inputDim()) {
            throw new IllegalArgumentException("model.input_dim " + config.inputDim() + " differs from the task's "
                    + task.inputDim());
        }
        this.task = task;
        this.train = train;
        this.model = new Ctrnn(config, kernels, seed);
        this.loss = CtrnnLoss.of(config);
        this.adam = new Adam(train.beta1(), train.beta2(), train.eps(), train.weightDecay(), WeightDecay.DECOUPLED);
        this.seed = seed;
        int b = train.batchSize();
        this.inputs = new float[b * task.steps() * task.inputDim()];
        this.noise = new float[b * task.steps() * config.neurons()];
        this.dz = new float[b * task.steps()];
    }

    public Ctrnn model() {
        return model;
    }

    public int epochsDone() {
        return epoch;
    }

    /** The AdamW optimizer, whose state a checkpoint saves ({@link Adam#state()}) and restores. */
    public Adam optimizer() {
        return adam;
    }

    /**
     * Continues from a checkpoint taken after {@code epochsDone} epochs, once the parameters and the optimizer state
     * are restored: minibatch order and noise are drawn per epoch, so the run goes on with the bytes of an
     * uninterrupted one.
     */
    public void resumeAfter(int epochsDone) {
        if (epochsDone < 0) {
            throw new IllegalArgumentException("epochs done must be >= 0: " + epochsDone);
        }
        this.epoch = epochsDone;
    }

    /** Runs the configured number of epochs, or fewer when {@code stop} says so after an epoch. */
    public List<EpochMetrics> run(Predicate<EpochMetrics> stop) {
        List<EpochMetrics> out = new ArrayList<>();
        while (epoch < train.epochs()) {
            EpochMetrics m = epoch();
            out.add(m);
            if (stop != null && stop.test(m)) {
                break;
            }
        }
        return out;
    }

    /** One epoch: every training trial once, then validation. */
    public EpochMetrics epoch() {
        int[] ids = task.trainIds();
        int[] perm = Rng.stream(seed, "ctrnn.batches", epoch).permutation(ids.length);
        int[] order = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            order[i] = ids[perm[i]];
        }
        Rng noiseRng = Rng.stream(seed, "ctrnn.noise", epoch);
        double lossSum = 0;
        double seSum = 0;
        int correct = 0;
        double normSum = 0;
        int batches = 0;
        int used = train.dropLast() && order.length >= train.batchSize()
                ? order.length - order.length % train.batchSize() : order.length;
        for (int from = 0; from < used; from += train.batchSize()) {
            int b = Math.min(train.batchSize(), used - from);
            CtrnnLoss.Value v = forward(order, from, b, noiseRng, dz);
            model.backward(dz, loss.rateWeight(b, task.steps()));
            normSum += GradientClipping.clip(model.params(), train.clipNorm());
            adam.step(model.params(), (float) train.lr());
            lossSum += v.total() * b;
            seSum += v.squaredError() * b;
            correct += v.correct();
            batches++;
        }
        Evaluation val = evaluate(task.validationIds(),
                train.validationNoise() ? Rng.stream(seed, "ctrnn.validation-noise", epoch) : null);
        EpochMetrics m = new EpochMetrics(epoch, lossSum / used, seSum / used, (double) correct / used, val.loss(),
                val.accuracy(), normSum / batches);
        epoch++;
        return m;
    }

    /** Loss and accuracy over some trials. */
    public record Evaluation(double loss, double accuracy) {
    }

    /** Eq. 7 and accuracy over trials {@code ids} with the current weights; noise from {@code noiseRng} or none. */
    public Evaluation evaluate(int[] ids, Rng noiseRng) {
        double lossSum = 0;
        int correct = 0;
        for (int from = 0; from < ids.length; from += train.batchSize()) {
            int b = Math.min(train.batchSize(), ids.length - from);
            CtrnnLoss.Value v = forward(ids, from, b, noiseRng, null);
            lossSum += v.total() * b;
            correct += v.correct();
        }
        return new Evaluation(lossSum / Math.max(1, ids.length), (double) correct / Math.max(1, ids.length));
    }

    private CtrnnLoss.Value forward(int[] ids, int from, int b, Rng noiseRng, float[] grad) {
        int steps = task.steps();
        task.inputs(ids, from, b, inputs);
        float[] eta = null;
        double std = model.config().noiseStd();
        if (noiseRng != null && std > 0) {
            CtrnnNoise.fill(noiseRng, noise, b * steps * model.config().neurons(), std);
            eta = noise;
        }
        float[] z = model.forward(inputs, b, steps, eta);
        return loss.evaluate(z, task.labels(ids, from, b), b, steps, model.sumSquaredRates(), grad);
    }
}
