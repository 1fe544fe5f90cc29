package org.groklab.kinds.parity;

import org.groklab.run.MetricsTable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.groklab.run.RunDirectory;
import org.groklab.spec.RunSpec;

/**
 * A run's metrics.csv as columns by name, and the thesis's event epochs read off it: the memorization epoch is the
 * first evaluated epoch whose train accuracy reaches eval.memorize_at, the generalization epoch the first whose
 * test accuracy reaches eval.generalize_at (the thesis: "> 0.999", which for sets of at most 1,000 examples is
 * "= 1", the threshold its presets use).
 */
public record RunMetrics(Map<String, double[]> columns, int rows) {

    public static RunMetrics read(Path runDir) {
        MetricsTable t = MetricsTable.read(runDir);
        return new RunMetrics(t.columns(), t.rows());
    }

    public boolean has(String column) {
        return columns.containsKey(column);
    }

    /** A column by name (see {@link MetricsTable#get}). */
    public double[] get(String column) {
        return new MetricsTable(columns, rows).get(column);
    }

    /** The epoch of each row (the epoch column of parity runs, else the step). */
    public double[] epochs() {
        return has("epoch") ? get("epoch") : get("step");
    }

    /** The epoch of the first row whose {@code column} reaches {@code threshold}, or -1. */
    public double firstEpoch(String column, double threshold) {
        double[] v = get(column);
        double[] e = epochs();
        for (int i = 0; i < rows; i++) {
            if (v[i] >= threshold) {
                return e[i];
            }
        }
        return -1;
    }

    public double memorizationEpoch(RunSpec spec) {
        return firstEpoch("train_acc", spec.eval().memorizeAt());
    }

    public double generalizationEpoch(RunSpec spec) {
        return firstEpoch("test_acc", spec.eval().generalizeAt());
    }

    /** The value of {@code column} in the last row. */
    public double last(String column) {
        double[] v = get(column);
        return rows == 0 ? Double.NaN : v[rows - 1];
    }

    /** The smallest value of {@code column} over all rows (NaN for none). */
    public double min(String column) {
        double m = Double.NaN;
        for (double v : get(column)) {
            if (Double.isNaN(m) || v < m) {
                m = v;
            }
        }
        return m;
    }
}
