package org.groklab.data;

/**
 * Examples fed to a model at once: their {@link Inputs} and the {@link Targets} they are scored against.
 * The accessors below are shortcuts for the common shapes and fail loudly on another shape.
 */
public record Batch(int size, Inputs inputs, Targets targets) {

    public Batch {
        if (inputs.size() != size || targets.size() != size) {
            throw new IllegalArgumentException("batch of " + size + " examples with " + inputs.size()
                    + " inputs and " + targets.size() + " targets");
        }
    }

    public Batch(Inputs inputs, Targets targets) {
        this(inputs.size(), inputs, targets);
    }

    public static Batch ofTokens(int arity, int[] tokens, int[] labels) {
        return new Batch(new Inputs.Tokens(arity, tokens), new Targets.Classes(labels));
    }

    public static Batch ofFeatures(int dim, float[] features, int[] labels) {
        return new Batch(new Inputs.Features(dim, features), new Targets.Classes(labels));
    }

    public int token(int example, int position) {
        Inputs.Tokens t = tokenInputs();
        return t.ids()[example * t.arity() + position];
    }

    /** Token ids, {@code size × arity}. */
    public int[] tokens() {
        return tokenInputs().ids();
    }

    public int arity() {
        return tokenInputs().arity();
    }

    /** Feature vectors, {@code size × dim}; null when the inputs are not feature vectors. */
    public float[] features() {
        return inputs instanceof Inputs.Features f ? f.values() : null;
    }

    /** Width of the feature vectors; 0 when the inputs are not feature vectors. */
    public int dim() {
        return inputs instanceof Inputs.Features f ? f.dim() : 0;
    }

    /** The class id of every example. */
    public int[] labels() {
        if (targets instanceof Targets.Classes c) {
            return c.ids();
        }
        throw new IllegalStateException("this batch has float targets, not class labels");
    }

    /** The examples at {@code rows}, in that order. */
    public Batch select(int[] rows) {
        return new Batch(rows.length, inputs.select(rows), targets.select(rows));
    }

    /** The same inputs with other targets (e.g. noisy training labels). */
    public Batch withTargets(Targets other) {
        return new Batch(size, inputs, other);
    }

    private Inputs.Tokens tokenInputs() {
        if (inputs instanceof Inputs.Tokens t) {
            return t;
        }
        throw new IllegalStateException("this batch holds " + inputs.getClass().getSimpleName() + ", not tokens");
    }
}
