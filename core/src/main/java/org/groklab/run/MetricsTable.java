package org.groklab.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * metrics.csv as columns, read by the names in its header: the one reader of a run's metrics. A torn last line
 * (a run being written, or killed mid-row) is left out.
 */
public record MetricsTable(Map<String, double[]> columns, int rows) {

    /** The metrics of a run directory. */
    public static MetricsTable read(Path runDir) {
        return parse(runDir.resolve(RunDirectory.METRICS));
    }

    /** A metrics.csv file. */
    public static MetricsTable parse(Path csv) {
        try {
            List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                throw new IllegalArgumentException(csv + " is empty (no header)");
            }
            String[] names = lines.get(0).split(",");
            int n = lines.size() - 1;
            Map<String, double[]> cols = new LinkedHashMap<>();
            for (String name : names) {
                cols.put(name, new double[n]);
            }
            int kept = 0;
            for (int i = 0; i < n; i++) {
                String[] c = lines.get(i + 1).split(",", -1);
                if (c.length != names.length) {
                    continue;
                }
                for (int j = 0; j < names.length; j++) {
                    cols.get(names[j])[kept] = Double.parseDouble(c[j]);
                }
                kept++;
            }
            if (kept < n) {
                for (String name : names) {
                    cols.put(name, Arrays.copyOf(cols.get(name), kept));
                }
            }
            return new MetricsTable(cols, kept);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean has(String column) {
        return columns.containsKey(column);
    }

    /** A column by name; a missing one is an error naming the columns there are. */
    public double[] get(String column) {
        double[] c = columns.get(column);
        if (c == null) {
            throw new IllegalArgumentException("metrics.csv has no column " + column + " (columns: "
                    + columns.keySet() + ")");
        }
        return c;
    }

    /** The last value of a column; NaN when there are no rows. */
    public double last(String column) {
        double[] c = get(column);
        return c.length == 0 ? Double.NaN : c[c.length - 1];
    }
}
