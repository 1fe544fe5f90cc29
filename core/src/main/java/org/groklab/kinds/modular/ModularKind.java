package org.groklab.kinds.modular;

import org.groklab.kinds.modular.model.GromovMlpSpec;
import org.groklab.kinds.modular.model.ModularSetup;
import org.groklab.kinds.modular.model.PairMlpSpec;
import org.groklab.kinds.modular.task.ModularTaskSpec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.groklab.data.Batch;
import org.groklab.data.Scoring;
import org.groklab.data.Split;
import org.groklab.kind.Kind;
import org.groklab.kind.WeightMaps;
import org.groklab.kinds.modular.model.ModularModelSpec;
import org.groklab.kinds.modular.analysis.AnalysisJson;
import org.groklab.kinds.modular.analysis.RunAnalysis;
import org.groklab.kinds.modular.figures.AnalysisFigures;
import org.groklab.kinds.modular.analysis.SweepAnalysis;
import org.groklab.math.Kernels;
import org.groklab.math.Rng;
import org.groklab.model.Model;
import org.groklab.spec.ModelSpec;
import org.groklab.spec.RunSpec;
import org.groklab.spec.SpecLoader;
import org.groklab.spec.TaskSpec;
import org.groklab.train.Measures;
import org.groklab.train.Setup;

/**
 * Modular arithmetic: a binary operation over Z_p, trained by Gromov's quadratic network (Liu's essay, 001) or
 * PAIR's embedding MLP (002); analysed by its Fourier structure.
 */
public final class ModularKind implements Kind {

    @Override
    public String taskType() {
        return "modular";
    }

    @Override
    public Class<? extends TaskSpec> taskSpec() {
        return ModularTaskSpec.class;
    }

    @Override
    public Map<String, Class<? extends ModelSpec>> models() {
        Map<String, Class<? extends ModelSpec>> m = new LinkedHashMap<>();
        m.put("gromov-mlp", GromovMlpSpec.class);
        m.put("pair-mlp", PairMlpSpec.class);
        return m;
    }

    @Override
    public String defaultsResource() {
        return "kinds/modular.yaml";
    }

    @Override
    public Setup setup(RunSpec spec, Kernels kernels) {
        return ModularSetup.of(spec, kernels);
    }

    @Override
    public org.groklab.kind.ResourceEstimate memory(RunSpec spec) {
        return org.groklab.kinds.modular.model.ModularMemory.of(spec);
    }

