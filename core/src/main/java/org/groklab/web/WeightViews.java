package org.groklab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.groklab.kind.Kinds;
import org.groklab.kind.WeightMaps;
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
        WeightMaps maps = Kinds.of(runSpec).weightMaps(runSpec, data, shapes);
        if (maps == null) {
            o.put("note", "no weight views for a " + model + " model");
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
