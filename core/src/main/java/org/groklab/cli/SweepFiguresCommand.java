package org.groklab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import org.groklab.figures.SweepFigures;
import org.groklab.query.SweepDatabase;
import org.groklab.query.SweepFigureData;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "figures", mixinStandardHelpOptions = true,
        description = {"Draw a sweep's figures into DIR/figures (PNG and SVG): the phase diagram of two swept "
                + "fields (dominant outcome per cell, grokked/finished runs), the outcome rates against each swept "
                + "field with Wilson 95%% intervals, and the learning curves across seeds (mean ± std) per cell.",
                "DIR may also be a folder of run directories: the keys that differ between their specs are the swept "
                        + "fields, runs with the same values a cell.",
                "Prints the files written."})
final class SweepFiguresCommand implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "DIR", description = "a sweep directory or a folder of run directories")
    Path dir;

    @CommandLine.Option(names = "--x", paramLabel = "FIELD",
            description = "the phase diagram's x axis (default: the first swept field)")
    String x;

    @CommandLine.Option(names = "--y", paramLabel = "FIELD",
            description = "the phase diagram's y axis (default: the next swept field)")
    String y;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, SQLException {
        PrintWriter out = spec.commandLine().getOut();
        boolean folder = !java.nio.file.Files.isRegularFile(dir.resolve(org.groklab.sweep.SweepDirectory.SWEEP))
                && org.groklab.query.RunFolder.isFolder(dir);
        try (org.groklab.run.DirectoryLock lock = folder ? org.groklab.run.DirectoryLock.acquire(dir, "DIR", false)
                : org.groklab.sweep.SweepDirectory.lock(dir, false, "DIR");
             SweepDatabase db = folder ? SweepDatabase.openFolder(dir) : SweepDatabase.openSweep(dir)) {
            SweepFigures.phaseAxes(db.fields(), x, y); // bad field names: exit 2 before anything is drawn
            if (db.finished() == 0) {
                out.println("no finished runs in " + dir + " yet: nothing to draw");
                out.flush();
                return Main.OK;
            }
            List<Path> files = SweepFigures.write(SweepFigureData.of(db), dir.resolve("figures"), x, y);
            for (Path f : files) {
                out.println(f);
            }
        }
        out.flush();
        return Main.OK;
    }
}
