package org.groklab.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.groklab.figures.SweepFigures;
import org.groklab.spec.SpecException;
import org.groklab.sweep.SweepPlan;

/** The data of the sweep figures, queried from a {@link SweepDatabase}: the figures only draw it. */
public final class SweepFigureData {
    private SweepFigureData() {
    }

    /** Everything {@link SweepFigures#write} draws. */
    public static SweepFigures.Input of(SweepDatabase db) throws SQLException {
        if (!db.isCollection()) {
            throw new SpecException("DIR", db.root() + " is a run directory; sweep figures need a sweep directory "
                    + "or a folder of run directories");
        }
        return new SweepFigures.Input(db.fields(), cellOutcomes(db), curves(db));
    }

    /** The outcome counts of every cell, in cell order. */
    static List<SweepFigures.CellOutcomes> cellOutcomes(SweepDatabase db) throws SQLException {
        Map<Integer, Integer> planned = new TreeMap<>();
        Map<Integer, Map<String, Integer>> counts = new TreeMap<>();
        Map<Integer, Integer> improving = new TreeMap<>();
        try (Statement s = db.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT p.cell, r.outcome, count(*), count(*) FILTER (WHERE "
                     + "r.still_improving) FROM plan p LEFT JOIN runs r ON r.run_id = p.run_id GROUP BY ALL "
                     + "ORDER BY ALL")) {
            while (rs.next()) {
                int cell = rs.getInt(1);
                String outcome = rs.getString(2);
                int n = rs.getInt(3);
                improving.merge(cell, rs.getInt(4), Integer::sum);
                planned.merge(cell, n, Integer::sum);
                if (outcome != null) {
                    counts.computeIfAbsent(cell, k -> new TreeMap<>()).merge(outcome, n, Integer::sum);
                }
            }
        }
        List<SweepFigures.CellOutcomes> out = new ArrayList<>();
        for (Map.Entry<Integer, Map<String, String>> c : cellValues(db).entrySet()) {
            int i = c.getKey();
            out.add(new SweepFigures.CellOutcomes(i, c.getValue(), planned.getOrDefault(i, 0),
                    counts.getOrDefault(i, Map.of()), improving.getOrDefault(i, 0)));
        }
        return out;
    }

    /** Each cell's values of the swept fields as labels: from the sweep's plan, or a folder's plan view. */
    private static Map<Integer, Map<String, String>> cellValues(SweepDatabase db) throws SQLException {
        Map<Integer, Map<String, String>> cells = new TreeMap<>();
        if (db.isSweep()) {
            for (SweepPlan.Cell c : db.sweep().plan().cells()) {
                Map<String, String> values = new LinkedHashMap<>();
                c.values().forEach((f, v) -> values.put(f, v.isTextual() ? v.asText() : v.toString()));
                cells.put(c.index(), values);
            }
            return cells;
        }
        StringBuilder q = new StringBuilder("SELECT cell");
        for (String f : db.fields()) {
            q.append(", any_value(").append(SweepDatabase.identifier(f)).append(")::VARCHAR");
        }
        q.append(" FROM plan GROUP BY cell ORDER BY cell");
        try (Statement s = db.connection().createStatement(); ResultSet rs = s.executeQuery(q.toString())) {
            while (rs.next()) {
                Map<String, String> values = new LinkedHashMap<>();
                for (int i = 0; i < db.fields().size(); i++) {
                    values.put(db.fields().get(i), String.valueOf(rs.getString(i + 2)));
                }
                cells.put(rs.getInt(1), values);
            }
        }
        return cells;
    }

    /** Step-by-step statistics over the finished runs of each cell, by DuckDB. */
    static Map<Integer, SweepFigures.CellCurves> curves(SweepDatabase db) throws SQLException {
        String sql = "SELECT r.cell, m.step, count(*) AS n, "
                + stats("m.train_acc", false) + ", " + stats("m.test_acc", false) + ", "
                + stats("m.train_loss", true) + ", " + stats("m.test_loss", true)
                + " FROM metrics m JOIN runs r ON r.run_id = m.run_id GROUP BY r.cell, m.step ORDER BY r.cell, m.step";
        Map<Integer, List<double[]>> rows = new TreeMap<>();
        try (Statement s = db.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                double[] r = new double[10];
                for (int i = 0; i < 10; i++) {
                    double v = rs.getDouble(i + 2);
                    r[i] = rs.wasNull() ? Double.NaN : v;
                }
                rows.computeIfAbsent(rs.getInt(1), k -> new ArrayList<>()).add(r);
            }
        }
        Map<Integer, SweepFigures.CellCurves> out = new TreeMap<>();
        rows.forEach((cell, list) -> {
            double[][] col = new double[10][list.size()];
            for (int i = 0; i < list.size(); i++) {
                for (int j = 0; j < 10; j++) {
                    col[j][i] = list.get(i)[j];
                }
            }
            int[] n = Arrays.stream(col[1]).mapToInt(d -> (int) d).toArray();
            out.put(cell, new SweepFigures.CellCurves(cell, col[0], n, col[2], col[3], col[4], col[5], col[6], col[7], col[8],
                    col[9]));
        });
        return out;
    }

    /** avg and stddev_samp of a column over finite values (log of positive values for a loss). */
    private static String stats(String column, boolean log) {
        String v = log ? "CASE WHEN " + column + " > 0 AND isfinite(" + column + ") THEN ln(" + column + ") END"
                : "CASE WHEN isfinite(" + column + ") THEN " + column + " END";
        return "avg(" + v + "), stddev_samp(" + v + ")";
    }

}
