package org.groklab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.groklab.query.SqlErrors;
import org.groklab.query.SweepDatabase;
import org.groklab.query.Table;
import org.groklab.spec.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Run SQL (DuckDB) over a sweep directory, a run directory or a folder of run directories and "
                + "print the result. One query "
                + "(SELECT, WITH, FROM, DESCRIBE, SUMMARIZE) that reads only that directory's files, with at most 1 GB "
                + "of memory; COPY, ATTACH, INSTALL, LOAD and SET are refused.",
                "Views: plan (run_id, cell, seed, one column per swept field, e.g. \"task.train_fraction\" -- quote "
                        + "dotted names), runs (one row per finished run: outcome, event steps, final_* metrics, "
                        + "wall_time_seconds, error, swept fields), configs (run_id and the config.json of each "
                        + "run; nested sections are structs: task.p), metrics (run_id and every metrics.csv row), "
                        + "summaries (summary.json as written).",
                "Example: groklab query DIR \"SELECT \\\"task.train_fraction\\\", count(*) FILTER (outcome = "
                        + "'grok') FROM runs GROUP BY 1 ORDER BY 1\""})
final class QueryCommand implements Callable<Integer> {
    @CommandLine.Parameters(index = "0", paramLabel = "DIR", description = "a sweep directory, a run directory, or a folder of run directories (the keys that differ between "
                    + "their specs are its swept fields)")
    Path dir;

    @CommandLine.Parameters(index = "1", paramLabel = "SQL", description = "the query")
    String sql;

    @CommandLine.Option(names = "--csv", description = "print CSV instead of an aligned table")
    boolean csv;

    @CommandLine.Option(names = "--max-rows", paramLabel = "N", defaultValue = "10000",
            description = "print at most N rows (default: ${DEFAULT-VALUE}); says how many more were cut")
    int maxRows;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (maxRows < 1) {
            throw new SpecException("--max-rows", "must be >= 1, got " + maxRows);
        }
        try (SweepDatabase db = SweepDatabase.open(dir)) {
            db.sandbox();
            SweepDatabase.Limited r;
            try {
                r = db.querySandboxed(sql, maxRows);
            } catch (SQLException e) {
                throw new SpecException("SQL", SqlErrors.explain(e, sql, db.fields()));
            }
            PrintWriter out = spec.commandLine().getOut();
            Table t = r.table();
            if (!t.columns().isEmpty()) {
                out.print(csv ? t.csv() : t.text("NULL"));
            }
            out.flush();
            if (r.cut() > 0) {
                spec.commandLine().getErr().println("groklab: printed the first " + maxRows + " rows; " + r.cut()
                        + " more were cut (--max-rows, or LIMIT/OFFSET; `groklab sweep export` writes everything)");
            }
            return Main.OK;
        }
    }
}
