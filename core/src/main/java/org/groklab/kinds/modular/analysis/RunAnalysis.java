package org.groklab.kinds.modular.analysis;

import org.groklab.kinds.modular.task.ModularTaskSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.groklab.model.Model;
import org.groklab.run.RunDirectory;
import org.groklab.spec.SpecException;
import org.groklab.kinds.modular.task.Operation;
import org.groklab.train.Setup;

/**
 * {@code groklab analyze RUN_DIR}: the Fourier analysis of every checkpoint of a run, its progress measures and
 * alignment with the constructions, written to {@code analysis.json} and {@code figures/}. The key frequencies
 * are those of the last checkpoint (as Nanda et al. fix theirs at the end of training); the progress measures of
 * every checkpoint use them.
 */
public final class RunAnalysis {
    public static final String FILE = "analysis.json";

    /** What to do: the input of the per-frequency logits (null: the first held-out pair) and whether to draw. */
    public record Options(int[] input, boolean figures) {
        public static Options defaults() {
            return new Options(null, true);
        }
    }

    /** One checkpoint's analysis. */
    public record Step(long step, FourierAnalysis fourier, double alignment, ProgressMeasures.Measures progress) {
    }

    /** The whole analysis; the setup's model holds the last checkpoint's weights. */
    public record Result(RunDirectory run, Setup setup, Operation operation, List<Step> steps, String outcome,
                         int inputA, int inputB, LastStepViews views, List<Path> files) {

        public Step last() {
            return steps.get(steps.size() - 1);
        }

        public List<Integer> keyFrequencies() {
            return last().fourier().keyFrequencies();
        }
    }

    private RunAnalysis() {
    }

