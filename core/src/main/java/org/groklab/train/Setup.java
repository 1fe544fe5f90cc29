package org.groklab.train;

import org.groklab.data.Scoring;
import org.groklab.data.Split;
import org.groklab.loss.CrossEntropy;
import org.groklab.loss.Hinge;
import org.groklab.loss.Loss;
import org.groklab.loss.MeanSquaredError;
import org.groklab.math.Kernels;
import org.groklab.model.Model;
import org.groklab.optim.Adam;
import org.groklab.optim.LearningRate;
import org.groklab.optim.Optimizer;
import org.groklab.optim.Sgd;
import org.groklab.optim.WeightDecay;
import org.groklab.spec.RunSpec;

/**
 * The parts of a run, built by its kind from the spec: the split, the initialised model, loss, optimizer and
 * schedule, what "correct" means, the kind's extra measurements and snapshot writer (null when it writes none).
 */
public record Setup(RunSpec spec, Split split, Model model, Loss loss, Optimizer optimizer,
                    LearningRate learningRate, Scoring scoring, Measures measures, Snapshotter snapshots,
                    Kernels kernels) {

    /** The common parts (loss, optimizer, schedule) from the spec, around a kind's split and model. */
    public static Setup of(RunSpec spec, Split split, Model model, Scoring scoring, Measures measures,
                           Snapshotter snapshots, Kernels kernels) {
        return new Setup(spec, split, model, loss(spec.loss()), optimizer(spec.optimizer()), learningRate(spec),
                scoring, measures, snapshots, kernels);
    }

    /** Extra metrics.csv columns of this run, after the standard ones. */
    public java.util.List<String> extraMetricNames() {
        return measures.names();
    }

    /** The values of {@link #extraMetricNames()} for the parameters as they are now. */
    public double[] extraMetrics(long step) {
        return measures.measure(step);
    }

    public static Loss loss(RunSpec.LossSpec l) {
        Loss.Reduction r = l.reduction() == RunSpec.Reduction.EXAMPLES ? Loss.Reduction.EXAMPLES
                : Loss.Reduction.ELEMENTS;
        return switch (l.type()) {
            case CROSS_ENTROPY -> new CrossEntropy(r);
            case MSE -> new MeanSquaredError(r);
            case HINGE -> new Hinge();
        };
    }

    public static Optimizer optimizer(RunSpec.OptimizerSpec o) {
        WeightDecay decay = switch (o.decay()) {
            case DEFAULT -> o.type() == RunSpec.OptimizerType.ADAMW ? WeightDecay.DECOUPLED : WeightDecay.L2;
            case DECOUPLED -> WeightDecay.DECOUPLED;
            case L2 -> WeightDecay.L2;
            case L1 -> WeightDecay.L1;
            case DECOUPLED_L1 -> WeightDecay.DECOUPLED_L1;
        };
        return switch (o.type()) {
            case SGD -> new Sgd(o.momentum(), o.nesterov(), o.weightDecay(), decay);
            case ADAM, ADAMW -> new Adam(o.betas().get(0), o.betas().get(1), o.eps(), o.weightDecay(), decay);
        };
    }

    static LearningRate learningRate(RunSpec spec) {
        RunSpec.OptimizerSpec o = spec.optimizer();
        return new LearningRate(o.lr(), o.warmupSteps(), o.schedule() == RunSpec.Schedule.COSINE, o.minLrFactor(),
                spec.train().steps());
    }
}
