package org.groklab.cli;

import org.groklab.kinds.parity.ParityReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.groklab.run.RunDirectory;
import org.groklab.run.Runner;
import org.groklab.run.Summary;
import org.groklab.spec.Presets;
import org.groklab.spec.SpecException;
import org.groklab.spec.SpecLoader;
import org.groklab.sweep.SweepDirectory;
import org.groklab.sweep.SweepPlan;
import org.groklab.sweep.SweepRunner;
import org.groklab.sweep.SweepSpecs;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "parity", mixinStandardHelpOptions = true,
        description = "Sparse parity (the thesis, shared/seeds/003, and PAIR's 1s-and-0s task): reproduce a preset "
                + "and report it beside the document's numbers.",
        subcommands = {ParityCommand.Reproduce.class, ParityCommand.Report.class})
final class ParityCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "reproduce", mixinStandardHelpOptions = true,
            description = "Run a parity preset (one run) or sweep preset into DIR (a sweep DIR is continued), then "
                    + "print the report.")
    static final class Reproduce implements Callable<Integer> {
        @CommandLine.Parameters(paramLabel = "NAME", description = "a parity preset or sweep preset "
                + "(see `groklab presets`)")
        String name;

        @CommandLine.Option(names = "--out", paramLabel = "DIR", required = true, description = "the output directory")
        Path out;

        @CommandLine.Option(names = "--workers", paramLabel = "N", description = "parallel runs of a sweep "
                + "(default: cores)")
        Integer workers;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter o = spec.commandLine().getOut();
            int code;
            if (SweepSpecs.presetNames().contains(name)) {
                SweepPlan plan = SweepPlan.ofPreset(name);
                SweepCommand.workers(workers);
                try (org.groklab.run.DirectoryLock lock = SweepDirectory.lock(out, true, "--out")) {
                    SweepDirectory dir = SweepDirectory.prepare(out, SweepSpecs.presetTree(name), plan);
                    code = SweepCommand.execute(dir, workers, o);
                    if (dir.plan().runs().stream().noneMatch(dir::complete)) {
                        return code;
                    }
                }
            } else if (Presets.names().contains(name)) {
                SpecLoader.Loaded loaded = SpecLoader.load(name, null, java.util.List.of());
                RunDirectory.checkFresh(out);
                o.println("training " + name + " into " + out);
                Summary s = Runner.train(loaded, out, new ConsoleProgress(o));
                code = TrainCommand.report(s, out, o);
            } else {
                java.util.List<String> known = new java.util.ArrayList<>(SweepSpecs.presetNames());
                known.addAll(Presets.names());
                throw new SpecException("NAME", "unknown preset '" + name + "'"
                        + org.groklab.spec.Suggestions.didYouMean(name, known) + " (see `groklab presets`)");
            }
            o.println();
            ParityReport.report(out, o);
            return code;
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Print what a parity run or sweep measured beside the document's numbers, and draw its "
                    + "figures (a sweep: mean ± std over seeds into DIR/figures).")
    static final class Report implements Callable<Integer> {
        @CommandLine.Parameters(paramLabel = "DIR", description = "a run or sweep directory")
        Path dir;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ParityReport.report(dir, spec.commandLine().getOut());
            return Main.OK;
        }
    }
}
