package org.groklab.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * groklab's subcommands, in the order {@code --help} lists them. picocli reads a command's annotations when the
 * command is added, which costs start-up time per command; a command line that names its subcommand gets only
 * that one, every other (no subcommand, {@code help}, a misspelling) gets them all.
 */
final class Subcommands {
    private static final Map<String, Supplier<Object>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("train", TrainCommand::new);
        ALL.put("resume", ResumeCommand::new);
        ALL.put("presets", PresetsCommand::new);
        ALL.put("spec", SpecCommand::new);
        ALL.put("sweep", SweepCommand::new);
        ALL.put("query", QueryCommand::new);
        ALL.put("compare", CompareCommand::new);
        ALL.put("analyze", AnalyzeCommand::new);
        ALL.put("parity", ParityCommand::new);
        ALL.put("serve", ServeCommand::new);
        ALL.put("report", ReportCommand::new);
        ALL.put("bench", BenchCommand::new);
        ALL.put("help", CommandLine.HelpCommand::new);
    }

    private Subcommands() {
    }

    /** Adds to {@code cli} the subcommand the first word of {@code args} names, or all of them; returns cli. */
    static CommandLine add(CommandLine cli, String[] args) {
        String first = null;
        for (String a : args) {
            if (!a.startsWith("-")) {
                first = a;
                break;
            }
        }
        if (first != null && !first.equals("help") && ALL.containsKey(first)) {
            cli.addSubcommand(first, ALL.get(first).get());
        } else {
            ALL.forEach((name, command) -> cli.addSubcommand(name, command.get()));
        }
        return cli;
    }
}
