package org.groklab.spec;

import java.util.List;
import org.groklab.task.Operation;

/** Range and consistency checks of a bound {@link RunSpec}; each failure names its field and what is allowed. */
final class SpecValidator {
    static final List<String> OPERATIONS = List.of("add", "sub", "mul", "div", "quad", "cubic", "random");
    static final List<String> MODELS = List.of("pair-mlp", "gromov-mlp", "parity-mlp");
    static final List<String> ACTIVATIONS = List.of("quadratic", "relu", "sin", "tanh", "identity");
    static final List<String> LOSSES = List.of("cross_entropy", "mse", "hinge");
    static final List<String> OPTIMIZERS = List.of("sgd", "adam", "adamw");

    private SpecValidator() {
    }

    static void validate(RunSpec s) {
        require(s.name() != null && s.name().matches("[A-Za-z0-9._-]+"), "name",
                "letters, digits, '.', '_' or '-' only");
        require(s.source() != null, "source", "a text");
        RunSpec.Task t = s.task();
        oneOf("task.type", t.type(), List.of("modular", "parity"));
        boolean parity = t.type().equals("parity");
        require(parity == s.model().type().equals("parity-mlp"), parity ? "model.type" : "task.type",
                "task parity and model parity-mlp go together; got task " + t.type() + " with model "
                        + s.model().type());
        if (parity) {
            validateParity(s);
        }
        require(t.p() >= 2 && t.p() <= 2000, "task.p", "an integer in [2, 2000], got " + t.p());
        oneOf("task.operation", t.operation(), OPERATIONS);
        Operation op = Operation.valueOf(t.operation().toUpperCase(java.util.Locale.ROOT));
        require(op != Operation.DIV || Operation.isPrime(t.p()), "task.p",
                "must be prime for operation div, got " + t.p());
        oneOf("task.pairs", t.pairs(), List.of("all", "symmetric"));
        require(!t.pairs().equals("symmetric") || op.commutative() || op == Operation.RANDOM, "task.pairs",
                "symmetric needs a commutative operation (add, mul, quad) or random, got " + t.operation());
        openUnit("task.train_fraction", t.trainFraction());
        require(t.labelNoise() >= 0 && t.labelNoise() < 1, "task.label_noise",
                "must be in [0, 1), got " + t.labelNoise());

        RunSpec.ModelSpec m = s.model();
        oneOf("model.type", m.type(), MODELS);
        positive("model.width", m.width());
        positive("model.d_embed", m.dEmbed());
        oneOf("model.activation", m.activation(), ACTIVATIONS);
        require(m.layers() == 1 || m.layers() == 2, "model.layers", "must be 1 or 2, got " + m.layers());
        require(!(m.type().equals("pair-mlp") && m.collapsedHidden() && !m.collapsedOutput() && m.tiedEmbedding()),
                "model.tied_embedding", "must be false when collapsed_hidden removes E and the output is not "
                        + "collapsed");

        oneOf("loss.type", s.loss().type(), LOSSES);
        oneOf("loss.reduction", s.loss().reduction(), List.of("examples", "elements"));

        RunSpec.OptimizerSpec o = s.optimizer();
        oneOf("optimizer.type", o.type(), OPTIMIZERS);
        require(o.lr() > 0 && Double.isFinite(o.lr()), "optimizer.lr", "must be > 0, got " + o.lr());
        require(o.betas() != null && o.betas().size() == 2 && o.betas().stream().allMatch(b -> b >= 0 && b < 1),
                "optimizer.betas", "two numbers in [0, 1), got " + o.betas());
        require(o.eps() > 0, "optimizer.eps", "must be > 0, got " + o.eps());
        require(o.momentum() >= 0 && o.momentum() < 1, "optimizer.momentum", "must be in [0, 1), got "
                + o.momentum());
        require(o.weightDecay() >= 0, "optimizer.weight_decay", "must be >= 0, got " + o.weightDecay());
        oneOf("optimizer.decay", o.decay(), List.of("default", "decoupled", "l2", "l1", "decoupled_l1"));
        oneOf("optimizer.schedule", o.schedule(), List.of("constant", "cosine"));
        require(o.warmupSteps() >= 0, "optimizer.warmup_steps", "must be >= 0, got " + o.warmupSteps());
        require(o.minLrFactor() >= 0 && o.minLrFactor() <= 1, "optimizer.min_lr_factor",
                "must be in [0, 1], got " + o.minLrFactor());
        require(o.gradClip() >= 0, "optimizer.grad_clip", "must be >= 0 (0 = off), got " + o.gradClip());
        // absent in configs written before the key existed: none
        if (o.decaySwitchAt() != null) {
            oneOf("optimizer.decay_switch_at", o.decaySwitchAt(), List.of("none", "memorization", "generalization"));
        }
        require(o.decaySwitchTo() >= 0 && Double.isFinite(o.decaySwitchTo()), "optimizer.decay_switch_to",
                "must be >= 0, got " + o.decaySwitchTo());

        require(s.train().steps() >= 1, "train.steps", "must be >= 1, got " + s.train().steps());
        require(s.train().batchSize() >= 0, "train.batch_size", "must be >= 0 (0 = full batch), got "
                + s.train().batchSize());
        RunSpec.Eval e = s.eval();
        require(e.every() >= 0, "eval.every", "must be >= 0, got " + e.every());
        require(e.perDecade() >= 0, "eval.per_decade", "must be >= 0, got " + e.perDecade());
        require(e.memorizeAt() > 0 && e.memorizeAt() <= 1, "eval.memorize_at", "must be in (0, 1], got "
                + e.memorizeAt());
        require(e.generalizeAt() > 0 && e.generalizeAt() <= 1, "eval.generalize_at", "must be in (0, 1], got "
                + e.generalizeAt());
        require(e.grokTestAcc() >= 0 && e.grokTestAcc() < e.generalizeAt(), "eval.grok_test_acc",
                "must be in [0, eval.generalize_at), got " + e.grokTestAcc());
        require(s.checkpoints().perDecade() >= 0, "checkpoints.per_decade", "must be >= 0");
        require(s.checkpoints().resumeEvery() >= 0, "checkpoints.resume_every", "must be >= 0 (0 = off)");
        RunSpec.Snapshots snap = s.snapshots();
        if (snap != null) {
            require(snap.every() >= 0, "snapshots.every", "must be >= 0 (0 = off), got " + snap.every());
            require(snap.steps() == null || snap.steps().stream().allMatch(x -> x != null && x >= 0), "snapshots.steps",
                    "a list of steps >= 0, got " + snap.steps());
            boolean on = snap.every() > 0 || (snap.steps() != null && !snap.steps().isEmpty());
            require(!on || parity, "snapshots", "snapshots are written for parity-mlp runs only");
        }
    }

