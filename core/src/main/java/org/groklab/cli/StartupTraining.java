package org.groklab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.groklab.io.FileTrees;

/**
 * The workload bin/groklab runs once per jar to record the JVM's ahead-of-time cache ({@code -XX:AOTCacheOutput},
 * JDK 25): the everyday commands, in one process, on small versions of the presets of each kind. The cache then holds the
 * classes these commands load, already parsed and linked, and their method profiles, so later commands start
 * faster; it never changes what a command computes.
 *
 * <p>Usage: {@code java -XX:AOTCacheOutput=groklab.aot -cp groklab.jar org.groklab.cli.StartupTraining WORK_DIR}
 * (WORK_DIR is created, used for the runs, and deleted).
 */
public final class StartupTraining {
    private StartupTraining() {
    }

    /** The command lines, {@code %s} standing for the work directory. */
    static final List<String[]> COMMANDS = List.of(
            new String[] {"--help"},
            new String[] {"--version"},
            new String[] {"presets"},
            new String[] {"train", "--help"},
            new String[] {"spec", "--preset", "pair-modadd"},
            new String[] {"train", "--preset", "quick-modadd", "--set", "train.steps=300", "--out", "%s/modadd",
                    "--quiet"},
            new String[] {"train", "--preset", "pair-modadd", "--set", "train.steps=100", "--out", "%s/pair",
                    "--quiet"},
            new String[] {"train", "--preset", "quick-parity", "--set", "train.steps=200", "--out", "%s/parity",
                    "--quiet"},
            new String[] {"train", "--preset", "murray-tau100", "--set", "train.steps=2", "--out", "%s/ctrnn",
                    "--quiet"});

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: StartupTraining WORK_DIR");
            System.exit(Main.BAD_INPUT);
        }
        for (String failed : run(Path.of(args[0]))) {
            System.err.println("StartupTraining: " + failed); // the cache is still recorded, without this command
        }
    }

    /** Runs every command with its runs under {@code work}, then deletes it; returns the commands that failed. */
    static List<String> run(Path work) throws IOException {
        FileTrees.delete(work);
        Files.createDirectories(work);
        PrintWriter quiet = new PrintWriter(Writer.nullWriter());
        List<String> failed = new ArrayList<>();
        try {
            for (String[] command : COMMANDS) {
                String[] line = new String[command.length];
                for (int i = 0; i < line.length; i++) {
                    line[i] = command[i].replace("%s", work.toString());
                }
                int code = Main.run(line, quiet, quiet);
                if (code != Main.OK) {
                    failed.add(String.join(" ", line) + " exited with " + code);
                }
            }
        } finally {
            FileTrees.delete(work);
        }
        return failed;
    }
}
