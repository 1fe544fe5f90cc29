package org.groklab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Base64;
import java.util.Map;
import org.groklab.kind.ActivationMaps;
import org.groklab.kind.Kind;
import org.groklab.kind.Kinds;
import org.groklab.kind.WeightMaps;
import org.groklab.math.Kernels;
import org.groklab.model.Model;
import org.groklab.run.Checkpoint;
import org.groklab.run.Safetensors;
import org.groklab.spec.RunSpec;
import org.groklab.spec.SpecLoader;

/**
 * The views of one checkpoint: the weight maps (one row per neuron), the neurons' order for the sorted heatmaps
 * (modular arithmetic: by main Fourier frequency; parity: by the share of weight on the relevant bits), and for
 * modular arithmetic the Fourier spectrum — from analysis.json when it holds this step, otherwise computed here.
 */
final class WeightViews {
    private WeightViews() {
    }

    static ObjectNode of(Path checkpoint, long step, JsonNode config, JsonNode analysis) throws IOException {
        Safetensors.Loaded loaded = Safetensors.read(checkpoint);
        String task = config.path("task").path("type").asText();
        String model = config.path("model").path("type").asText();
        Map<String, float[]> data = new HashMap<>();
        Map<String, int[]> shapes = new HashMap<>();
        loaded.tensors().forEach((name, t) -> {
            data.put(name, t.data());
            shapes.put(name, t.shape());
        });
        ObjectNode specTree = ((ObjectNode) config).deepCopy();
        specTree.remove("run_id");
        specTree.remove("groklab_version");
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("step", step);
        o.put("task", task);
        o.put("model", model);
        RunSpec runSpec = SpecLoader.bind(specTree).spec();
        Kind kind = Kinds.of(runSpec);
        WeightMaps maps = kind.weightMaps(runSpec, data, shapes);
        if (maps == null) {
            tensors(o, loaded);
            return o;
        }
        o.put("neurons", maps.neurons());
        o.put("tokens", maps.tokens());
        ArrayNode list = o.putArray("maps");
        if (maps.relevantInputs() > 0) { // bit inputs, of which the first decide the label
            map(list, "first-layer weights W1", "input bit", maps.inputA(), maps.neurons(), maps.tokens());
            if (maps.output() != null) {
                map(list, "output weights W2", "", maps.output(), maps.neurons(), 1);
            }
            int k = maps.relevantInputs();
            o.put("relevant_bits", k);
            double[] share = relevantShare(maps, k);
            o.set("order", order(maps.neurons(), i -> -share[i]));
            ArrayNode s = o.putArray("neuron_relevant_share");
            for (double v : share) {
                Json.add(s, v);
            }
            return o;
        }
        boolean twoInputs = maps.inputB() != maps.inputA();
        map(list, twoInputs ? "input weights from a" : "input weights (a and b)", "token", maps.inputA(),
                maps.neurons(), maps.tokens());
        if (twoInputs) {
            map(list, "input weights from b", "token", maps.inputB(), maps.neurons(), maps.tokens());
        }
        map(list, "output weights", "class", maps.output(), maps.neurons(), maps.outputColumns());
        Spectrum spectrum = Spectrum.of(maps.inputA(), maps.neurons(), maps.tokens());
        ArrayNode freq = o.putArray("frequency");
        ArrayNode share = o.putArray("neuron_share");
        for (int i = 0; i < maps.neurons(); i++) {
            freq.add(spectrum.frequency()[i]);
            Json.add(share, spectrum.share()[i]);
        }
        // by frequency, then by phase within a frequency: each group's cosines line up into a visible pattern
        o.set("order", order(maps.neurons(), i -> spectrum.frequency()[i] + (spectrum.phase()[i] + Math.PI) / (2 * Math.PI + 1e-9)));
        star(o, maps, spectrum);
        activations(o, kind, runSpec, checkpoint, order(maps.neurons(),
                i -> spectrum.frequency()[i] + (spectrum.phase()[i] + Math.PI) / (2 * Math.PI + 1e-9)));
        ObjectNode spec = o.putObject("spectrum");
        JsonNode fromAnalysis = analysisStep(analysis, step);
        ArrayNode values = spec.putArray("values");
        if (fromAnalysis != null && fromAnalysis.path("spectrum").isArray()) {
            spec.put("source", "analysis.json: share of the model's Fourier power per frequency");
            fromAnalysis.path("spectrum").forEach(values::add);
            ArrayNode keys = spec.putArray("key_frequencies");
            fromAnalysis.path("key_frequencies").forEach(keys::add);
        } else {
            spec.put("source", "input weights: share of their non-constant Fourier power per frequency");
            for (double v : spectrum.shares()) {
                Json.add(values, v);
            }
        }
        return o;
    }

    /**
     * The star plots of PAIR's explorable (002): each neuron's Fourier coefficients (cos, sin) at its main frequency,
     * of its input weights over the tokens and of its output weights over the classes, c = (2/p) sum_a w(a)
     * cos(2 pi k a / p), s = (2/p) sum_a w(a) sin(2 pi k a / p); neurons of one frequency drawn together form a star.
     */
    private static void star(ObjectNode o, WeightMaps maps, Spectrum spectrum) {
        int p = maps.tokens();
        ObjectNode star = o.putObject("star");
        ArrayNode in = star.putArray("input");
        ArrayNode out = star.putArray("output");
        boolean outputOverTokens = maps.output() != null && maps.outputColumns() == p;
        for (int i = 0; i < maps.neurons(); i++) {
            int k = spectrum.frequency()[i];
            coefficients(in.addArray(), maps.inputA(), i * p, p, k);
            if (outputOverTokens) {
                coefficients(out.addArray(), maps.output(), i * p, p, k);
            }
        }
    }