    /** The (n, k)-parity task and its model and loss. */
    private static void validateParity(RunSpec s) {
        RunSpec.Task t = s.task();
        require(t.n() >= 1 && t.n() <= 100_000, "task.n", "an integer in [1, 100000], got " + t.n());
        require(t.k() >= 1 && t.k() <= t.n(), "task.k", "an integer in [1, task.n = " + t.n() + "], got " + t.k());
        require(t.trainSize() >= 1 && t.trainSize() <= 10_000_000, "task.train_size",
                "an integer in [1, 10000000], got " + t.trainSize());
        require(t.testSize() >= 0 && t.testSize() <= 10_000_000, "task.test_size",
                "an integer in [0, 10000000] (0 = every input not in the training set), got " + t.testSize());
        require(t.testSize() > 0 || t.n() <= 16, "task.test_size",
                "0 (every unseen input) needs task.n <= 16, got n = " + t.n());
        require(t.testSize() > 0 || t.trainSize() < (1 << Math.min(t.n(), 16)), "task.train_size",
                "must leave unseen inputs for test_size 0: less than 2^n = " + (1 << Math.min(t.n(), 16)));
        oneOf("task.bits", t.bits(), List.of("pm1", "01"));
        oneOf("loss.type", s.loss().type(), List.of("hinge", "cross_entropy"));
    }

    private static void require(boolean ok, String field, String allowed) {
        if (!ok) {
            throw new SpecException(field, allowed);
        }
    }

    private static void oneOf(String field, String value, List<String> allowed) {
        require(value != null && allowed.contains(value), field,
                "one of " + String.join(", ", allowed) + "; got " + value);
    }

    private static void positive(String field, int value) {
        require(value > 0, field, "must be > 0, got " + value);
    }

    private static void openUnit(String field, double value) {
        require(value > 0 && value < 1, field, "must be in (0, 1), got " + value);
    }
}
