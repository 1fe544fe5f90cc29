package org.groklab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.groklab.run.Runner;
import org.groklab.run.Summary;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue an interrupted run from its latest checkpoint; it ends with the same bytes as an "
                + "uninterrupted run.")
final class ResumeCommand implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "RUN_DIR", description = "the run directory to continue")
    Path dir;

    @CommandLine.Option(names = "--quiet", description = "no progress display")
    boolean quiet;

    @CommandLine.Option(names = "--force", description = "resume even when the run's memory estimate exceeds what "
            + "this JVM may use (-Xmx)")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        org.groklab.kind.Kinds.checkMemory(org.groklab.run.RunDirectory.open(dir).spec().spec(), force);
        out.println("resuming " + dir);
        TimedProgress progress = new TimedProgress(quiet ? org.groklab.train.Progress.NONE : new ConsoleProgress(out));
        Summary s = TrainCommand.trainAlone(dir, progress, () -> Runner.resume(dir, progress));
        return TrainCommand.drawAlone(() -> TrainCommand.report(s, dir, out, progress.times()));
    }
}
