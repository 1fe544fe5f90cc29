package org.groklab.kinds.parity;

import org.groklab.data.Split;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.groklab.math.Rng;
import org.groklab.data.Batch;

/**
 * (n, k)-parity as a binary classification task with one output (shared/seeds/003, and PAIR's "1s and 0s" task in
 * shared/seeds/002).
 *
 * <p>An input is n bits. With {@link Bits#PM1} they are ±1 and the label is the product of the first k (the
 * thesis: positive class when the product is +1); with {@link Bits#ZERO_ONE} they are 0/1 and the label is 1 when
 * the first k hold an odd number of 1s (PAIR). Labels are 1 (positive) or 0 (negative).
 *
 * <p>The N training inputs draw every bit uniformly and independently, in row-major order, from the run's stream
 * "split" (so duplicates are possible, as in the thesis's {@code random.choice}); the test inputs likewise from the
 * stream "test" of {@code testSeed}, which does not depend on the run seed (the thesis's code tests every run on
 * the same 100 inputs, seed 2023). With {@code testSize} 0 the test set is instead every input of {0, 1}^n not in
 * the training set, in counting order (bit 0 is the most significant). Label noise (stream "noise") flips
 * round(labelNoise × N) training labels, chosen without replacement.
 *
 * <p>The split's {@code all} batch holds the training inputs, then the test inputs; train indices are 0..N-1.
 */
public final class SparseParity {
    /** How the bits are written. */
    public enum Bits {
        @com.fasterxml.jackson.annotation.JsonProperty("pm1") PM1('+', '-', 1f, -1f),
        @com.fasterxml.jackson.annotation.JsonProperty("01") ZERO_ONE('1', '0', 1f, 0f);

        final char oneChar;
        final char zeroChar;
        final float one;
        final float zero;

        Bits(char oneChar, char zeroChar, float one, float zero) {
            this.oneChar = oneChar;
            this.zeroChar = zeroChar;
            this.one = one;
            this.zero = zero;
        }

        /** "pm1" or "01", as in the spec. */
        public static Bits of(String name) {
            return switch (name) {
                case "pm1" -> PM1;
                case "01" -> ZERO_ONE;
                default -> throw new IllegalArgumentException("bits must be pm1 or 01, got " + name);
            };
        }
    }

    private final int n;
    private final int k;
    private final Bits bits;

    public SparseParity(int n, int k, Bits bits) {
        if (n < 1 || k < 1 || k > n) {
            throw new IllegalArgumentException("need 1 <= k <= n, got n = " + n + ", k = " + k);
        }
        this.n = n;
        this.k = k;
        this.bits = bits;
    }

    public int n() {
        return n;
    }

    public int k() {
        return k;
    }

    public Bits bits() {
        return bits;
    }

    /** The label of an input given as n features: 1 when the parity of the first k bits is positive/odd. */
    public int label(float[] x, int offset) {
        if (bits == Bits.PM1) {
            int negatives = 0;
            for (int j = 0; j < k; j++) {
                if (x[offset + j] < 0) {
                    negatives++;
                }
            }
            return negatives % 2 == 0 ? 1 : 0;
        }
        int ones = 0;
        for (int j = 0; j < k; j++) {
            if (x[offset + j] > 0.5f) {
                ones++;
            }
        }
        return ones % 2;
    }

