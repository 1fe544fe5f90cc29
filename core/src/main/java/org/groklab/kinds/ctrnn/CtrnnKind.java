package org.groklab.kinds.ctrnn;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.groklab.data.Batch;
import org.groklab.data.Inputs;
import org.groklab.data.Scoring;
import org.groklab.data.Split;
import org.groklab.data.Targets;
import org.groklab.io.AtomicFiles;
import org.groklab.kind.Kind;
import org.groklab.math.Kernels;
import org.groklab.run.Checkpoint;
import org.groklab.run.RunDirectory;
import org.groklab.run.Runner;
import org.groklab.spec.ModelSpec;
import org.groklab.spec.RunSpec;
import org.groklab.spec.SpecLoader;
import org.groklab.spec.TaskSpec;
import org.groklab.train.Measures;
import org.groklab.train.Setup;

/**
 * Murray's recurrent networks (000): the set task (a + b + c = 0 mod 3 as a time series) trained by a
 * continuous-time RNN; analysed by its dynamics (fixed points, limit cycles, the automaton it implements).
 */
public final class CtrnnKind implements Kind {
    /** Where analyze writes the dynamics analysis. */
    public static final String ANALYSIS = "analysis/ctrnn.json";

    @Override
    public String taskType() {
        return "set";
    }

    @Override
    public Class<? extends TaskSpec> taskSpec() {
        return SetTaskSpec.class;
    }

    @Override
    public Map<String, Class<? extends ModelSpec>> models() {
        Map<String, Class<? extends ModelSpec>> m = new LinkedHashMap<>();
        m.put("ctrnn", CtrnnSpec.class);
        return m;
    }

    @Override
    public String defaultsResource() {
        return "kinds/set.yaml";
    }

    /** The task of a set spec, with every trial. */
    public static SetTask task(RunSpec spec) {
        return SetTask.generate(((SetTaskSpec) spec.task()).config(), spec.seed());
    }

    /** A freshly initialised network of the spec (stream "ctrnn.init" of the run seed). */
    public static Ctrnn network(RunSpec spec, Kernels kernels) {
        SetTaskSpec t = (SetTaskSpec) spec.task();
        return new Ctrnn(((CtrnnSpec) spec.model()).config(t.inputDim()), kernels, spec.seed());
    }

    /**
     * Every trial (training then validation, in the generator's order) as sequences, with float targets: the
     * label (+1 / -1) at every step, of which the last {@code scored_steps} count.
     */
    @Override
    public Setup setup(RunSpec spec, Kernels kernels) {
        SetTask task = task(spec);
        CtrnnSpec m = (CtrnnSpec) spec.model();
        int t = task.steps();
        int count = task.split().trials().size();
        int[] all = new int[count];
        java.util.Arrays.setAll(all, i -> i);
        Inputs.SparseSequences x = task.sparseInputs(all, 0, count); // a few of a trial's steps show a colour
        float[] labels = task.labels(all, 0, count);
        float[] y = new float[count * t];
        for (int i = 0; i < count; i++) {
            java.util.Arrays.fill(y, i * t, (i + 1) * t, labels[i]);
        }
        float[] mask = new float[t];
        java.util.Arrays.fill(mask, t - m.scoredSteps(), t, 1f);
        Batch examples = new Batch(x, new Targets.Values(1, t, y, mask));
        Split split = new Split(examples, task.trainIds(), task.validationIds(),
                examples.targets().select(task.trainIds()), new int[0]);
        CtrnnModel model = new CtrnnModel(network(spec, kernels), t, spec.seed());
        return Setup.of(spec, split, model, Scoring.meanSign(m.accuracyMargin()), Measures.NONE, null, kernels);
    }

    @Override
    public org.groklab.kind.ResourceEstimate memory(RunSpec spec) {
        return CtrnnMemory.of(spec);
    }

