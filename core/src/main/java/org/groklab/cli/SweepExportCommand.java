package org.groklab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.groklab.query.SweepDatabase;
import org.groklab.spec.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a sweep's results to Parquet (through DuckDB; each file written to a temporary file "
                + "and renamed into place).",
                "--parquet: one row per finished run with the swept fields (the runs view); --metrics-parquet: "
                        + "every metrics.csv row, with cell, seed and the swept fields."})
final class SweepExportCommand implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "DIR", description = "the sweep directory (or a run directory)")
    Path dir;

    @CommandLine.Option(names = "--parquet", paramLabel = "FILE", description = "the runs, one row per run")
    Path parquet;

    @CommandLine.Option(names = "--metrics-parquet", paramLabel = "FILE", description = "every metrics row")
    Path metricsParquet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws SQLException, IOException {
        if (parquet == null && metricsParquet == null) {
            throw new SpecException("--parquet", "give --parquet FILE and/or --metrics-parquet FILE");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (SweepDatabase db = SweepDatabase.open(dir)) {
            if (parquet != null) {
                long n = db.copyToParquet("SELECT * FROM runs ORDER BY cell, seed, run_id", parquet);
                out.printf("%s: %d runs (%d of %d planned runs finished)%n", parquet, n, db.finished(),
                        db.planned());
            }
            if (metricsParquet != null) {
                long n = db.copyToParquet("SELECT m.run_id, p.* EXCLUDE (run_id), m.* EXCLUDE (run_id) "
                        + "FROM metrics m LEFT JOIN plan p ON p.run_id = m.run_id ORDER BY p.cell, p.seed, m.run_id, "
                        + "m.step", metricsParquet);
                out.printf("%s: %d metrics rows%n", metricsParquet, n);
            }
        }
        out.flush();
        return Main.OK;
    }
}
