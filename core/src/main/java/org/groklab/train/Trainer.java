package org.groklab.train;

import java.util.List;
import org.groklab.data.Scoring;
import org.groklab.loss.Loss;
import org.groklab.math.Rng;
import org.groklab.math.Tensors;
import org.groklab.data.Batch;
import org.groklab.model.Model;
import org.groklab.model.Model64;
import org.groklab.model.Param;
import org.groklab.optim.GradientClipping;
import org.groklab.spec.RunSpec;

/**
 * The training loop. For each step s (the number of updates done so far): forward and backward on the batch,
 * then — on the schedule — metrics and checkpoints of the parameters as they are after s updates, then update s+1.
 * A non-finite loss ends the run as diverged; nothing here throws for it.
 */
public final class Trainer {

    /** Where the loop's output goes (a run directory, or nothing in tests). */
    public interface Sink {
        void metrics(Metrics m);

        void timing(long step, double elapsedSeconds, double secondsPerStep);

        /** Save the parameters and optimizer state at {@code step}; {@code rolling} for the resume checkpoint. */
        void checkpoint(long step, boolean rolling);

        /** Write the snapshot files of {@code step} (spec section snapshots; parity runs). */
        default void snapshot(long step) {
        }
    }

    /** How the loop ended. {@code divergedAt} is -1 unless the loss became NaN or infinite. */
    public record Result(Events events, long stepsDone, long divergedAt, Metrics last) {
    }

    private Trainer() {
    }

    /**
     * Trains to the spec's last step, from step 0 ({@code resumedFrom} = -1) or from the step of the checkpoint a
     * resumed run was restored from (whose metrics and checkpoint already exist).
     */
    public static Result run(Setup setup, long resumedFrom, Events events, Sink sink, Progress progress) {
        Loop loop = new Loop(setup, resumedFrom, events, sink, progress);
        Step step = new Step(setup);
        while (true) {
            Batch batch = loop.batch();
            Pass pass = loop.trains() ? step.gradients(batch, loop.step()) : null;
            Result r = loop.afterGradients(pass);
            if (r != null) {
                return r;
            }
            step.update(loop.step());
            loop.updated();
        }
    }

    /**
     * The loop of one run, a step at a time, around the work of its updates: {@link #batch()} of the step, then (with
     * the gradients the caller computed on it) {@link #afterGradients} measures, checkpoints and snapshots on the
     * schedule and says when the run ends; otherwise the caller updates the parameters and calls {@link #updated()}.
     * {@link #run} drives one loop; a population drives several in lockstep.
     */
    static final class Loop {
        private final Setup setup;
        private final Events events;
        private final Sink sink;
        private final Progress progress;
        private final long total;
        private final Schedule evals;
        private final Schedule checkpoints;
        private final int resumeEvery;
        private final int stopAfter;
        private final Batch train;
        private final Batch test;
        private final Minibatches minibatches;
        private final RunSpec.Snapshots snapshots;
        private final DecaySwitch decaySwitch;
        private final long resumedFrom;
        private final long t0;
        private final RunTimes.Clock clock = new RunTimes.Clock();
        private long s;
        private long lastTimedStep;
        private long lastTimedNanos;
        private Metrics last;
        private Batch batch;

        Loop(Setup setup, long resumedFrom, Events events, Sink sink, Progress progress) {
            this.setup = setup;
            this.events = events;
            this.sink = sink;
            this.progress = progress;
            RunSpec spec = setup.spec();
            this.total = spec.train().steps();
            this.evals = new Schedule(total, spec.eval().every(), spec.eval().perDecade());
            this.checkpoints = new Schedule(total, 0, spec.checkpoints().perDecade());
            this.resumeEvery = spec.checkpoints().resumeEvery();
            this.stopAfter = spec.train().stopAfterGeneralized();
            this.train = setup.split().trainBatch();
            this.test = setup.split().testBatch();
            this.minibatches = new Minibatches(train, spec.train().batchSize(), spec.seed(), spec.train().dropLast());
            this.snapshots = spec.snapshots();
            this.decaySwitch = new DecaySwitch(spec.optimizer());
            decaySwitch.apply(events, setup.optimizer()); // a resumed run that already passed the event
            this.resumedFrom = resumedFrom;
            this.t0 = System.nanoTime();
            clock.start();
            this.s = Math.max(0, resumedFrom);
            this.lastTimedStep = s;
            this.lastTimedNanos = t0;
        }

