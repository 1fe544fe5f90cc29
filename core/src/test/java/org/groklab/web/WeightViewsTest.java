package org.groklab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.groklab.cli.Main;
import org.groklab.run.Safetensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The checkpoint views against weights built with known structure, and the commands' refusals of bad input. */
class WeightViewsTest {
    @TempDir
    Path tmp;

    private Path run(String config, List<Safetensors.Tensor> tensors) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("run").resolve("checkpoints"));
        Files.writeString(dir.getParent().resolve("config.json"), config);
        Safetensors.write(dir.resolve("step-10.safetensors"), tensors, Map.of("step", "10"));
        return dir.getParent();
    }

    @Test
    void modularNeuronsAreSortedByTheirCosineFrequencyAndTheSpectrumPeaksThere() throws Exception {
        int p = 11;
        int[] freq = {4, 1, 3, 1, 4};                       // neuron i: cos(2π f_i a / p + φ_i) on its a-inputs
        double[] phase = {0.3, 2.0, -1.0, 0.1, 1.5};
        float[] w1 = new float[freq.length * 2 * p];        // gromov-mlp W1: m x 2p, [a-part | b-part]
        for (int i = 0; i < freq.length; i++) {
            for (int a = 0; a < p; a++) {
                w1[i * 2 * p + a] = (float) Math.cos(2 * Math.PI * freq[i] * a / p + phase[i]);
                w1[i * 2 * p + p + a] = (float) Math.sin(2 * Math.PI * freq[i] * a / p);
            }
        }
        float[] w2 = new float[p * freq.length];
        Path dir = run("{\"task\": {\"type\": \"modular\", \"p\": 11}, \"model\": {\"type\": \"gromov-mlp\", "
                + "\"width\": 5}}",
                List.of(new Safetensors.Tensor("W1", new int[] {freq.length, 2 * p}, w1),
                        new Safetensors.Tensor("W2", new int[] {p, freq.length}, w2)));
        try (Api api = new Api(new SafePaths(tmp))) {
            JsonNode v = api.handle("checkpoint", Map.of("path", "run", "step", "7"));
            assertEquals(10, v.get("step").asLong(), "the nearest checkpoint");
            for (int i = 0; i < freq.length; i++) {
                assertEquals(freq[i], v.get("frequency").get(i).asInt(), "neuron " + i);
                assertEquals(1.0, v.get("neuron_share").get(i).asDouble(), 1e-5, "a pure cosine: all power at f");
            }
            for (int i = 0; i < freq.length; i++) { // (2/p) sum_a cos(2 pi f a / p + phi) (cos, sin)(2 pi f a / p)
                JsonNode star = v.get("star").get("input").get(i);
                assertEquals(Math.cos(phase[i]), star.get(0).asDouble(), 1e-5, "star cos of neuron " + i);
                assertEquals(-Math.sin(phase[i]), star.get(1).asDouble(), 1e-5, "star sin of neuron " + i);
            }
            JsonNode act = v.get("activations");
            assertEquals(5, act.get("maps").size(), "every neuron's activation over the 11 x 11 pairs");
            assertEquals(11 * 11, java.util.Base64.getDecoder().decode(act.get("maps").get(0).get("levels").asText()).length);
            List<Integer> order = new ArrayList<>();
            v.get("order").forEach(n -> order.add(n.asInt()));
            assertEquals(List.of(3, 1, 2, 0, 4), order, "by frequency (1, 1, 3, 4, 4), then by phase");
            JsonNode spectrum = v.get("spectrum").get("values");
            assertEquals(5, spectrum.size(), "k = 1..5 for p = 11");
            // every neuron has unit amplitude: power p/2 at its frequency, so shares 2/5, 0, 1/5, 2/5, 0
            double[] expected = {0.4, 0, 0.2, 0.4, 0};
            for (int k = 0; k < 5; k++) {
                assertEquals(expected[k], spectrum.get(k).asDouble(), 1e-5, "frequency " + (k + 1));
            }
            assertEquals(3, v.get("maps").size(), "input from a, input from b, output");
            assertEquals(p, v.get("maps").get(0).get("cols").asInt());
            assertTrue(v.get("spectrum").get("source").asText().startsWith("input weights"));
        }
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    void parityNeuronsAreSortedByTheirShareOnTheRelevantBits() throws Exception {
        float[] w1 = {
            0.1f, 0.1f, 1, 1, 1, 1,     // neuron 0: share 0.2/4.2
            1, 1, 0, 0, 0, 0,           // neuron 1: share 1
            1, 0, 1, 0, 0, 0,           // neuron 2: share 0.5
        };
        run("{\"task\": {\"type\": \"parity\", \"n\": 6, \"k\": 2}, \"model\": {\"type\": \"parity-mlp\"}, "
                + "\"loss\": {\"type\": \"hinge\"}}",
                List.of(new Safetensors.Tensor("W1", new int[] {3, 6}, w1),
                        new Safetensors.Tensor("b1", new int[] {3}, new float[3]),
                        new Safetensors.Tensor("W2", new int[] {1, 3}, new float[] {1, -2, 3})));
        try (Api api = new Api(new SafePaths(tmp))) {
            JsonNode v = api.handle("checkpoint", Map.of("path", "run", "step", "10"));
            assertEquals("[1,2,0]", v.get("order").toString());
            assertEquals(0.5, v.get("neuron_relevant_share").get(2).asDouble(), 1e-6);
            assertEquals(2, v.get("relevant_bits").asInt());
            assertEquals("[1.0,-2.0,3.0]", v.get("maps").get(1).get("data").toString(), "W2 per neuron");
            assertFalse(v.has("spectrum"));
        }
    }

    @Test
    void reportAndServeRefuseBadInputWithExitCode2AndWriteNothing() throws Exception {
        StringWriter err = new StringWriter();
        PrintWriter e = new PrintWriter(err);
        PrintWriter o = new PrintWriter(new StringWriter());
        Path out = tmp.resolve("r.html");
        assertEquals(2, Main.run(new String[] {"report", tmp.resolve("nothing").toString(), "--out", out.toString()}, o, e));
        FakeRuns.run(tmp.resolve("fake"), "fake", 0, "grok", 100);
        assertEquals(2, Main.run(new String[] {"report", tmp.resolve("fake").toString(), "--out",
                tmp.resolve("r.txt").toString()}, o, e));
        assertEquals(2, Main.run(new String[] {"serve", tmp.resolve("missing").toString()}, o, e));
        assertEquals(2, Main.run(new String[] {"serve", tmp.toString(), "--port", "70000"}, o, e));
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(tmp.resolve("r.txt")));
        e.flush();
        assertEquals(4, err.toString().lines().filter(l -> l.startsWith("groklab: ")).count(), err.toString());
        assertEquals(0, Main.run(new String[] {"report", tmp.resolve("fake").toString(), "--out", out.toString()}, o, e));
        String html = Files.readString(out);
        assertTrue(html.contains("window.GROKLAB_REPORT") && html.contains("/api/run?path="), "data inlined");
        assertFalse(html.contains("<script src") || html.contains("<link rel=\"stylesheet\""), "nothing linked");
    }
}
