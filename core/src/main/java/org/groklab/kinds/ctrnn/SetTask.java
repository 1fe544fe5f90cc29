package org.groklab.kinds.ctrnn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.groklab.data.Inputs;
import org.groklab.math.Rng;

/**
 * Murray's SET task as time series (Appendix A): three colours a, b, c in {0, 1, 2} shown one after another, each as
 * its own 100-dimensional N(0, 1) vector drawn once per network; label +1 iff a + b + c = 0 (mod 3), else -1.
 * Onsets are drawn uniformly among all triples the {@link TrialTiming} allows. Training holds at least
 * {@code trialsPerRelation} trials of every relation not held out (Appendix D), with the relations of the rarer
 * label repeated more so that both labels have about the same number of trials; validation trials come from the
 * held-out relations.
 *
 * <p>Every draw comes from a named stream of the seed: "set.colours" (colour vectors), "set.holdout" (which
 * relations are held out), "set.train-trials" and "set.validation-trials" (onsets). Trials are listed relation by
 * relation in id order, training first.
 */
public final class SetTask {
    public static final String COLOURS_STREAM = "set.colours";

    private final SetSplit split;
    private final float[] colours;

    private SetTask(SetSplit split, float[] colours) {
        this.split = split;
        this.colours = colours;
    }

    public static SetTask generate(SetTaskConfig config, long seed) {
        int[] heldOut = config.condition().draw(config.heldOut(), Rng.stream(seed, "set.holdout"));
        List<int[]> onsets = config.timing().allOnsets();
        List<SetTrial> trials = new ArrayList<>();
        int[] counts = trainingCounts(heldOut, config.trialsPerRelation());
        Rng trainRng = Rng.stream(seed, "set.train-trials");
        for (int id = 0; id < Relation.COUNT; id++) {
            for (int k = 0; k < counts[id]; k++) {
                trials.add(trial(Relation.of(id), onsets.get(trainRng.nextInt(onsets.size()))));
            }
        }
        int nTrain = trials.size();
        int[] validationRelations = heldOut.length > 0 ? heldOut : allRelations();
        Rng valRng = Rng.stream(seed, "set.validation-trials");
        for (int id : validationRelations) {
            for (int k = 0; k < config.validationPerRelation(); k++) {
                trials.add(trial(Relation.of(id), onsets.get(valRng.nextInt(onsets.size()))));
            }
        }
        int[] train = range(0, nTrain);
        int[] validation = range(nTrain, trials.size());
        SetSplit split = new SetSplit(seed, COLOURS_STREAM, config.inputDim(), config.timing(), config.condition(),
                heldOut, List.copyOf(trials), train, validation);
        return new SetTask(split, colours(seed, COLOURS_STREAM, config.inputDim()));
    }

    /** Rebuilds a task from its description, checking every trial against the timing rules. */
    public static SetTask fromSplit(SetSplit split) {
        TrialTiming timing = split.timing();
        for (int i = 0; i < split.trials().size(); i++) {
            SetTrial t = split.trials().get(i);
            t.relation();
            if (!timing.allows(t.o1(), t.o2(), t.o3())) {
                throw new IllegalArgumentException("trials[" + i + "]: onsets " + t.o1() + ", " + t.o2() + ", "
                        + t.o3() + " break the timing rules");
            }
        }
        for (int id : concat(split.train(), split.validation())) {
            if (id < 0 || id >= split.trials().size()) {
                throw new IllegalArgumentException("train/validation: trial id " + id + " is not in 0.."
                        + (split.trials().size() - 1));
            }
        }
        if (split.inputDim() < 1) {
            throw new IllegalArgumentException("input_dim must be >= 1: " + split.inputDim());
        }
        return new SetTask(split, colours(split.seed(), split.coloursStream(), split.inputDim()));
    }

    /**
     * Training trials per relation: {@code base} for the relations of the more common label among those kept,
     * round(base × majority / minority) for the others, none for held-out relations.
     */
    static int[] trainingCounts(int[] heldOut, int base) {
        boolean[] out = new boolean[Relation.COUNT];
        for (int id : heldOut) {
            out[id] = true;
        }
        int valid = 0;
        int invalid = 0;
        for (int id = 0; id < Relation.COUNT; id++) {
            if (!out[id]) {
                if (Relation.of(id).valid()) {
                    valid++;
                } else {
                    invalid++;
                }
            }
        }
        int perValid = base;
        int perInvalid = base;
        if (valid > 0 && invalid > 0) {
            if (valid < invalid) {
                perValid = (int) Math.round((double) base * invalid / valid);
            } else {
                perInvalid = (int) Math.round((double) base * valid / invalid);
            }
        }
        int[] counts = new int[Relation.COUNT];
        for (int id = 0; id < Relation.COUNT; id++) {
            counts[id] = out[id] ? 0 : Relation.of(id).valid() ? perValid : perInvalid;
        }
        return counts;
    }