    /** {@code count} inputs with uniformly random bits from {@code rng}, and their true labels. */
    public Batch sample(int count, Rng rng) {
        float[] x = new float[count * n];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < n; j++) {
                x[i * n + j] = (rng.nextLong() & 1) == 1 ? bits.one : bits.zero;
            }
            labels[i] = label(x, i * n);
        }
        return Batch.ofFeatures(n, x, labels);
    }

    /** Every input of the cube not among {@code seen}, in counting order (n <= 16). */
    public Batch unseen(Batch seen) {
        if (n > 16) {
            throw new IllegalArgumentException("every unseen input needs n <= 16, got " + n);
        }
        Set<Integer> codes = new HashSet<>();
        for (int i = 0; i < seen.size(); i++) {
            codes.add(code(seen.features(), i * n));
        }
        int total = 1 << n;
        float[] x = new float[(total - codes.size()) * n];
        int[] labels = new int[total - codes.size()];
        int row = 0;
        for (int c = 0; c < total; c++) {
            if (codes.contains(c)) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                x[row * n + j] = ((c >>> (n - 1 - j)) & 1) == 1 ? bits.one : bits.zero;
            }
            labels[row] = label(x, row * n);
            row++;
        }
        return Batch.ofFeatures(n, x, labels);
    }

    private int code(float[] x, int offset) {
        int c = 0;
        for (int j = 0; j < n; j++) {
            c = (c << 1) | (x[offset + j] == bits.one ? 1 : 0);
        }
        return c;
    }

    /** The training set (run seed), the test set ({@code testSeed}, or every unseen input) and label noise. */
    public Split split(long seed, int trainSize, int testSize, long testSeed, double labelNoise) {
        Batch train = sample(trainSize, Rng.stream(seed, "split"));
        Batch test = testSize > 0 ? sample(testSize, Rng.stream(testSeed, "test")) : unseen(train);
        int nTrain = train.size();
        int nTest = test.size();
        float[] x = Arrays.copyOf(train.features(), (nTrain + nTest) * n);
        System.arraycopy(test.features(), 0, x, nTrain * n, nTest * n);
        int[] labels = Arrays.copyOf(train.labels(), nTrain + nTest);
        System.arraycopy(test.labels(), 0, labels, nTrain, nTest);
        int[] trainIdx = new int[nTrain];
        int[] testIdx = new int[nTest];
        for (int i = 0; i < nTrain; i++) {
            trainIdx[i] = i;
        }
        for (int i = 0; i < nTest; i++) {
            testIdx[i] = nTrain + i;
        }
        int[] trainLabels = train.labels().clone();
        int nNoisy = (int) Math.round(labelNoise * nTrain);
        int[] chosen = Arrays.copyOf(Rng.stream(seed, "noise").permutation(nTrain), nNoisy);
        Arrays.sort(chosen);
        for (int i : chosen) {
            trainLabels[i] = 1 - trainLabels[i];
        }
        return new Split(Batch.ofFeatures(n, x, labels), trainIdx, testIdx, trainLabels, chosen);
    }

    /** The input as a string of n characters: '+'/'-' for ±1 bits, '1'/'0' for 0/1 bits. */
    public String text(float[] x, int offset) {
        return text(bits, x, offset, n);
    }

    static String text(Bits bits, float[] x, int offset, int n) {
        char[] c = new char[n];
        for (int j = 0; j < n; j++) {
            c[j] = x[offset + j] == bits.one ? bits.oneChar : bits.zeroChar;
        }
        return new String(c);
    }

    /**
     * split.json of a split of bit inputs: every input as a bit string with its true label, the train and test
     * indices and the noisy labels. The encoding is read off the inputs: ±1 when any bit is negative, else 0/1.
     */
    public static void describe(Split split, ObjectNode root) {
        Batch all = split.all();
        int n = all.dim();
        Bits bits = Bits.ZERO_ONE;
        for (float v : all.features()) {
            if (v < 0) {
                bits = Bits.PM1;
                break;
            }
        }
        root.put("order", "the training inputs in the order drawn, then the test inputs");
        root.put("columns", bits == Bits.PM1
                ? "bits ('+' = +1, '-' = -1; bit 0 first), label (1 = product of the first k bits is +1, else 0)"
                : "bits (0/1; bit 0 first), label (1 = odd number of 1s among the first k bits, else 0)");
        ArrayNode examples = root.putArray("examples");
        for (int i = 0; i < all.size(); i++) {
            examples.addArray().add(text(bits, all.features(), i * n, n)).add(all.labels()[i]);
        }
        split.describeIndices(root);
    }
}
