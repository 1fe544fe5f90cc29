package org.groklab.spec;


/** Range and consistency checks of a bound {@link RunSpec}; each failure names its field and what is allowed. */
final class SpecValidator {
    /** The longest run: PAIR's 50,000 steps and Murray's 40,000 fit many times over. */
    static final long MAX_STEPS = 100_000_000L;

    private SpecValidator() {
    }

    static void validate(RunSpec s) {
        require(s.name() != null && s.name().matches("[A-Za-z0-9._-]+"), "name",
                "letters, digits, '.', '_' or '-' only");
        require(s.source() != null, "source", "a text");
        String owner = SpecKinds.modelTypes().get(s.model().type());
        require(s.task().type().equals(owner), "model.type", "task " + s.task().type() + " trains "
                + String.join(", ", SpecKinds.forTask(s.task().type()).models().keySet()) + "; got "
                + s.model().type());
        s.task().validate(s);
        s.model().validate(s);

        require(s.loss().type() != null, "loss.type", "one of " + String.join(", ", Words.all(RunSpec.LossType.class)));
        require(s.loss().reduction() != null, "loss.reduction", "one of "
                + String.join(", ", Words.all(RunSpec.Reduction.class)));

        RunSpec.OptimizerSpec o = s.optimizer();
        require(o.lr() > 0 && o.lr() <= 1e3, "optimizer.lr", "must be in (0, 1000], got " + o.lr());
        require(o.betas() != null && o.betas().size() == 2 && o.betas().stream().allMatch(b -> b >= 0 && b < 1),
                "optimizer.betas", "two numbers in [0, 1), got " + o.betas());
        require(o.eps() > 0 && o.eps() <= 1, "optimizer.eps", "must be in (0, 1], got " + o.eps());
        require(o.momentum() >= 0 && o.momentum() < 1, "optimizer.momentum", "must be in [0, 1), got "
                + o.momentum());
        // settings the run's optimizer does not use are errors, not silently ignored
        String opt = Words.of(o.type());
        if (o.type() != RunSpec.OptimizerType.SGD) {
            require(o.momentum() == 0, "optimizer.momentum", "is used by sgd only; this run's optimizer is " + opt);
            require(!o.nesterov(), "optimizer.nesterov", "is used by sgd only; this run's optimizer is " + opt);
        } else {
            require(o.betas().equals(java.util.List.of(0.9, 0.999)), "optimizer.betas",
                    "are used by adam and adamw only; this run's optimizer is sgd");
            require(o.eps() == 1e-8, "optimizer.eps", "is used by adam and adamw only; this run's optimizer is sgd");
            require(!o.nesterov() || o.momentum() > 0, "optimizer.nesterov", "needs optimizer.momentum > 0");
        }
        require(o.decaySwitchAt() != RunSpec.DecaySwitch.NONE && o.decaySwitchAt() != null || o.decaySwitchTo() == 0,
                "optimizer.decay_switch_to", "is used only with optimizer.decay_switch_at memorization or "
                        + "generalization");
        require(o.weightDecay() >= 0 && o.weightDecay() <= 1e3, "optimizer.weight_decay",
                "must be in [0, 1000], got " + o.weightDecay());
        require(o.warmupSteps() >= 0 && o.warmupSteps() <= s.train().steps(), "optimizer.warmup_steps",
                "must be in [0, train.steps], got " + o.warmupSteps());
        require(o.minLrFactor() >= 0 && o.minLrFactor() <= 1, "optimizer.min_lr_factor",
                "must be in [0, 1], got " + o.minLrFactor());
        require(o.gradClip() >= 0 && o.gradClip() <= 1e9, "optimizer.grad_clip",
                "must be in [0, 1e9] (0 = off), got " + o.gradClip());
        require(o.decaySwitchTo() >= 0 && o.decaySwitchTo() <= 1e3, "optimizer.decay_switch_to",
                "must be in [0, 1000], got " + o.decaySwitchTo());

        require(s.train().steps() >= 1 && s.train().steps() <= MAX_STEPS, "train.steps",
                "an integer in [1, " + MAX_STEPS + "], got " + s.train().steps());
        require(s.train().batchSize() >= 0, "train.batch_size", "must be >= 0 (0 = full batch), got "
                + s.train().batchSize());
        require(s.train().stopAfterGeneralized() >= 0, "train.stop_after_generalized",
                "must be >= 0 (0 = off), got " + s.train().stopAfterGeneralized());
        RunSpec.Eval e = s.eval();
        require(e.every() >= 0, "eval.every", "must be >= 0, got " + e.every());
        require(e.perDecade() >= 0 && e.perDecade() <= 1000, "eval.per_decade",
                "an integer in [0, 1000], got " + e.perDecade());
        require(e.memorizeAt() > 0 && e.memorizeAt() <= 1, "eval.memorize_at", "must be in (0, 1], got "
                + e.memorizeAt());
        require(e.generalizeAt() > 0 && e.generalizeAt() <= 1, "eval.generalize_at", "must be in (0, 1], got "
                + e.generalizeAt());
        require(e.grokTestAcc() >= 0 && e.grokTestAcc() < e.generalizeAt(), "eval.grok_test_acc",
                "must be in [0, eval.generalize_at), got " + e.grokTestAcc());
        require(s.checkpoints().perDecade() >= 0 && s.checkpoints().perDecade() <= 100, "checkpoints.per_decade",
                "an integer in [0, 100], got " + s.checkpoints().perDecade());
        require(s.checkpoints().resumeEvery() >= 0, "checkpoints.resume_every", "must be >= 0 (0 = off)");
        RunSpec.Snapshots snap = s.snapshots();
        if (snap != null) {
            require(snap.every() >= 0, "snapshots.every", "must be >= 0 (0 = off), got " + snap.every());
            require(snap.steps() == null || snap.steps().stream().allMatch(x -> x != null && x >= 0), "snapshots.steps",
                    "a list of steps >= 0, got " + snap.steps());
        }
    }

    private static void require(boolean ok, String field, String allowed) {
        Checks.require(ok, field, allowed);
    }
}
