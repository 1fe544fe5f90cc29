package org.groklab.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The presets shipped in {@code resources/presets/}: plain spec files, each citing the document, figure or table
 * it reproduces. {@code presets/index.txt} lists them in display order.
 */
public final class Presets {
    private Presets() {
    }

    public record Preset(String name, String source) {
    }

    /** The text of a resource shipped in the jar. */
    public static String resourceText(String path) {
        return SpecLoader.readResourceText(path);
    }

    public static List<String> names() {
        List<String> names = new ArrayList<>();
        for (String line : SpecLoader.readResourceText("presets/index.txt").split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.trim());
            }
        }
        return names;
    }

    public static List<Preset> all() {
        List<Preset> out = new ArrayList<>();
        for (String n : names()) {
            out.add(new Preset(n, tree(n).path("source").asText("")));
        }
        return out;
    }

    public static JsonNode tree(String name) {
        if (!names().contains(name)) {
            throw new SpecException("--preset", "unknown preset '" + name + "'"
                    + Suggestions.didYouMean(name, names()) + "; one of " + String.join(", ", names()));
        }
        return SpecLoader.readResource("presets/" + name + ".yaml");
    }
}