        /** The step: the number of updates done so far. */
        long step() {
            return s;
        }

        /** Whether this step computes gradients (every step before the last). */
        boolean trains() {
            return s < total;
        }

        /** The batch of this step. */
        Batch batch() {
            batch = minibatches.batch(s);
            return batch;
        }

        /**
         * Whether {@link #afterGradients} may read the parameters or the optimizer state at this step (to measure,
         * checkpoint or snapshot them, or because the run ends here), given the training loss of the step.
         */
        boolean readsParameters(double trainLoss) {
            boolean fresh = s != resumedFrom;
            return s >= total || !Double.isFinite(trainLoss)
                    || (fresh && (evals.includes(s) || checkpoints.includes(s)
                    || (snapshots != null && snapshotAt(snapshots, s))
                    || (resumeEvery > 0 && s > 0 && s % resumeEvery == 0)));
        }

        /** Measures, checkpoints and snapshots of this step on the schedule; the result when the run ends here. */
        Result afterGradients(Pass pass) {
            boolean fresh = s != resumedFrom;
            boolean evaluate = fresh && evals.includes(s);
            double trainLoss = pass == null ? Double.NaN : pass.loss();
            clock.stepDone(false);
            boolean diverged = s < total && !Double.isFinite(trainLoss);
            if (evaluate || diverged) {
                last = measure(setup, s, train, test, batch == train ? pass : null, trainLoss);
                clock.evaluationDone();
                sink.metrics(last);
                long now = System.nanoTime();
                double perStep = s > lastTimedStep ? (now - lastTimedNanos) / 1e9 / (s - lastTimedStep) : 0;
                sink.timing(s, (now - t0) / 1e9, perStep);
                lastTimedStep = s;
                lastTimedNanos = now;
                progress.evaluated(last, total, (now - t0) / 1e9);
                diverged |= !last.finite();
                boolean event = events.observe(s, last.trainAcc(), last.testAcc());
                if (event) {
                    decaySwitch.apply(events, setup.optimizer());
                }
                boolean settled = stopAfter > 0 && events.heldGeneralized() >= stopAfter && s < total;
                if (!diverged && (event || settled || checkpoints.includes(s))) {
                    sink.checkpoint(s, false);
                }
                if (settled && !diverged) {
                    return finish(new Result(events, s, -1, last), clock, progress); // stop_after_generalized: decided
                }
            } else if (fresh && checkpoints.includes(s)) {
                sink.checkpoint(s, false);
            }
            if (fresh && !diverged && snapshots != null && snapshotAt(snapshots, s)) {
                sink.snapshot(s);
            }
            if (diverged) {
                return finish(new Result(events, s, s, last), clock, progress);
            }
            if (s == total) {
                return finish(new Result(events, s, -1, last), clock, progress);
            }
            if (fresh && resumeEvery > 0 && s > 0 && s % resumeEvery == 0 && !checkpoints.includes(s)) {
                sink.checkpoint(s, true);
            }
            clock.writingDone();
            return null;
        }

        /** After the caller's update s + 1: on to the next step. */
        void updated() {
            clock.stepDone(true);
            if (s == Math.max(0, resumedFrom)) {
                progress.firstStepDone();
            }
            s++;
        }
    }

    private static Result finish(Result r, RunTimes.Clock clock, Progress progress) {
        clock.writingDone();
        progress.finished(clock.times());
        return r;
    }

    /** The loss plus the model's regularization term of the last forward pass (when it has one). */
    static double withRegularization(Model model, double loss) {
        double r = model.regularization();
        return r == 0 ? loss : loss + r;
    }

