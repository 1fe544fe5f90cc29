package org.groklab.kinds.parity;

import org.groklab.measure.Spectral;
import java.util.List;
import org.groklab.spec.RunSpec;

/**
 * The thesis's per-epoch measurements of a parity run (shared/seeds/003, Appendix B.3), as extra metrics.csv columns:
 * <ul>
 *   <li>{@code epoch}: step / steps per epoch (ceil(N / batch size); 1 for full batch);</li>
 *   <li>{@code sn_W1}, {@code sn_W2}: spectral norms (largest singular value) of the two layers' weights;</li>
 *   <li>{@code fro_W1}, {@code fro_W2}: their Frobenius norms;</li>
 *   <li>{@code w1_relevant_l1}, {@code w1_irrelevant_l1}: Σ|W1| over the columns of the k relevant bits, and over
 *       the n − k others (PAIR's bias column excluded); {@code relevant_share}: the first over their sum, a
 *       progress measure that needs no test set (k/n at a uniform start, towards 1 as the distractors are pruned).</li>
 * </ul>
 */
public final class ParityMeasures {
    public static final List<String> NAMES = List.of("epoch", "sn_W1", "sn_W2", "fro_W1", "fro_W2", "w1_relevant_l1",
            "w1_irrelevant_l1", "relevant_share");

    private ParityMeasures() {
    }

    /** Updates per epoch: ceil(N / batch size), or 1 for full batch. */
    public static long stepsPerEpoch(RunSpec spec) {
        int n = ParityKind.task(spec).trainSize();
        int b = spec.train().batchSize();
        return b <= 0 || b >= n ? 1 : (n + b - 1) / b;
    }

    public static double[] measure(ParityMlp model, RunSpec spec, long step) {
        int width = model.width();
        int cols = model.columns();
        float[] w1 = model.w1().data();
        float[] w2 = model.w2().data();
        WeightMass mass = WeightMass.of(w1, width, cols, model.inputs(), ParityKind.task(spec).k());
        return new double[] {
                (double) step / stepsPerEpoch(spec),
                Spectral.spectralNorm(w1, width, cols),
                Spectral.spectralNorm(w2, 1, width),
                Spectral.frobenius(w1),
                Spectral.frobenius(w2),
                mass.relevant(),
                mass.irrelevant(),
                mass.share()};
    }

    /** Σ|W1| over the first k input columns and over the other n − k (columns past n, e.g. a bias, left out). */
    public record WeightMass(double relevant, double irrelevant) {
        public static WeightMass of(float[] w1, int rows, int cols, int n, int k) {
            double rel = 0;
            double irr = 0;
            for (int i = 0; i < rows; i++) {
                int row = i * cols;
                for (int j = 0; j < n; j++) {
                    double a = Math.abs(w1[row + j]);
                    if (j < k) {
                        rel += a;
                    } else {
                        irr += a;
                    }
                }
            }
            return new WeightMass(rel, irr);
        }

        /** relevant / (relevant + irrelevant); NaN when both are 0. */
        public double share() {
            return relevant / (relevant + irrelevant);
        }
    }
}