    private static float[] colours(long seed, String stream, int dim) {
        Rng rng = Rng.stream(seed, stream);
        float[] c = new float[3 * dim];
        for (int i = 0; i < c.length; i++) {
            c[i] = (float) rng.nextGaussian();
        }
        return c;
    }

    private static SetTrial trial(Relation r, int[] onset) {
        return new SetTrial(r.a(), r.b(), r.c(), onset[0], onset[1], onset[2]);
    }

    private static int[] allRelations() {
        return range(0, Relation.COUNT);
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }

    private static int[] concat(int[] x, int[] y) {
        int[] r = Arrays.copyOf(x, x.length + y.length);
        System.arraycopy(y, 0, r, x.length, y.length);
        return r;
    }

    public SetSplit split() {
        return split;
    }

    public TrialTiming timing() {
        return split.timing();
    }

    public int steps() {
        return split.timing().steps();
    }

    public int inputDim() {
        return split.inputDim();
    }

    /** The colour vectors, [3 × inputDim]: green, purple, red. A copy. */
    public float[] colours() {
        return colours.clone();
    }

    public SetTrial trial(int id) {
        return split.trials().get(id);
    }

    public int[] trainIds() {
        return split.train().clone();
    }

    public int[] validationIds() {
        return split.validation().clone();
    }

    /**
     * Writes the inputs of trials {@code ids[from..from+count)} into {@code out} as [count × T × inputDim]
     * (row-major): the colour's vector while it is shown, zeros elsewhere.
     */
    public void inputs(int[] ids, int from, int count, float[] out) {
        int t = steps();
        int d = inputDim();
        Arrays.fill(out, 0, count * t * d, 0f);
        for (int i = 0; i < count; i++) {
            SetTrial trial = trial(ids[from + i]);
            for (int p = 0; p < 3; p++) {
                for (int s = 0; s < timing().inputSteps(); s++) {
                    System.arraycopy(colours, trial.colour(p) * d, out, (i * t + trial.onset(p) + s) * d, d);
                }
            }
        }
    }

    /**
     * The inputs of trials {@code ids[from..from+count)} as their steps that show a colour: the sequences
     * {@link #inputs} writes, without their zeros (a trial shows three colours for a few of its steps).
     */
    public Inputs.SparseSequences sparseInputs(int[] ids, int from, int count) {
        int t = steps();
        int d = inputDim();
        int[] colourAt = new int[t];
        int[] starts = new int[count + 1];
        int most = count * 3 * timing().inputSteps(); // as many entries as shown steps, fewer if two colours overlap
        int[] at = new int[most];
        float[] values = new float[most * d];
        int entries = 0;
        for (int i = 0; i < count; i++) {
            shownColours(trial(ids[from + i]), colourAt);
            for (int step = 0; step < t; step++) {
                if (colourAt[step] >= 0) {
                    System.arraycopy(colours, colourAt[step] * d, values, entries * d, d);
                    at[entries++] = step;
                }
            }
            starts[i + 1] = entries;
        }
        return entries == most ? new Inputs.SparseSequences(t, d, starts, at, values)
                : new Inputs.SparseSequences(t, d, starts, Arrays.copyOf(at, entries),
                        Arrays.copyOf(values, entries * d));
    }

    /** colourAt[step] = the colour the trial shows at that step, -1 for none (a later colour on a step wins). */
    private void shownColours(SetTrial trial, int[] colourAt) {
        Arrays.fill(colourAt, -1);
        for (int p = 0; p < 3; p++) { // in the order inputs() writes them
            for (int s = 0; s < timing().inputSteps(); s++) {
                colourAt[trial.onset(p) + s] = trial.colour(p);
            }
        }
    }

    /** The labels (+1 / -1) of trials {@code ids[from..from+count)}. */
    public float[] labels(int[] ids, int from, int count) {
        float[] y = new float[count];
        for (int i = 0; i < count; i++) {
            y[i] = trial(ids[from + i]).label();
        }
        return y;
    }
}
