package org.groklab.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.groklab.spec.SpecLoader;
import org.groklab.train.Progress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs made by groklab 0.1.0 wrote config.json as the union of every kind's keys, and named runs by the hash of
 * exactly that tree. Such a run, interrupted, still opens and resumes to the bytes of an uninterrupted run today.
 */
class LegacyRunTest {

    @ParameterizedTest
    @ValueSource(strings = {"quick-modadd", "quick-parity"})
    void aRunWrittenIn010FormResumesToTheSameBytes(String preset, @TempDir Path tmp) throws Exception {
        List<String> sets = List.of("train.steps=300", "eval.every=50", "checkpoints.resume_every=100",
                "checkpoints.per_decade=0");
        Path whole = tmp.resolve("whole");
        Runner.train(SpecLoader.load(preset, null, sets), whole, Progress.NONE);

        // the same run as 0.1.0 left it when killed early on: its config in 0.1.0's form (every kind's keys) and id
        Path old = tmp.resolve("old");
        Files.createDirectories(old.resolve("checkpoints"));
        ObjectNode union = (ObjectNode) SpecLoader.YAML.readTree(
                LegacyRunTest.class.getClassLoader().getResourceAsStream("run-id-0.1.0.yaml"));
        JsonNode config = SpecLoader.JSON.readTree(whole.resolve("config.json").toFile());
        overlay(union, config);
        union.remove("run_id");
        union.remove("groklab_version");
        String oldId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
                SpecLoader.JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(union)), 0, 6);
        assertEquals(config.get("run_id").asText(), oldId, "0.1.0's id of the union tree is today's run id");
        ObjectNode written = SpecLoader.JSON.createObjectNode().put("groklab_version", "0.1.0").put("run_id", oldId);
        written.setAll(union);
        Files.writeString(old.resolve("config.json"), SpecLoader.JSON.writeValueAsString(written) + "\n");
        Files.copy(whole.resolve("split.json"), old.resolve("split.json"));
        Files.copy(whole.resolve("checkpoints/step-0.safetensors"), old.resolve("checkpoints/step-0.safetensors"));
        List<String> metrics = Files.readAllLines(whole.resolve("metrics.csv"));
        Files.write(old.resolve("metrics.csv"), metrics.subList(0, 4)); // header and steps 0, 50, 100 (torn after)
        Files.write(old.resolve("timing.csv"), List.of("step,elapsed_s,s_per_step"));

        Runner.resume(old, Progress.NONE);
        List<String> checkpoints;
        try (Stream<Path> s = Files.list(whole.resolve("checkpoints"))) {
            checkpoints = s.map(p -> "checkpoints/" + p.getFileName()).sorted().toList();
        }
        try (Stream<Path> s = Files.list(old.resolve("checkpoints"))) {
            assertEquals(checkpoints, s.map(p -> "checkpoints/" + p.getFileName()).sorted().toList());
        }
        for (String f : java.util.stream.Stream.concat(Stream.of("metrics.csv"), checkpoints.stream()).toList()) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(f)), Files.readAllBytes(old.resolve(f)), f);
        }
    }

    /** The run's values over 0.1.0's keys; keys 0.1.0 did not know (added later, at their defaults) are left out. */
    private static void overlay(ObjectNode form, JsonNode tree) {
        Iterator<Map.Entry<String, JsonNode>> it = tree.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode known = form.get(e.getKey());
            if (known != null && known.isObject() && e.getValue().isObject()) {
                overlay((ObjectNode) known, e.getValue());
            } else if (known != null) {
                form.set(e.getKey(), e.getValue());
            }
        }
    }
}
