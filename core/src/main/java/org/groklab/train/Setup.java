package org.groklab.train;

import java.util.List;
import java.util.Locale;
import org.groklab.loss.CrossEntropy;
import org.groklab.loss.Hinge;
import org.groklab.loss.Loss;
import org.groklab.loss.MeanSquaredError;
import org.groklab.math.Rng;
import org.groklab.model.Activation;
import org.groklab.model.GromovMlp;
import org.groklab.model.Model;
import org.groklab.model.PairMlp;
import org.groklab.kinds.parity.ParityMlp;
import org.groklab.optim.Adam;
import org.groklab.optim.LearningRate;
import org.groklab.optim.Optimizer;
import org.groklab.optim.Sgd;
import org.groklab.optim.WeightDecay;
import org.groklab.kinds.parity.ParityMeasures;
import org.groklab.spec.RunSpec;
import org.groklab.task.ModularArithmetic;
import org.groklab.task.Operation;
import org.groklab.kinds.parity.SparseParity;
import org.groklab.data.Split;

/**
 * The parts of a run, built from its spec: the split, the initialised model, loss, optimizer and schedule.
 * {@code task} is the modular-arithmetic task, or null for a parity run (see {@link #parity()}).
 */
public record Setup(RunSpec spec, ModularArithmetic task, Split split, Model model, Loss loss, Optimizer optimizer,
                    LearningRate learningRate) {

    public static Setup from(RunSpec spec) {
        RunSpec.Task t = spec.task();
        if (t.type().equals("parity")) {
            SparseParity parity = parity(t);
            Split split = parity.split(spec.seed(), t.trainSize(), t.testSize(), t.testSeed(), t.labelNoise());
            Model model = parityModel(spec.model(), t.n(), Rng.stream(spec.seed(), "init"));
            return new Setup(spec, null, split, model, loss(spec.loss()), optimizer(spec.optimizer()),
                    learningRate(spec));
        }
        ModularArithmetic task = new ModularArithmetic(t.p(), Operation.valueOf(upper(t.operation())),
                t.pairs().equals("symmetric"), t.tableSeed());
        Split split = task.split(spec.seed(), t.trainFraction(), t.labelNoise());
        Model model = model(spec.model(), t.p(), Rng.stream(spec.seed(), "init"));
        return new Setup(spec, task, split, model, loss(spec.loss()), optimizer(spec.optimizer()),
                learningRate(spec));
    }

    /** A freshly initialised model of the spec (drawn from the given stream). */
    public static Model model(RunSpec.ModelSpec m, int p, Rng init) {
        return switch (m.type()) {
            case "pair-mlp" -> {
                PairMlp model = new PairMlp(p, m.dEmbed(), m.width(), m.tiedEmbedding(), m.collapsedHidden(),
                        m.collapsedOutput());
                model.initialize(init);
                yield model;
            }
            case "gromov-mlp" -> {
                GromovMlp model = new GromovMlp(p, m.width(), m.layers(), Activation.valueOf(upper(m.activation())));
                model.initialize(init);
                yield model;
            }
            default -> throw new IllegalArgumentException("unknown model " + m.type()
                    + (m.type().equals("parity-mlp") ? " over Z_p (use parityModel)" : ""));
        };
    }

    /** The (n, k)-parity task of a parity spec. */
    public static SparseParity parity(RunSpec.Task t) {
        return new SparseParity(t.n(), t.k(), SparseParity.Bits.of(t.bits()));
    }

    /** The parity task of this run, or null for a modular one. */
    public SparseParity parity() {
        return spec.task().type().equals("parity") ? parity(spec.task()) : null;
    }

    /** A freshly initialised parity-mlp over {@code inputs} bits (drawn from the given stream). */
    public static ParityMlp parityModel(RunSpec.ModelSpec m, int inputs, Rng init) {
        ParityMlp model = new ParityMlp(inputs, m.width(), m.hiddenBias(), m.inputOne());
        model.initialize(init);
        return model;
    }

    /** Extra metrics.csv columns of this run (parity runs: norms and weight mass), after the standard ones. */
    public List<String> extraMetricNames() {
        return model instanceof ParityMlp ? ParityMeasures.NAMES : List.of();
    }

    /** The values of {@link #extraMetricNames()} for the parameters as they are now. */
    public double[] extraMetrics(long step) {
        return model instanceof ParityMlp m ? ParityMeasures.measure(m, spec, step) : new double[0];
    }

    public static Loss loss(RunSpec.LossSpec l) {
        Loss.Reduction r = Loss.Reduction.valueOf(upper(l.reduction()));
        return switch (l.type()) {
            case "cross_entropy" -> new CrossEntropy(r);
            case "mse" -> new MeanSquaredError(r);
            case "hinge" -> new Hinge();
            default -> throw new IllegalArgumentException("unknown loss " + l.type());
        };
    }

    public static Optimizer optimizer(RunSpec.OptimizerSpec o) {
        WeightDecay decay = switch (o.decay()) {
            case "default" -> o.type().equals("adamw") ? WeightDecay.DECOUPLED : WeightDecay.L2;
            default -> WeightDecay.valueOf(upper(o.decay()));
        };
        return switch (o.type()) {
            case "sgd" -> new Sgd(o.momentum(), o.nesterov(), o.weightDecay(), decay);
            case "adam", "adamw" -> new Adam(o.betas().get(0), o.betas().get(1), o.eps(), o.weightDecay(), decay);
            default -> throw new IllegalArgumentException("unknown optimizer " + o.type());
        };
    }

    static LearningRate learningRate(RunSpec spec) {
        RunSpec.OptimizerSpec o = spec.optimizer();
        return new LearningRate(o.lr(), o.warmupSteps(), o.schedule().equals("cosine"), o.minLrFactor(),
                spec.train().steps());
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
