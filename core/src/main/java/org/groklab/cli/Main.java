package org.groklab.cli;

import java.io.PrintWriter;
import org.groklab.run.Version;
import org.groklab.spec.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** groklab's command line. Exit codes: 0 done, 1 the run failed, 2 bad usage or input. */
@Command(name = "groklab", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "A laboratory for grokking in small neural networks.")
public final class Main implements Runnable {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = Subcommands.add(new CommandLine(new Main()), args);
        cli.setOut(out);
        cli.setErr(err);
        reportErrors(cli, err);
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("groklab: out of memory (" + e.getMessage() + "); the input asks for more than the "
                    + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB this JVM may use (-Xmx)");
            return FAILED;
        } catch (StackOverflowError e) {
            err.println("groklab: failed: the input is nested too deeply (stack overflow)");
            return FAILED;
        }
    }

    /**
     * The exit-code contract on any picocli command line: bad input ({@link SpecException}, bad options) is one
     * line on {@code err} and exit code 2; any other failure one line and exit code 1.
     */
    public static void reportErrors(CommandLine cli, PrintWriter err) {
        cli.setExecutionExceptionHandler((ex, line, parsed) -> {
            if (ex instanceof SpecException se) {
                err.println("groklab: " + se.getMessage());
                return BAD_INPUT;
            }
            if (ex instanceof java.io.UncheckedIOException u && u.getCause() != null) {
                ex = u.getCause(); // name the file problem, not the wrapper
            }
            err.println("groklab: failed: " + String.valueOf(ex).replaceAll("\\s*[\\r\\n]+\\s*", " "));
            return FAILED;
        });
        cli.setParameterExceptionHandler((ex, a) -> {
            String hint = "";
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                    && !u.getSuggestions().isEmpty()) {
                hint = " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
            }
            err.println("groklab: " + ex.getMessage() + hint);
            err.println("(see: " + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return BAD_INPUT;
        });
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"groklab " + Version.VERSION + " (Java " + Runtime.version() + ")",
                    "kernels: " + org.groklab.math.Kernels.describeActive()};
        }
    }
}
