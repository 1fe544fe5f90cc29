package org.groklab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.groklab.query.CellTable;
import org.groklab.query.SweepDatabase;
import org.groklab.query.Table;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "table", mixinStandardHelpOptions = true,
        description = {"Print one row per cell of a sweep: the swept values, runs finished/planned, the count of "
                + "each outcome, the fraction that grokked and the median memorization and generalization steps.",
                "Outcome columns that are zero in every cell are left out of the text table (not of --csv).",
                "DIR may also be a folder of run directories: the keys that differ between their specs are the swept "
                        + "fields, runs with the same values a cell."})
final class SweepTableCommand implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "DIR", description = "a sweep directory or a folder of run directories")
    Path dir;

    @CommandLine.Option(names = "--csv", description = "print CSV with every column instead of a text table")
    boolean csv;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws SQLException {
        try (SweepDatabase db = SweepDatabase.openCollection(dir)) {
            print(db, spec.commandLine().getOut(), csv);
            return Main.OK;
        }
    }

    /** Prints the per-cell table of an open sweep database. */
    static void print(SweepDatabase db, PrintWriter out, boolean csv) throws SQLException {
        Table data = CellTable.data(db);
        if (csv) {
            out.print(data.csv());
        } else {
            out.printf("%s %s: %d/%d runs finished, %d cells%n", db.isSweep() ? "sweep" : "runs in", db.name(),
                    db.finished(), db.planned(), db.cells());
            out.print(CellTable.text(data, db.fields()).text("-"));
        }
        out.flush();
    }
}