    /** The split's description: the seed, colour stream, timing, held-out relations and every trial. */
    @Override
    public String splitJson(RunSpec spec, Split split) {
        try {
            return SpecLoader.JSON.writer().without(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(task(spec).split());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Per update of B trials of T steps, N neurons, D inputs (6 input steps per trial): forward J r (B T N²), the
     * input drive (6 B D N) and the readout (B T N); backward about twice that.
     */
    @Override
    public double flopsPerStep(Setup setup) {
        SetTaskSpec t = (SetTaskSpec) setup.spec().task();
        long n = ((CtrnnSpec) setup.spec().model()).neurons();
        long b = Kind.batchSize(setup);
        long macs = 3 * (b * t.steps() * n * n + 3L * t.inputSteps() * b * t.inputDim() * n + b * t.steps() * n);
        return 2.0 * macs;
    }

    /**
     * BENCHMARKS.md, CT-RNN round 1 (2026-11-29, one core of the 2-core machine under load): 463 ms for an epoch
     * of 1,800 training trials (N = 100, T = 50), and 18.1 ms for the forward pass of 256 trials.
     */
    static final double TRAIN_SECONDS_PER_TRIAL = 0.463 / 1800;
    static final double FORWARD_SECONDS_PER_TRIAL = 0.0181 / 256;

    /**
     * From the measured speed, scaled by N² and T: one update of a minibatch, plus its share of the evaluations
     * (every trial, training and validation, once per {@code eval.every} updates: about 1,800 training trials less
     * the held-out relations' share, and 50 per held-out relation, or per relation when none is held out).
     */
    @Override
    public double secondsPerStep(RunSpec spec) {
        SetTaskSpec t = (SetTaskSpec) spec.task();
        CtrnnSpec m = (CtrnnSpec) spec.model();
        double scale = (m.neurons() / 100.0) * (m.neurons() / 100.0) * t.steps() / 50.0;
        double trials = 1800.0 * t.trialsPerRelation() / 50 * (27 - t.heldOut()) / 27
                + (double) t.validationPerRelation() * (t.heldOut() > 0 ? t.heldOut() : 27);
        int batch = spec.train().batchSize();
        double perUpdate = (batch <= 0 ? trials : batch) * TRAIN_SECONDS_PER_TRIAL;
        double evals = spec.eval().every() > 0 ? trials * FORWARD_SECONDS_PER_TRIAL / spec.eval().every() : 0;
        return scale * (perUpdate + evals);
    }

    /**
     * The dynamics of the run's last checkpoint: rate PCA, fixed points, limit cycles and phase shifts, the
     * mechanism label, and the automaton it implements; written to {@value #ANALYSIS}.
     */
    @Override
    public String analyzeSweep(Path sweepDir, AnalysisOptions options, java.io.PrintWriter progress) {
        try {
            return CtrnnSweepAnalysis.analyze(sweepDir, options.figures());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String analyze(Path runDir, AnalysisOptions options) {
        RunDirectory dir = RunDirectory.open(runDir);
        RunSpec spec = dir.spec().spec();
        try {
            Path last = Runner.latestCheckpoint(dir);
            if (last == null) {
                throw new org.groklab.spec.SpecException("RUN_DIR", runDir + " has no checkpoints to analyse");
            }
            CtrnnModel model = (CtrnnModel) setup(spec, Kernels.preferred()).model();
            long step = Checkpoint.restore(last, model, null);
            CtrnnAnalysis.Report report = CtrnnAnalysis.analyse(model.net(), task(spec), 20, spec.seed());
            Path file = runDir.resolve(ANALYSIS);
            Files.createDirectories(file.getParent());
            AtomicFiles.writeString(file, SpecLoader.JSON.writeValueAsString(report) + "\n");
            ExtractedDfa dfa = report.dfa();
            String wrote = file.toString();
            if (options.figures()) {
                List<Path> figures = CtrnnFigures.figure1(runDir.resolve(RunDirectory.FIGURES),
                        spec.name() + " (" + dir.runId() + ") at step " + step, report, true);
                wrote += ", " + figures.get(0);
            }
            return String.format(java.util.Locale.ROOT, "%s (%s) at step %d: %s%n  %s%n  automaton: %d states after "
                            + "minimisation, %s the mod-3 automaton; agrees on %.0f%% of the 27 words%n"
                            + "  on three-colour words (states kept apart by inputs seen): %d states, %s the mod-3 "
                            + "automaton read for three colours%nwrote %s",
                    spec.name(), dir.runId(), step, report.mechanism().label(), report.mechanism().evidence(),
                    dfa.minimal().states(), dfa.equivalentToMod3() ? "equivalent to" : "not equivalent to",
                    100 * dfa.wordAgreement(), dfa.taskMinimal().states(),
                    dfa.equivalentOnTaskWords() ? "equivalent to" : "not equivalent to", wrote);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
