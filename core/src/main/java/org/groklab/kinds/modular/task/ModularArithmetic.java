package org.groklab.kinds.modular.task;

import org.groklab.data.Split;
import java.util.Arrays;
import org.groklab.math.Rng;
import org.groklab.data.Batch;

/**
 * Binary operations over Z_p as a classification task with p classes.
 *
 * <p>Examples are enumerated a-major: for a = 0..p-1, for b = 0..p-1, keeping b ≥ a when only symmetric pairs are
 * used (as PAIR does) and b ≠ 0 for division. A seeded permutation (stream "split") puts the first
 * round(trainFraction × n) examples in the training set; both index lists are stored sorted. Label noise (stream
 * "noise") replaces round(labelNoise × nTrain) training labels by a different, uniformly drawn class.
 */
public final class ModularArithmetic {
    private final int p;
    private final Operation op;
    private final boolean symmetric;
    private final int[] table;

    /**
     * @param tableSeed seeds the table of {@link Operation#RANDOM} (stream "table"); ignored otherwise
     */
    public ModularArithmetic(int p, Operation op, boolean symmetric, long tableSeed) {
        if (p < 2) {
            throw new IllegalArgumentException("p must be at least 2, got " + p);
        }
        if (op == Operation.DIV && !Operation.isPrime(p)) {
            throw new IllegalArgumentException("division needs a prime p, got " + p);
        }
        this.p = p;
        this.op = op;
        this.symmetric = symmetric;
        if (op == Operation.RANDOM) {
            Rng rng = Rng.stream(tableSeed, "table");
            table = new int[p * p];
            for (int i = 0; i < table.length; i++) {
                table[i] = rng.nextInt(p);
            }
        } else {
            table = null;
        }
    }

    public int p() {
        return p;
    }

    public int label(int a, int b) {
        return table != null ? table[a * p + b] : op.apply(a, b, p);
    }

    /** Every example in the documented order: tokens (a, b) and the true label. */
    public Batch examples() {
        int[] tokens = new int[2 * p * p];
        int[] labels = new int[p * p];
        int n = 0;
        for (int a = 0; a < p; a++) {
            for (int b = symmetric ? a : 0; b < p; b++) {
                if (op == Operation.DIV && b == 0) {
                    continue;
                }
                tokens[2 * n] = a;
                tokens[2 * n + 1] = b;
                labels[n] = label(a, b);
                n++;
            }
        }
        return Batch.ofTokens(2, Arrays.copyOf(tokens, 2 * n), Arrays.copyOf(labels, n));
    }

    /** The seeded train/test split with label noise. */
    public Split split(long seed, double trainFraction, double labelNoise) {
        Batch all = examples();
        int n = all.size();
        int nTrain = (int) Math.max(1, Math.min(n - 1, Math.round(trainFraction * n)));
        int[] perm = Rng.stream(seed, "split").permutation(n);
        int[] train = Arrays.copyOfRange(perm, 0, nTrain);
        int[] test = Arrays.copyOfRange(perm, nTrain, n);
        Arrays.sort(train);
        Arrays.sort(test);
        int[] trainLabels = new int[nTrain];
        for (int i = 0; i < nTrain; i++) {
            trainLabels[i] = all.labels()[train[i]];
        }
        int nNoisy = (int) Math.round(labelNoise * nTrain);
        Rng noise = Rng.stream(seed, "noise");
        int[] chosen = Arrays.copyOf(noise.permutation(nTrain), nNoisy);
        Arrays.sort(chosen);
        for (int i : chosen) {
            trainLabels[i] = (trainLabels[i] + 1 + noise.nextInt(p - 1)) % p;
        }
        return new Split(all, train, test, trainLabels, chosen);
    }
}