    /** The outputs of a forward pass and its loss; a float64 model's outputs also in float64 ({@code out64}). */
    public record Pass(float[] out, double loss, double[] out64) {
        public Pass(float[] out, double loss) {
            this(out, loss, null);
        }
    }

    /**
     * The work of one update, shared by the loop and the benchmark: forward and backward on a batch, then gradient
     * clipping and the optimizer's step.
     */
    public static final class Step {
        private final Setup setup;
        private final Model model;
        private final List<Param> params;
        private final double clip;
        private final boolean wide;

        public Step(Setup setup) {
            this.setup = setup;
            this.model = setup.model();
            this.params = model.params();
            this.clip = setup.spec().optimizer().gradClip();
            this.wide = params.stream().anyMatch(Param::isFloat64);
        }

        /**
         * Forward and backward on the batch at step s: every parameter's gradient (unless the loss is not finite).
         */
        public Pass gradients(Batch batch, long s) {
            model.prepare(s, true);
            if (model instanceof Model64 wide) {
                return gradients64(wide, batch);
            }
            float[] out = model.forward(batch);
            float[] dOut = new float[out.length];
            double loss = withRegularization(model,
                    setup.loss().evaluate(out, batch.targets(), batch.size(), model.outputs(), dOut));
            if (Double.isFinite(loss)) {
                model.backward(dOut);
            }
            return new Pass(out, loss);
        }

        /** A float64 model: outputs, loss and its gradient in float64; the outputs rounded to float32 are returned. */
        private Pass gradients64(Model64 wide, Batch batch) {
            double[] out = wide.forward64(batch);
            double[] dOut = new double[out.length];
            double loss = withRegularization(model,
                    setup.loss().evaluate64(out, batch.targets(), batch.size(), model.outputs(), dOut));
            if (Double.isFinite(loss)) {
                wide.backward64(dOut);
            }
            return new Pass(Tensors.narrow(out), loss, out);
        }

        /** Update s + 1 from the gradients: clipping, then the optimizer at step s's learning rate. */
        public void update(long s) {
            if (clip > 0) {
                GradientClipping.clip(params, clip);
            }
            if (wide) {
                setup.optimizer().step(params, setup.learningRate().at(s), setup.learningRate().exact(s));
            } else {
                setup.optimizer().step(params, setup.learningRate().at(s));
            }
        }
    }

    /** Metrics of the parameters as they are now; reuses the training forward pass when it covered the train set. */
    static Metrics measure(Setup setup, long step, Batch train, Batch test, Pass trainPass, double trainLoss) {
        Model model = setup.model();
        if (model instanceof Model64 wide) {
            return measure64(setup, wide, step, train, test, trainPass, trainLoss);
        }
        float[] trainOut = trainPass == null ? null : trainPass.out();
        Loss loss = setup.loss();
        Scoring scoring = setup.scoring();
        int outputs = model.outputs();
        if (trainOut == null) {
            model.prepare(step, false);
            trainOut = model.forward(train);
            trainLoss = withRegularization(model, loss.evaluate(trainOut, train.targets(), train.size(), outputs,
                    null));
        }
        double trainAcc = scoring.accuracy(trainOut, train.targets(), train.size(), outputs);
        model.prepare(step, false);
        float[] testOut = model.forward(test);
        double testLoss = withRegularization(model, loss.evaluate(testOut, test.targets(), test.size(), outputs,
                null));
        double testAcc = scoring.accuracy(testOut, test.targets(), test.size(), outputs);
        return metrics(setup, step, trainLoss, trainAcc, testLoss, testAcc);
    }

