package org.groklab.query;

import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A DuckDB error told in full (every line DuckDB gives, e.g. the position in the query), with a hint when the query
 * names a dotted field without quotes: {@code SELECT task.train_fraction} reads {@code task} as a table, while the
 * plan and runs views name each swept field by its dotted path, {@code "task.train_fraction"}.
 */
public final class SqlErrors {
    /** An unquoted a.b (or a.b.c) outside string literals and quoted identifiers. */
    private static final Pattern DOTTED = Pattern.compile("(?<![\\w\"'.])([A-Za-z_]\\w*(?:\\.[A-Za-z_]\\w*)+)");
    private static final Pattern MISSING_TABLE = Pattern.compile("Referenced table \"([^\"]+)\" not found");

    private SqlErrors() {
    }

    /**
     * DuckDB's whole message (its headline, then e.g. the candidate names and the query line with a caret under the
     * error), without the JDBC prefix and blank lines, and a hint line when one applies.
     */
    public static String explain(SQLException e, String sql, List<String> dottedColumns) {
        String m = String.valueOf(e.getMessage()).strip();
        if (m.startsWith("java.sql.SQLException: ")) {
            m = m.substring("java.sql.SQLException: ".length());
        }
        m = String.join("\n", m.lines().filter(l -> !l.isBlank()).toList());
        String hint = hint(m, sql, dottedColumns);
        return hint == null ? m : m + "\nhint: " + hint;
    }

    /** The hint for a dotted name read as table.column, or null. */
    static String hint(String message, String sql, List<String> dottedColumns) {
        Matcher table = MISSING_TABLE.matcher(message);
        if (!table.find()) {
            return null;
        }
        String prefix = table.group(1) + ".";
        Set<String> named = new LinkedHashSet<>();
        for (String name : unquotedDotted(sql)) {
            if (name.startsWith(prefix)) {
                named.add(name);
            }
        }
        if (named.isEmpty()) {
            return null;
        }
        String name = named.iterator().next();
        String quoted = "\"" + name + "\"";
        if (dottedColumns.contains(name)) {
            return "a swept field is a column named with dots; quote it: " + quoted;
        }
        return "a column named with dots must be quoted: " + quoted + " (the plan and runs views name swept fields "
                + "so" + (dottedColumns.isEmpty() ? ", and this directory sweeps none" : ": "
                + String.join(", ", dottedColumns.stream().map(f -> "\"" + f + "\"").toList()))
                + "); every key of a run's config is in the configs view: SELECT run_id, " + name + " FROM configs";
    }

    /** The unquoted dotted names of {@code sql}, skipping string literals and quoted identifiers. */
    static List<String> unquotedDotted(String sql) {
        StringBuilder plain = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                plain.append(' ');
            } else if (c == '\'' || c == '"') {
                quote = c;
                plain.append(' ');
            } else {
                plain.append(c);
            }
        }
        Matcher d = DOTTED.matcher(plain);
        List<String> out = new java.util.ArrayList<>();
        while (d.find()) {
            out.add(d.group(1));
        }
        return out;
    }
}