    @Override
    public String splitJson(RunSpec spec, Split split) {
        ObjectNode root = SpecLoader.JSON.createObjectNode();
        Batch all = split.all();
        root.put("order", "a-major: for a in 0..p-1, for b in 0..p-1 (b >= a for symmetric pairs, b != 0 for div)");
        root.put("columns", "a, b, label");
        ArrayNode examples = root.putArray("examples");
        for (int i = 0; i < all.size(); i++) {
            ArrayNode e = examples.addArray();
            for (int j = 0; j < all.arity(); j++) {
                e.add(all.token(i, j));
            }
            e.add(all.labels()[i]);
        }
        split.describeIndices(root);
        try {
            return SpecLoader.JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * pair-mlp (p classes, embedding d, width w, n examples): 3·n·p·w for the output product and its two gradients,
     * plus 3·p·d·w for each factored map (W_in = E H, W_out = O Uᵀ) and its gradients. gromov-mlp (width M):
     * 3·n·M·p, plus 3·n·M·M with two hidden layers; the one-hot input layer is a gather (no multiply-adds).
     */
    @Override
    public double flopsPerStep(Setup setup) {
        long n = Kind.batchSize(setup);
        long p = ModularTaskSpec.of(setup.spec()).p();
        long macs = switch (setup.spec().model()) {
            case PairMlpSpec m -> 3 * n * p * m.width() + 3 * p * m.dEmbed() * m.width()
                    * ((m.collapsedHidden() ? 0 : 1) + (m.collapsedOutput() ? 0 : 1));
            case GromovMlpSpec m -> 3 * n * m.width() * p + (m.layers() == 2 ? 3 * n * m.width() * m.width() : 0);
            default -> 0;
        };
        return 2.0 * macs;
    }

    @Override
    public String analyze(Path runDir, AnalysisOptions options) {
        RunAnalysis.Result r = RunAnalysis.analyze(runDir, new RunAnalysis.Options(options.input(),
                options.figures()));
        int figures = options.figures() ? draw(r) : 0;
        return RunAnalysis.summary(r) + "wrote " + runDir.resolve(RunAnalysis.FILE) + (options.figures()
                ? " and " + figures + " figures (PNG and SVG) in " + runDir.resolve("figures") : "");
    }

    @Override
    public String analyzeSweep(Path sweepDir, AnalysisOptions options, java.io.PrintWriter progress) {
        SweepAnalysis.Result r = SweepAnalysis.analyze(sweepDir, run -> {
            if (options.figures()) {
                draw(run);
            }
        }, progress);
        return SweepAnalysis.table(r) + "wrote " + r.csv();
    }

    /** Draws a run's analysis figures from its result, and lists them in analysis.json; returns how many. */
    private static int draw(RunAnalysis.Result r) {
        try {
            List<Path> files = AnalysisFigures.write(r);
            AnalysisJson.write(r, files);
            return files.size() / 2;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * gromov-mlp: input from a = W1[:, :p], from b = W1[:, p:], output = W2ᵀ; pair-mlp: input = (E H)ᵀ or W_inᵀ
     * (the same map for a and b), output = O Eᵀ, O Uᵀ or W_out.
     */
    @Override
    public WeightMaps weightMaps(RunSpec spec, Map<String, float[]> t, Map<String, int[]> shape) {
        return switch ((ModularModelSpec) spec.model()) {
            case GromovMlpSpec g -> {
                int m = shape.get("W1")[0];
                int p = shape.get("W1")[1] / 2;
                float[] a = new float[m * p];
                float[] b = new float[m * p];
                for (int i = 0; i < m; i++) {
                    System.arraycopy(t.get("W1"), i * 2 * p, a, i * p, p);
                    System.arraycopy(t.get("W1"), i * 2 * p + p, b, i * p, p);
                }
                float[] out = WeightMaps.transpose(t.get("W2"), shape.get("W2")[0], shape.get("W2")[1]);
                yield new WeightMaps(m, p, a, b, out, p, 0);
            }
            case PairMlpSpec q -> {
                float[] win;
                int p;
                int w;
                if (t.containsKey("W_in")) {
                    p = shape.get("W_in")[0];
                    w = shape.get("W_in")[1];
                    win = t.get("W_in");
                } else {
                    p = shape.get("E")[0];
                    w = shape.get("H")[1];
                    win = WeightMaps.multiply(t.get("E"), p, shape.get("E")[1], t.get("H"), w);
                }
                float[] out;
                if (t.containsKey("W_out")) {
                    out = t.get("W_out");
                } else {
                    String u = t.containsKey("U") ? "U" : "E";
                    int d = shape.get("O")[1];
                    out = WeightMaps.multiply(t.get("O"), w, d, WeightMaps.transpose(t.get(u), p, d), p);
                }
                float[] in = WeightMaps.transpose(win, p, w);
                yield new WeightMaps(w, p, in, in, out, p, 0);
            }
        };
    }

    /** h_j(a, b) of the first hidden layer over every pair (a, b): a down, b across. */
    @Override
    public org.groklab.kind.ActivationMaps activationMaps(RunSpec spec, Model model) {
        int p = ModularTaskSpec.of(spec).p();
        Map<String, float[]> hidden = model.hidden(org.groklab.kinds.modular.analysis.ProgressMeasures.allPairs(p));
        float[] h = hidden.containsKey("h") ? hidden.get("h") : hidden.get("h1");
        int width = h.length / (p * p);
        float[] maps = new float[h.length];
        for (int e = 0; e < p * p; e++) {
            for (int j = 0; j < width; j++) {
                maps[j * p * p + e] = h[e * width + j];
            }
        }
        return new org.groklab.kind.ActivationMaps(width, p, p, maps, "a", "b");
    }
}
