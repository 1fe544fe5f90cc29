package org.groklab.query;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row per cell of a sweep, in cell order: the swept values, runs finished of planned, the count of each outcome,
 * the fraction of finished runs that grokked, and the median memorization and generalization steps (over the runs
 * that reached them), and how many finished runs were still improving when their steps ran out (an unsettled
 * memorize-only or no-learn: more steps may change it).
 */
public final class CellTable {
    private CellTable() {
    }

    /** The SQL behind the table, over the plan and runs views of {@code db}. */
    public static String sql(SweepDatabase db) {
        StringBuilder q = new StringBuilder("SELECT p.cell");
        for (String f : db.fields()) {
            String id = SweepDatabase.identifier(f);
            q.append(", any_value(p.").append(id).append(") AS ").append(id);
        }
        q.append(", count(r.run_id) AS finished, count(*) AS planned");
        for (String o : SweepDatabase.OUTCOMES) {
            q.append(", count(*) FILTER (WHERE r.outcome = ").append(SweepDatabase.literal(o)).append(") AS ")
                    .append(SweepDatabase.identifier(o));
        }
        q.append(", count(*) FILTER (WHERE r.outcome = 'grok') / nullif(count(r.run_id), 0) AS grok_fraction")
                .append(", median(r.memorization_step) AS median_memorization_step")
                .append(", median(r.generalization_step) AS median_generalization_step")
                .append(", count(*) FILTER (WHERE r.still_improving) AS still_improving")
                .append(" FROM plan p LEFT JOIN runs r ON r.run_id = p.run_id GROUP BY p.cell ORDER BY p.cell");
        return q.toString();
    }

    /** Every column, raw values (for --csv). */
    public static Table data(SweepDatabase db) throws SQLException {
        return db.query(sql(db));
    }

    /**
     * For reading: "finished/planned" in one column, outcome columns that are zero in every cell left out (grok is
     * always shown), the grok fraction with two decimals, the medians as whole steps, and the count of runs still
     * improving when their steps ran out (left out when zero in every cell).
     */
    public static Table text(Table data, List<String> fields) {
        int nf = fields.size();
        int finished = 1 + nf;
        int planned = finished + 1;
        int firstOutcome = planned + 1;
        int grokFraction = firstOutcome + SweepDatabase.OUTCOMES.size();
        List<Integer> outcomeCols = new ArrayList<>();
        for (int i = 0; i < SweepDatabase.OUTCOMES.size(); i++) {
            int col = firstOutcome + i;
            boolean any = "grok".equals(SweepDatabase.OUTCOMES.get(i))
                    || data.rows().stream().anyMatch(r -> Long.parseLong(r.get(col)) != 0);
            if (any) {
                outcomeCols.add(col);
            }
        }
        List<String> columns = new ArrayList<>();
        List<Boolean> numeric = new ArrayList<>();
        columns.add("cell");
        numeric.add(true);
        for (int i = 0; i < nf; i++) {
            columns.add(fields.get(i));
            numeric.add(data.numeric().get(1 + i));
        }
        columns.add("runs");
        numeric.add(true);
        for (int col : outcomeCols) {
            columns.add(data.columns().get(col));
            numeric.add(true);
        }
        columns.addAll(List.of("grok_frac", "median_mem_step", "median_gen_step"));
        numeric.addAll(List.of(true, true, true));
        int improving = grokFraction + 3;
        boolean anyImproving = data.rows().stream().anyMatch(r -> Long.parseLong(r.get(improving)) != 0);
        if (anyImproving) {
            columns.add("still_improving");
            numeric.add(true);
        }
        List<List<String>> rows = new ArrayList<>();
        for (List<String> r : data.rows()) {
            List<String> row = new ArrayList<>();
            row.add(r.get(0));
            for (int i = 0; i < nf; i++) {
                row.add(r.get(1 + i));
            }
            row.add(r.get(finished) + "/" + r.get(planned));
            for (int col : outcomeCols) {
                row.add(r.get(col));
            }
            String gf = r.get(grokFraction);
            row.add(gf == null ? null : String.format(Locale.ROOT, "%.2f", Double.parseDouble(gf)));
            row.add(step(r.get(grokFraction + 1)));
            row.add(step(r.get(grokFraction + 2)));
            if (anyImproving) {
                row.add(r.get(improving));
            }
            rows.add(row);
        }
        return new Table(columns, numeric, rows);
    }

    /** A median step: whole, or with one decimal when it falls between two steps. */
    private static String step(String median) {
        if (median == null) {
            return null;
        }
        double d = Double.parseDouble(median);
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }
}
