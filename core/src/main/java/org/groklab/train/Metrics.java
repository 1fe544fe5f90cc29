package org.groklab.train;

import java.util.ArrayList;
import java.util.List;
import org.groklab.model.Param;

/**
 * One evaluated step: losses and accuracies on both sets, the L1 and L2 norm of every parameter, and the run's
 * extra measurements ({@code extra}: e.g. spectral norms of a parity run; empty for others), in that column order.
 */
public record Metrics(long step, double lr, double trainLoss, double trainAcc, double testLoss, double testAcc,
                      double[] l1, double[] l2, double[] extra) {

    public Metrics(long step, double lr, double trainLoss, double trainAcc, double testLoss, double testAcc,
                   double[] l1, double[] l2) {
        this(step, lr, trainLoss, trainAcc, testLoss, testAcc, l1, l2, new double[0]);
    }

    public static String header(List<Param> params) {
        return header(params, List.of());
    }

    /** The header with the extra columns after the standard ones. */
    public static String header(List<Param> params, List<String> extraNames) {
        List<String> cols = new ArrayList<>(List.of("step", "lr", "train_loss", "train_acc", "test_loss", "test_acc"));
        for (Param p : params) {
            cols.add("l1_" + p.name());
            cols.add("l2_" + p.name());
        }
        cols.addAll(extraNames);
        return String.join(",", cols);
    }

    /** A CSV row; Double.toString is the shortest exact decimal, so equal values give equal bytes. */
    public String csv() {
        StringBuilder b = new StringBuilder();
        b.append(step).append(',').append(lr).append(',').append(trainLoss).append(',').append(trainAcc)
                .append(',').append(testLoss).append(',').append(testAcc);
        for (int i = 0; i < l1.length; i++) {
            b.append(',').append(l1[i]).append(',').append(l2[i]);
        }
        for (double e : extra) {
            b.append(',').append(e);
        }
        return b.toString();
    }

    public boolean finite() {
        return Double.isFinite(trainLoss) && Double.isFinite(testLoss);
    }
}
