package org.groklab.kinds.modular.analysis;

import java.util.List;
import org.groklab.loss.Loss;
import org.groklab.data.Batch;
import org.groklab.model.Model;
import org.groklab.kinds.modular.task.Operation;
import org.groklab.data.Split;

/**
 * Progress measures in the style of Nanda et al. (2023), "Progress measures for grokking via mechanistic
 * interpretability", adapted to these MLPs. The model's logits are computed for every pair (a, b) in Z_p^2 and,
 * for each class c, read as a function of the pair. The functions cos(2 pi k s / p) and sin(2 pi k s / p) of the
 * pair's sum s = a + b mod p (a - b for subtraction) are orthogonal directions of that space; the Fourier
 * algorithm writes its logits along them (logit_c ~ cos(2 pi k (a + b - c) / p)).
 * <ul>
 * <li><b>restricted logits</b>: for each class, the mean logit over all pairs plus the logits' components along
 * the key frequencies' directions, nothing else: what the generalizing circuit alone outputs;</li>
 * <li><b>excluded logits</b>: the logits minus those components: what the model outputs without it.</li>
 * </ul>
 * <b>Restricted loss</b> is the run's loss of the restricted logits over every example of the task (train and
 * test); <b>excluded loss</b> the loss of the excluded logits over the training examples (with their training
 * labels). Both use the run's own loss function, so they compare with train and test loss. Only addition and
 * subtraction have such a sum; for other operations the measures are NaN.
 */
public final class ProgressMeasures {

    /** The losses and accuracies at one checkpoint. */
    public record Measures(double trainLoss, double testLoss, double restrictedLoss, double restrictedAcc,
                           double excludedLoss, double excludedAcc) {
    }

    private ProgressMeasures() {
    }

    /** Every pair (a, b) in a-major order: row a * p + b. */
    public static Batch allPairs(int p) {
        int[] tokens = new int[2 * p * p];
        int[] labels = new int[p * p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                tokens[2 * (a * p + b)] = a;
                tokens[2 * (a * p + b) + 1] = b;
            }
        }
        return Batch.ofTokens(2, tokens, labels);
    }

    /** Whether the operation has the sum variable the measures project on. */
    public static boolean supports(Operation op) {
        return op == Operation.ADD || op == Operation.SUB;
    }

    /** The sum variable of the pair: a + b mod p, or a - b mod p for subtraction. */
    static int sum(Operation op, int a, int b, int p) {
        return op == Operation.SUB ? Math.floorMod(a - b, p) : (a + b) % p;
    }

    /** The measures of {@code model} with the given key frequencies. */
    public static Measures of(Model model, Split split, Loss loss, Operation op, List<Integer> keys) {
        int p = model.outputs();
        float[] logits = model.forward(allPairs(p));
        return of(logits, p, split, loss, op, keys);
    }

    /** The measures from the logits of every pair ({@code p^2 x p}, a-major). */
    public static Measures of(float[] logits, int p, Split split, Loss loss, Operation op, List<Integer> keys) {
        Batch all = split.all();
        int[] trainRows = pairRows(all, split.train(), p);
        int[] testRows = pairRows(all, split.test(), p);
        int[] testLabels = labels(all, split.test());
        double trainLoss = lossOf(logits, trainRows, split.trainLabels(), loss, p);
        double testLoss = lossOf(logits, testRows, testLabels, loss, p);
        if (!supports(op)) {
            return new Measures(trainLoss, testLoss, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        FourierBasis basis = new FourierBasis(p);
        // mean logit of each class over the p pairs of each sum s: meanBySum[c][s]
        double[][] meanBySum = new double[p][p];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                int s = sum(op, a, b, p);
                int row = (a * p + b) * p;
                for (int c = 0; c < p; c++) {
                    meanBySum[c][s] += logits[row + c] / (double) p;
                }
            }
        }
        // the key-frequency part (a function of s) and the overall mean, per class
        double[][] keyPart = new double[p][];
        double[] mean = new double[p];
        int[] ks = keys.stream().mapToInt(Integer::intValue).toArray();
        for (int c = 0; c < p; c++) {
            keyPart[c] = basis.keep(meanBySum[c], ks);
            double m = 0;
            for (int s = 0; s < p; s++) {
                m += meanBySum[c][s] / p;
            }
            mean[c] = m;
        }
        float[] restricted = new float[logits.length];
        float[] excluded = new float[logits.length];
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) {
                int s = sum(op, a, b, p);
                int row = (a * p + b) * p;
                for (int c = 0; c < p; c++) {
                    restricted[row + c] = (float) (mean[c] + keyPart[c][s]);
                    excluded[row + c] = (float) (logits[row + c] - keyPart[c][s]);
                }
            }
        }
        int[] allRows = pairRows(all, null, p);
        double restrictedLoss = lossOf(restricted, allRows, all.labels(), loss, p);
        double restrictedAcc = accuracyOf(restricted, allRows, all.labels(), p);
        double excludedLoss = lossOf(excluded, trainRows, split.trainLabels(), loss, p);
        double excludedAcc = accuracyOf(excluded, trainRows, split.trainLabels(), p);
        return new Measures(trainLoss, testLoss, restrictedLoss, restrictedAcc, excludedLoss, excludedAcc);
    }

    /** Rows into the all-pairs logits of the given examples (all of them when {@code indices} is null). */
    static int[] pairRows(Batch all, int[] indices, int p) {
        int n = indices == null ? all.size() : indices.length;
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            int e = indices == null ? i : indices[i];
            rows[i] = all.token(e, 0) * p + all.token(e, 1);
        }
        return rows;
    }

    private static int[] labels(Batch all, int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = all.labels()[indices[i]];
        }
        return out;
    }

    private static float[] gather(float[] logits, int[] rows, int p) {
        float[] out = new float[rows.length * p];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(logits, rows[i] * p, out, i * p, p);
        }
        return out;
    }

    private static double lossOf(float[] logits, int[] rows, int[] labels, Loss loss, int p) {
        return rows.length == 0 ? Double.NaN : loss.evaluate(gather(logits, rows, p), labels, rows.length, p, null);
    }

    private static double accuracyOf(float[] logits, int[] rows, int[] labels, int p) {
        return Loss.accuracy(gather(logits, rows, p), labels, rows.length, p);
    }
}
