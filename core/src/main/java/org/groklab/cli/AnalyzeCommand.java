package org.groklab.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.groklab.kind.Kind;
import org.groklab.kind.Kinds;
import org.groklab.run.DirectoryLock;
import org.groklab.run.RunDirectory;
import org.groklab.spec.SpecLoader;
import org.groklab.sweep.SweepPlan;
import org.groklab.spec.SpecException;
import org.groklab.sweep.SweepDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Open a modular-arithmetic model: the Fourier analysis of every checkpoint of a run (key "
                + "frequencies, per-neuron frequency and phase, sparsity), its progress measures (restricted and "
                + "excluded loss) and its alignment with the constructed solutions; writes analysis.json and "
                + "figures/ in the run directory and prints a summary.",
                "Given a sweep directory (one with sweep.json), analyses every finished run and tabulates how many "
                        + "key frequencies the runs use (key-frequencies.csv in the sweep directory)."})
final class AnalyzeCommand implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "DIR", description = "a run directory or a sweep directory")
    Path dir;

    @CommandLine.Option(names = "--input", paramLabel = "A,B", split = ",",
            description = "the input whose logits are split by frequency group (default: the first held-out pair)")
    int[] input;

    @CommandLine.Option(names = "--no-figures", description = "write analysis.json only")
    boolean noFigures;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(dir)) {
            throw new SpecException("DIR", dir + " is not a directory");
        }
        boolean sweep = Files.isRegularFile(dir.resolve(SweepDirectory.SWEEP));
        try (DirectoryLock lock = sweep ? SweepDirectory.lock(dir, false, "DIR") : RunDirectory.lockRun(dir)) {
            return analyze(sweep, out);
        }
    }

    private int analyze(boolean sweep, PrintWriter out) {
        Kind.AnalysisOptions options = new Kind.AnalysisOptions(input, !noFigures);
        try {
            if (sweep) {
                SweepPlan plan = SweepDirectory.open(dir).plan();
                out.println(Kinds.of(SpecLoader.bind(plan.base()).spec()).analyzeSweep(dir, options, out));
            } else {
                RunDirectory run = RunDirectory.open(dir);
                out.println(Kinds.of(run.spec().spec()).analyze(dir, options));
            }
        } catch (UnsupportedOperationException e) {
            throw new SpecException("DIR", dir + ": " + e.getMessage()
                    + " (for parity runs and sweeps: groklab parity report DIR)");
        }
        out.flush();
        return Main.OK;
    }
}