    public static Result analyze(Path dir, Options options) {
        RunDirectory run = RunDirectory.open(dir);
        List<RunCheckpoints.Entry> checkpoints = RunCheckpoints.list(run);
        if (checkpoints.isEmpty()) {
            throw new SpecException("RUN_DIR", dir + " has no checkpoints/step-N.safetensors to analyse");
        }
        var spec = run.spec().spec();
        Setup setup = RunCheckpoints.setup(run);
        Model model = setup.model();
        int p = model.outputs();
        Operation op = ModularTaskSpec.of(setup.spec()).operation();
        int[] input = input(options.input(), setup, p);

        RunCheckpoints.load(checkpoints.get(checkpoints.size() - 1).file(), model);
        List<Integer> keys = FourierAnalysis.of(model).keyFrequencies();
        List<Step> steps = new ArrayList<>();
        for (RunCheckpoints.Entry e : checkpoints) {
            RunCheckpoints.load(e.file(), model);
            FourierAnalysis fa = FourierAnalysis.of(model);
            steps.add(new Step(e.step(), fa, Alignment.of(fa, op),
                    ProgressMeasures.of(model, setup.split(), setup.loss(), op, keys)));
        }
        String outcome = run.complete() ? run.readSummary().outcome() : "incomplete";
        // the model holds the last checkpoint's weights again
        LastStepViews views = LastStepViews.of(model, steps.get(steps.size() - 1).fourier(), input[0], input[1],
                ModularTaskSpec.of(setup.spec()).arithmetic().label(input[0], input[1]));
        Result partial = new Result(run, setup, op, List.copyOf(steps), outcome, input[0], input[1], views, List.of());
        try {
            // data first: analysis.json; the figures are drawn from this result afterwards (AnalysisFigures)
            Path json = AnalysisJson.write(partial, List.of());
            return new Result(run, setup, op, List.copyOf(steps), outcome, input[0], input[1], views, List.of(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] input(int[] given, Setup setup, int p) {
        if (given != null) {
            if (given.length != 2 || given[0] < 0 || given[0] >= p || given[1] < 0 || given[1] >= p) {
                throw new SpecException("--input", "give two numbers a,b in 0.." + (p - 1));
            }
            return given.clone();
        }
        var split = setup.split();
        int e = split.test().length > 0 ? split.test()[0] : split.train()[0];
        return new int[] {split.all().token(e, 0), split.all().token(e, 1)};
    }

    /** A few lines for the terminal: key frequencies and their weight, sparsity, progress measures, outcome. */
    public static String summary(Result r) {
        StringBuilder b = new StringBuilder();
        Step last = r.last();
        FourierAnalysis fa = last.fourier();
        var spec = r.setup().spec();
        int kMax = fa.basis().frequencies();
        b.append(String.format(Locale.ROOT, "%s (%s): %s, %s mod %d; outcome %s; %d checkpoints, last at step %d%n",
                spec.name(), r.run().runId(), spec.model().type(), org.groklab.spec.Words.of(org.groklab.kinds.modular.task.ModularTaskSpec.of(spec).operation()), fa.p(), r.outcome(),
                r.steps().size(), last.step()));
        List<Integer> keys = fa.keyFrequencies();
        String caveat = caveat(r);
        if (caveat != null) {
            b.append("NOTE: ").append(caveat).append('\n');
        }
        if (fa.units().isEmpty()) {
            b.append("key frequencies: not defined for two hidden layers (see the per-matrix spectra)\n");
        } else if (keys.isEmpty()) {
            b.append(String.format(Locale.ROOT, "key frequencies: none of %d (periodic neurons hold %.2f of the "
                    + "Fourier power)%n", kMax, fa.periodicWeight()));
        } else {
            b.append(String.format(Locale.ROOT, "key frequencies (%d of %d): %s; periodic neurons at them hold "
                    + "%.2f of the Fourier power%n", keys.size(), kMax, join(keys), fa.keyWeight()));
        }
        if (!fa.units().isEmpty()) {
            long periodic = fa.units().stream().filter(FourierAnalysis.Unit::periodic).count();
            b.append(String.format(Locale.ROOT, "neurons: %d of %d periodic; mean share of their main frequency "
                    + "%.2f; alignment with the constructions %s%n", periodic, fa.units().size(),
                    fa.meanNeuronShare(), fmt(last.alignment())));
        }
        b.append("spectrum (Gini / IPR of the Fourier norms):");
        for (FourierAnalysis.Matrix m : fa.matrices()) {
            b.append(String.format(Locale.ROOT, " %s %.2f / %.2f;", m.name(), m.gini(), m.ipr()));
        }
        b.setLength(b.length() - 1);
        b.append(String.format(Locale.ROOT, " (flat: 0 / %.2f)%n", 1.0 / kMax));
        ProgressMeasures.Measures pm = last.progress();
        b.append(String.format(Locale.ROOT, "losses at step %d: train %s, test %s, restricted %s, excluded %s%n",
                last.step(), fmt(pm.trainLoss()), fmt(pm.testLoss()), fmt(pm.restrictedLoss()),
                fmt(pm.excludedLoss())));
        return b.toString();
    }

    /**
     * Null for a run that generalized; otherwise what its key frequencies can and cannot say: they describe the
     * weights of a network that has not generalized (memorized, or still learning), not the algorithm of one that
     * has. Says when the run was still improving at its end.
     */
    public static String caveat(Result r) {
        if (!r.run().complete()) {
            return "the run is not complete: these frequencies describe the last checkpoint of a run in progress";
        }
        org.groklab.run.Summary s = r.run().readSummary();
        if ("grok".equals(s.outcome()) || "direct-generalize".equals(s.outcome())) {
            return null;
        }
        Double acc = s.finalMetrics().get("test_acc");
        String state = "this run did not generalize (outcome " + s.outcome()
                + (acc == null ? "" : String.format(Locale.ROOT, ", final test accuracy %.3f", acc))
                + (Boolean.TRUE.equals(s.stillImproving()) ? ", still improving when its steps ran out" : "") + ")";
        return state + ": its key frequencies are those of a network that has not generalized, not of the "
                + "generalizing algorithm";
    }

    public static String join(List<Integer> ks) {
        StringBuilder b = new StringBuilder();
        for (int k : ks) {
            b.append(b.isEmpty() ? "" : " ").append(k);
        }
        return b.toString();
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return Math.abs(v) >= 0.01 || v == 0 ? String.format(Locale.ROOT, "%.3f", v)
                : String.format(Locale.ROOT, "%.2e", v);
    }
}
