package org.groklab.query;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A small result table of text cells (null = SQL NULL), printed as an aligned fixed-width text table or as CSV.
 * Numeric columns are right-aligned in the text form.
 *
 * @param columns the column names
 * @param numeric per column: right-align it
 * @param rows    the cells, row by row; a null cell is a missing value
 */
public record Table(List<String> columns, List<Boolean> numeric, List<List<String>> rows) {

    public Table {
        columns = List.copyOf(columns);
        numeric = List.copyOf(numeric);
        if (numeric.size() != columns.size()) {
            throw new IllegalArgumentException("one alignment per column");
        }
        List<List<String>> copy = new ArrayList<>();
        for (List<String> r : rows) {
            if (r.size() != columns.size()) {
                throw new IllegalArgumentException("row of " + r.size() + " cells for " + columns.size() + " columns");
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(r)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    /** Reads a whole result set; numbers are printed in plain decimal notation where that stays short. */
    public static Table of(ResultSet rs) throws SQLException {
        return of(rs, Integer.MAX_VALUE);
    }

    /** Reads at most {@code maxRows} rows of a result set (the rest stay unread in it). */
    public static Table of(ResultSet rs, int maxRows) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        List<String> columns = new ArrayList<>();
        List<Boolean> numeric = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            columns.add(md.getColumnLabel(i));
            numeric.add(isNumeric(md.getColumnType(i)));
        }
        List<List<String>> rows = new ArrayList<>();
        while (rows.size() < maxRows && rs.next()) {
            List<String> row = new ArrayList<>(n);
            for (int i = 1; i <= n; i++) {
                Object o = numeric.get(i - 1) ? rs.getObject(i) : null;
                row.add(o != null ? number(o) : rs.getString(i));
            }
            rows.add(row);
        }
        return new Table(columns, numeric, rows);
    }

    private static boolean isNumeric(int sqlType) {
        return switch (sqlType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.FLOAT, Types.REAL, Types.DOUBLE,
                 Types.DECIMAL, Types.NUMERIC -> true;
            default -> false;
        };
    }

    /** A number as text: doubles as Java prints them but in plain notation (0.0001, not 1.0E-4; 1.0, 0.0). */
    static String number(Object o) {
        if (o instanceof Double || o instanceof Float) {
            double d = ((Number) o).doubleValue();
            double a = Math.abs(d);
            if (Double.isFinite(d) && a >= 1e-6 && a < 1e15) {
                String s = BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
                return s.indexOf('.') < 0 ? s + ".0" : s;
            }
            return Double.toString(d);
        }
        if (o instanceof BigDecimal b) {
            return b.stripTrailingZeros().toPlainString();
        }
        return o.toString();
    }

    /** An aligned text table: a header, a rule, the rows; missing values shown as {@code nullText}. */
    public String text(String nullText) {
        int n = columns.size();
        int[] width = new int[n];
        for (int c = 0; c < n; c++) {
            width[c] = columns.get(c).length();
            for (List<String> r : rows) {
                width[c] = Math.max(width[c], cell(r.get(c), nullText).length());
            }
        }
        StringBuilder b = new StringBuilder();
        line(b, columns, width, nullText);
        for (int c = 0; c < n; c++) {
            b.append(c == 0 ? "" : "  ").append("-".repeat(width[c]));
        }
        b.append('\n');
        for (List<String> r : rows) {
            line(b, r, width, nullText);
        }
        return b.toString();
    }

    private void line(StringBuilder b, List<String> cells, int[] width, String nullText) {
        StringBuilder l = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            String s = cell(cells.get(c), nullText);
            String pad = " ".repeat(width[c] - s.length());
            l.append(c == 0 ? "" : "  ").append(numeric.get(c) ? pad + s : s + pad);
        }
        b.append(l.toString().stripTrailing()).append('\n');
    }

    private static String cell(String s, String nullText) {
        return s == null ? nullText : s.replace('\n', ' ').replace('\r', ' ');
    }

    /** RFC 4180 CSV with a header row; missing values are empty cells. */
    public String csv() {
        StringBuilder b = new StringBuilder();
        b.append(String.join(",", columns.stream().map(Table::csvCell).toList())).append('\n');
        for (List<String> r : rows) {
            b.append(String.join(",", r.stream().map(s -> s == null ? "" : csvCell(s)).toList())).append('\n');
        }
        return b.toString();
    }

    static String csvCell(String s) {
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return quote ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
