package org.groklab.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;

/**
 * Run ids: the first 12 hex digits of the SHA-256 of a spec's canonical JSON in a fixed form, so that the id of a
 * spec never changes when a later version adds a key with a default. The form is the spec as groklab 0.1.0 wrote
 * it: every key 0.1.0 knew, in its order (resource {@code run-id-0.1.0.yaml}), with the run's value where the run
 * has one and 0.1.0's default where it has not; then every later key whose value differs from its default.
 */
public final class RunIds {
    private RunIds() {
    }

    /** The run id of a resolved spec tree (as written to config.json, without run_id and groklab_version). */
    public static String of(ObjectNode tree) {
        ObjectNode form = (ObjectNode) SpecLoader.readResource("run-id-0.1.0.yaml");
        overlay(form, tree, SpecLoader.defaultsFor(tree));
        try {
            byte[] canonical = SpecLoader.JSON.writer().without(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsBytes(form);
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical);
            return HexFormat.of().formatHex(hash, 0, 6);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void overlay(ObjectNode form, JsonNode tree, JsonNode defaults) {
        Iterator<Map.Entry<String, JsonNode>> it = tree.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.equals("run_id") || key.equals("groklab_version")) {
                continue;
            }
            JsonNode known = form.get(key);
            JsonNode def = defaults == null ? null : defaults.get(key);
            if (known != null && known.isObject() && e.getValue().isObject()) {
                overlay((ObjectNode) known, e.getValue(), def);
            } else if (known != null) {
                form.set(key, e.getValue());
            } else if (!e.getValue().equals(def)) {
                form.set(key, e.getValue());
            }
        }
    }
}