    /** {@link #measure} of a float64 model: outputs, losses and accuracies in float64. */
    private static Metrics measure64(Setup setup, Model64 model, long step, Batch train, Batch test, Pass trainPass,
                                     double trainLoss) {
        Loss loss = setup.loss();
        Scoring scoring = setup.scoring();
        int outputs = model.outputs();
        double[] trainOut = trainPass == null ? null : trainPass.out64();
        if (trainOut == null) {
            model.prepare(step, false);
            trainOut = model.forward64(train);
            trainLoss = withRegularization(model, loss.evaluate64(trainOut, train.targets(), train.size(), outputs,
                    null));
        }
        double trainAcc = scoring.accuracy64(trainOut, train.targets(), train.size(), outputs);
        model.prepare(step, false);
        double[] testOut = model.forward64(test);
        double testLoss = withRegularization(model, loss.evaluate64(testOut, test.targets(), test.size(), outputs,
                null));
        double testAcc = scoring.accuracy64(testOut, test.targets(), test.size(), outputs);
        return metrics(setup, step, trainLoss, trainAcc, testLoss, testAcc);
    }

    /** The metrics row: the measures given, and each parameter's L1 and L2 norm (in its own precision). */
    private static Metrics metrics(Setup setup, long step, double trainLoss, double trainAcc, double testLoss,
                                   double testAcc) {
        List<Param> params = setup.model().params();
        double[] l1 = new double[params.size()];
        double[] l2 = new double[params.size()];
        for (int i = 0; i < params.size(); i++) {
            Param p = params.get(i);
            l1[i] = p.isFloat64() ? Tensors.l1(p.values64()) : Tensors.l1(p.data());
            l2[i] = p.isFloat64() ? Tensors.l2(p.values64()) : Tensors.l2(p.data());
        }
        return new Metrics(step, setup.learningRate().at(step), trainLoss, trainAcc, testLoss, testAcc, l1, l2,
                setup.extraMetrics(step));
    }

    static boolean snapshotAt(RunSpec.Snapshots snapshots, long step) {
        return (snapshots.every() > 0 && step % snapshots.every() == 0)
                || (snapshots.steps() != null && snapshots.steps().contains(step));
    }

    /**
     * optimizer.decay_switch_at / decay_switch_to: once the event has happened, the weight decay of every later
     * update is decay_switch_to (the update right after the evaluated step that saw the event is the first).
     */
    static final class DecaySwitch {
        private final RunSpec.DecaySwitch at;
        private final double to;
        private boolean done;

        DecaySwitch(RunSpec.OptimizerSpec o) {
            this.at = o.decaySwitchAt() == null ? RunSpec.DecaySwitch.NONE : o.decaySwitchAt();
            this.to = o.decaySwitchTo();
        }

        void apply(Events events, org.groklab.optim.Optimizer optimizer) {
            boolean happened = switch (at) {
                case MEMORIZATION -> events.memorized() >= 0;
                case GENERALIZATION -> events.generalized() >= 0;
                case NONE -> false;
            };
            if (happened && !done) {
                optimizer.setWeightDecay(to);
                done = true;
            }
        }
    }

    /**
     * Full batch, or seeded shuffled minibatches: epoch e is permuted by stream ("batches", e); with {@code dropLast}
     * an epoch has only full minibatches (the last trials of its permutation sit it out).
     */
    static final class Minibatches {
        private final Batch train;
        private final int size;
        private final long seed;
        private final int perEpoch;
        private long epoch = -1;
        private int[] order;

        Minibatches(Batch train, int batchSize, long seed, boolean dropLast) {
            this.train = train;
            this.size = batchSize <= 0 || batchSize >= train.size() ? 0 : batchSize;
            this.seed = seed;
            this.perEpoch = size == 0 ? 1 : dropLast ? train.size() / size : (train.size() + size - 1) / size;
        }

        Batch batch(long step) {
            if (size == 0) {
                return train;
            }
            long e = step / perEpoch;
            if (e != epoch) {
                epoch = e;
                order = Rng.stream(seed, "batches", e).permutation(train.size());
            }
            int from = (int) (step % perEpoch) * size;
            int to = Math.min(train.size(), from + size);
            return train.select(java.util.Arrays.copyOfRange(order, from, to));
        }
    }
}
