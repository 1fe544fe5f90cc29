package org.groklab.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.groklab.spec.SpecException;
import org.groklab.spec.SpecLoader;

/** Reading and checking a {@link SweepSpec}. */
public final class SweepSpecs {
    private SweepSpecs() {
    }

    /** The names of the shipped sweep presets. */
    public static java.util.List<String> presetNames() {
        java.util.List<String> names = new ArrayList<>();
        for (String line : org.groklab.spec.Presets.resourceText("sweeps/index.txt").split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.trim());
            }
        }
        return names;
    }

    public static JsonNode presetTree(String name) {
        if (!presetNames().contains(name)) {
            throw new SpecException("--preset", "unknown sweep preset '" + name + "'"
                    + org.groklab.spec.Suggestions.didYouMean(name, presetNames()) + "; one of "
                    + String.join(", ", presetNames()));
        }
        try {
            return SpecLoader.YAML.readTree(org.groklab.spec.Presets.resourceText("sweeps/" + name + ".yaml"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("sweep preset " + name + " is not valid YAML", e);
        }
    }

    static SweepSpec bind(JsonNode tree) {
        SweepSpec spec;
        try {
            spec = SpecLoader.JSON.treeToValue(tree, SweepSpec.class);
        } catch (UnrecognizedPropertyException e) {
            throw new SpecException(path(e), "unknown key (allowed here: " + e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", ")) + ")");
        } catch (JsonMappingException e) {
            throw new SpecException(path(e), "malformed: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (JsonProcessingException e) {
            throw new SpecException("SPEC", e.getOriginalMessage());
        }
        if (spec.name() == null || !spec.name().matches("[A-Za-z0-9._-]+")) {
            throw new SpecException("name", "a sweep needs a name of letters, digits, '.', '_' or '-'");
        }
        if (spec.base() == null || (spec.base().preset() == null) == (spec.base().config() == null)) {
            throw new SpecException("base", "give exactly one of base.preset or base.config");
        }
        if (spec.axes() == null || spec.axes().isEmpty()) {
            throw new SpecException("axes", "a sweep needs at least one axis");
        }
        seeds(spec.seeds());
        return spec;
    }

    private static String path(JsonMappingException e) {
        String p = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? "." + r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining());
        return p.isEmpty() ? "SPEC" : p.substring(1).replace(".[", "[");
    }

    /** defaults ← preset or config ← base.set, as a tree. */
    static ObjectNode resolveBase(SweepSpec spec, Path dir) {
        Path config = spec.base().config() == null ? null : dir.resolve(spec.base().config());
        ObjectNode tree = SpecLoader.resolve(spec.base().preset(), config, List.of());
        if (spec.base().set() != null) {
            for (Map.Entry<String, JsonNode> e : spec.base().set().entrySet()) {
                try {
                    SpecLoader.set(tree, e.getKey(), e.getValue());
                } catch (SpecException ex) {
                    throw new SpecException("base.set." + ex.field(), ex.getMessage().substring(ex.field().length() + 2));
                }
            }
        }
        tree.put("name", spec.name());
        if (spec.source() != null) {
            tree.put("source", spec.source());
        }
        return tree;
    }

    /** seeds: a count n (seeds 0..n-1) or a list of seeds; default 1. */
    static long[] seeds(JsonNode node) {
        if (node == null || node.isNull()) {
            return new long[] {0};
        }
        if (node.isIntegralNumber()) {
            if (!node.canConvertToInt() || node.asInt() < 1 || node.asInt() > SweepPlan.MAX_SEEDS) {
                throw new SpecException("seeds", "a count in [1, " + SweepPlan.MAX_SEEDS + "], got " + node);
            }
            int n = node.asInt();
            long[] s = new long[n];
            for (int i = 0; i < n; i++) {
                s[i] = i;
            }
            return s;
        }
        if (node.isArray() && node.size() > SweepPlan.MAX_SEEDS) {
            throw new SpecException("seeds", "at most " + SweepPlan.MAX_SEEDS + " seeds, got " + node.size());
        }
        if (node.isArray() && !node.isEmpty()) {
            List<Long> list = new ArrayList<>();
            for (JsonNode v : node) {
                if (!v.isIntegralNumber()) {
                    throw new SpecException("seeds", "a list of whole numbers, got " + v);
                }
                list.add(v.asLong());
            }
            return list.stream().distinct().mapToLong(Long::longValue).toArray();
        }
        throw new SpecException("seeds", "a count (e.g. 3) or a non-empty list of seeds, got " + node);
    }
}