    private static void coefficients(ArrayNode pair, float[] w, int from, int p, int k) {
        double c = 0;
        double s = 0;
        for (int a = 0; a < p; a++) {
            double angle = 2 * Math.PI * ((long) k * a % p) / p;
            c += w[from + a] * Math.cos(angle);
            s += w[from + a] * Math.sin(angle);
        }
        Json.add(pair, 2 * c / p);
        Json.add(pair, 2 * s / p);
    }

    /** At most this many activation maps: the neurons with the largest activations beyond it. */
    static final int MAX_ACTIVATION_MAPS = 32;

    /**
     * The kind's activation maps of this checkpoint's model ({@link Kind#activationMaps}), at most
     * {@value #MAX_ACTIVATION_MAPS} (the neurons of largest mean square activation, in the sorted order), each as
     * 8-bit levels between its minimum and maximum, base64-encoded (a p x p map of a 67-token run is 4.5 kB).
     */
    private static void activations(ObjectNode o, Kind kind, RunSpec spec, Path checkpoint, ArrayNode order)
            throws IOException {
        Model model = kind.setup(spec, Kernels.preferred()).model();
        try {
            Checkpoint.restore(checkpoint, model, null);
        } catch (IOException e) { // the weights do not fit the config's model: the weight views still show them
            o.put("activations_note", "no activation maps: " + e.getMessage());
            return;
        }
        ActivationMaps maps = kind.activationMaps(spec, model);
        if (maps == null) {
            return;
        }
        int size = maps.rows() * maps.cols();
        double[] energy = new double[maps.neurons()];
        for (int j = 0; j < maps.neurons(); j++) {
            for (int e = 0; e < size; e++) {
                double v = maps.data()[j * size + e];
                energy[j] += v * v;
            }
        }
        java.util.Set<Integer> shown = new java.util.HashSet<>();
        Integer[] byEnergy = new Integer[maps.neurons()];
        for (int j = 0; j < byEnergy.length; j++) {
            byEnergy[j] = j;
        }
        Arrays.sort(byEnergy, Comparator.comparingDouble((Integer j) -> -energy[j]).thenComparingInt(j -> j));
        for (int i = 0; i < Math.min(MAX_ACTIVATION_MAPS, byEnergy.length); i++) {
            shown.add(byEnergy[i]);
        }
        ObjectNode a = o.putObject("activations");
        a.put("neurons", maps.neurons());
        a.put("rows", maps.rows());
        a.put("cols", maps.cols());
        a.put("row_name", maps.rowName());
        a.put("col_name", maps.colName());
        ArrayNode list = a.putArray("maps");
        for (JsonNode n : order) {
            int j = n.asInt();
            if (!shown.contains(j)) {
                continue;
            }
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int e = 0; e < size; e++) {
                min = Math.min(min, maps.data()[j * size + e]);
                max = Math.max(max, maps.data()[j * size + e]);
            }
            byte[] levels = new byte[size];
            for (int e = 0; e < size; e++) {
                levels[e] = (byte) (max > min ? Math.round(255 * (maps.data()[j * size + e] - min) / (max - min)) : 0);
            }
            ObjectNode m = list.addObject();
            m.put("neuron", j);
            Json.add(m.putArray("range"), min);
            Json.add((ArrayNode) m.get("range"), max);
            m.put("levels", Base64.getEncoder().encodeToString(levels));
        }
    }

    /**
     * A kind without weight maps: every parameter of the checkpoint (up to 262,144 values) as a heatmap, first
     * dimension down.
     */
    private static void tensors(ObjectNode o, Safetensors.Loaded loaded) {
        ArrayNode list = o.putArray("tensors");
        new java.util.TreeMap<>(loaded.tensors()).forEach((name, t) -> {
            int[] shape = t.shape();
            int rows = shape.length == 0 ? 1 : shape[0];
            int cols = rows == 0 ? 0 : t.data().length / rows;
            if (shape.length == 1) { // a vector: one row
                rows = 1;
                cols = shape[0];
            }
            if ((long) rows * cols > 1 << 18 || name.startsWith(Checkpoint.OPTIMIZER_PREFIX)) {
                return; // too large to draw, or optimizer state
            }
            map(list, name + " " + Arrays.toString(shape), "", t.data(), rows, cols);
        });
    }

    /** The analysis.json entry of this checkpoint, or null. */
    static JsonNode analysisStep(JsonNode analysis, long step) {
        if (analysis == null) {
            return null;
        }
        for (JsonNode c : analysis.path("checkpoints")) {
            if (c.path("step").asLong(-1) == step) {
                return c;
            }
        }
        return null;
    }

    private static double[] relevantShare(WeightMaps maps, int k) {
        double[] share = new double[maps.neurons()];
        for (int i = 0; i < maps.neurons(); i++) {
            double rel = 0;
            double all = 0;
            for (int j = 0; j < maps.tokens(); j++) {
                double v = Math.abs(maps.inputA()[i * maps.tokens() + j]);
                all += v;
                if (j < k) {
                    rel += v;
                }
            }
            share[i] = all > 0 ? rel / all : 0;
        }
        return share;
    }

    private static ArrayNode order(int n, java.util.function.IntToDoubleFunction key) {
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, Comparator.comparingDouble((Integer i) -> key.applyAsDouble(i)).thenComparingInt(i -> i));
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (int i : idx) {
            a.add(i);
        }
        return a;
    }

    private static void map(ArrayNode list, String name, String columns, float[] data, int rows, int cols) {
        ObjectNode m = list.addObject();
        m.put("name", name);
        m.put("columns", columns);
        m.put("rows", rows);
        m.put("cols", cols);
        ArrayNode d = m.putArray("data");
        for (float v : data) {
            Json.add(d, v);
        }
    }
}
