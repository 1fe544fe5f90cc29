package org.groklab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.groklab.spec.SpecException;
import org.groklab.web.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the explorer's views of one run or one sweep as a single self-contained HTML file "
                + "(data and scripts inside): it opens from disk with no network.")
final class ReportCommand implements Callable<Integer> {
    @CommandLine.Parameters(index = "0", paramLabel = "DIR", description = "a run directory or a sweep directory")
    Path dir;

    @CommandLine.Option(names = "--out", required = true, paramLabel = "FILE.html", description = "the file to write")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!Files.isRegularFile(dir.resolve("config.json")) && !Files.isRegularFile(dir.resolve("sweep.json"))) {
            throw new SpecException("DIR", dir + " is neither a run directory (config.json) nor a sweep directory "
                    + "(sweep.json)");
        }
        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".html")) {
            throw new SpecException("--out", "must name an .html file, got " + out);
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new SpecException("--out", "directory " + parent + " does not exist");
        }
        Report.Written w = Report.write(dir, out);
        spec.commandLine().getOut().printf(Locale.ROOT, "report: %s (%d answers inlined, %.1f MB)%n", w.file(),
                w.answers(), w.bytes() / 1e6);
        return Main.OK;
    }
}
