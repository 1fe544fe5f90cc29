package org.groklab.kind;

import java.nio.file.Path;
import java.util.List;
import org.groklab.data.Split;
import org.groklab.math.Kernels;
import org.groklab.spec.RunSpec;
import org.groklab.spec.SpecKind;
import org.groklab.train.Setup;

/**
 * A kind of experiment (modular arithmetic, sparse parity, ...): everything the engine needs to know of it, in one
 * place. A kind is one package that implements this interface and registers it with one line in
 * {@code META-INF/services/org.groklab.spec.SpecKind}; nothing outside its package names it.
 */
public interface Kind extends SpecKind {

    /** The parts of a run of this kind, built from its spec: split, initialised model, loss, optimizer, scoring. */
    Setup setup(RunSpec spec, Kernels kernels);

    /**
     * The heap a run of this spec will hold, estimated from its sizes before anything is allocated: the commands
     * that train refuse a run (or a sweep's workers together) whose estimate exceeds what this JVM may use.
     */
    ResourceEstimate memory(RunSpec spec);

    /**
     * The content of split.json: enough to regenerate every example (every example in its documented order, or
     * the seeds and rules that draw them), and the train and test indices.
     */
    String splitJson(RunSpec spec, Split split);

    /**
     * 2 × the multiply-adds of the matrix products of one training step (forward and backward) of this setup, for
     * the benchmark; gathers, element-wise work, the loss and the optimizer are not counted.
     */
    double flopsPerStep(Setup setup);

    /** Examples per update of a setup: its batch size, or the whole training set. */
    static int batchSize(Setup setup) {
        int n = setup.split().train().length;
        int b = setup.spec().train().batchSize();
        return b <= 0 || b >= n ? n : b;
    }

    /**
     * Seconds one training update of {@code spec} takes on one core, as measured for this kind (evaluations
     * included), so that {@code sweep plan} can state core-hours; NaN when the kind has no measurement.
     */
    default double secondsPerStep(RunSpec spec) {
        return Double.NaN;
    }

    /** The figures of a run directory beyond the learning curves, drawn from its files (none by default). */
    default List<Path> drawFigures(Path runDir, boolean svg) {
        return List.of();
    }

    /**
     * Analyses a run directory (writes data records, then figures drawn from them) and returns a one-paragraph
     * summary for the terminal; a kind without analyses says so in a {@link UnsupportedOperationException}.
     */
    default String analyze(Path runDir, AnalysisOptions options) {
        throw new UnsupportedOperationException("no analysis for task type " + taskType() + " yet");
    }

    /**
     * Analyses a sweep directory of this kind (per-run analyses, then what they share) and returns a summary for
     * the terminal.
     */
    default String analyzeSweep(Path sweepDir, AnalysisOptions options, java.io.PrintWriter progress) {
        throw new UnsupportedOperationException("no sweep analysis for task type " + taskType() + " yet");
    }

    /**
     * A checkpoint's parameters (by name: data and shape) as per-neuron weight maps for the explorer's views; null
     * when the kind has none.
     */
    default WeightMaps weightMaps(RunSpec spec, java.util.Map<String, float[]> data,
                                  java.util.Map<String, int[]> shapes) {
        return null;
    }

    /**
     * The activation maps of a model (a checkpoint's weights restored into this kind's model) over the kind's grid
     * of inputs, for the explorer's views; null when the kind has none.
     */
    default ActivationMaps activationMaps(RunSpec spec, org.groklab.model.Model model) {
        return null;
    }

    /**
     * What the analyze command passes on: {@code input}, an example a kind may look at closely (modular
     * arithmetic: the pair a, b whose logits are split by frequency; null = the kind's choice), and whether to
     * draw figures.
     */
    record AnalysisOptions(int[] input, boolean figures) {
    }
}
