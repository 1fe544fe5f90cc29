package org.groklab.kinds.parity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.groklab.data.Scoring;
import org.groklab.data.Split;
import org.groklab.kind.Kind;
import org.groklab.kind.WeightMaps;
import org.groklab.math.Kernels;
import org.groklab.math.Rng;
import org.groklab.run.RunDirectory;
import org.groklab.spec.ModelSpec;
import org.groklab.spec.RunSpec;
import org.groklab.spec.SpecLoader;
import org.groklab.spec.TaskSpec;
import org.groklab.train.Measures;
import org.groklab.train.Setup;

/** Sparse parity: the thesis's (n, k)-parity (003) and PAIR's 1s-and-0s task (002), trained by parity-mlp. */
public final class ParityKind implements Kind {

    @Override
    public String taskType() {
        return "parity";
    }

    @Override
    public Class<? extends TaskSpec> taskSpec() {
        return ParityTaskSpec.class;
    }

    @Override
    public Map<String, Class<? extends ModelSpec>> models() {
        Map<String, Class<? extends ModelSpec>> m = new LinkedHashMap<>();
        m.put("parity-mlp", ParityMlpSpec.class);
        return m;
    }

    @Override
    public String defaultsResource() {
        return "kinds/parity.yaml";
    }

    /** The task section of a parity spec. */
    public static ParityTaskSpec task(RunSpec spec) {
        return (ParityTaskSpec) spec.task();
    }

    @Override
    public Setup setup(RunSpec spec, Kernels kernels) {
        ParityTaskSpec t = task(spec);
        Split split = t.task().split(spec.seed(), t.trainSize(), t.testSize(), t.testSeed(), t.labelNoise());
        ParityMlp model = model((ParityMlpSpec) spec.model(), t.n(), Rng.stream(spec.seed(), "init"), kernels);
        Measures measures = new Measures() {
            @Override
            public List<String> names() {
                return ParityMeasures.NAMES;
            }

            @Override
            public double[] measure(long step) {
                return ParityMeasures.measure(model, spec, step);
            }
        };
        return Setup.of(spec, split, model, Scoring.CLASS, measures,
                (dir, step, runId) -> Snapshots.write(dir, step, runId, spec, model, split), kernels);
    }

    /** A freshly initialised parity-mlp over {@code inputs} bits (drawn from the given stream). */
    public static ParityMlp model(ParityMlpSpec m, int inputs, Rng init, Kernels kernels) {
        ParityMlp model = new ParityMlp(inputs, m.width(), m.hiddenBias(), m.inputOne(), kernels);
        model.initialize(init);
        return model;
    }

    @Override
    public org.groklab.kind.ResourceEstimate memory(RunSpec spec) {
        return ParityMemory.of(spec);
    }

    @Override
    public String splitJson(RunSpec spec, Split split) {
        ObjectNode root = SpecLoader.JSON.createObjectNode();
        SparseParity.describe(split, root);
        try {
            return SpecLoader.JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public double flopsPerStep(Setup setup) {
        ParityMlpSpec m = (ParityMlpSpec) setup.spec().model();
        int b = Kind.batchSize(setup);
        double cols = task(setup.spec()).n() + (m.inputOne() ? 1 : 0);
        // forward W1 x and W2 h; backward dW1, dW2 and dh (the input gradient is not needed)
        return 2.0 * b * m.width() * (cols * 2 + 3);
    }

    @Override
    public List<Path> drawFigures(Path runDir, boolean svg) {
        RunDirectory dir = RunDirectory.open(runDir);
        RunSpec spec = dir.spec().spec();
        RunMetrics m = RunMetrics.read(runDir);
        List<ParityPanels.Panel> panels = ParityPanels.write(runDir, spec, m); // data first
        return ParityFigures.runFigures(runDir, spec, spec.name() + " (" + dir.runId() + ")", m, panels, svg);
    }

    @Override
    public String analyze(Path runDir, AnalysisOptions options) {
        java.io.StringWriter text = new java.io.StringWriter();
        ParityReport.report(runDir, new java.io.PrintWriter(text, true));
        return text.toString().strip();
    }

    /** W1 (width × n bits) as the input map, W2 (1 × width) as one output value per neuron; the first k bits decide. */
    @Override
    public WeightMaps weightMaps(RunSpec spec, Map<String, float[]> t, Map<String, int[]> shape) {
        if (!t.containsKey("W1")) {
            return null;
        }
        return new WeightMaps(shape.get("W1")[0], shape.get("W1")[1], t.get("W1"), null, t.get("W2"), 1,
                task(spec).k());
    }
}
