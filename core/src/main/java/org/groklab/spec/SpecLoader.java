package org.groklab.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Builds a {@link RunSpec} from layers: {@code defaults.yaml}, then a preset or a config file, then
 * {@code --set key=value} overrides. Unknown keys, wrong types and values out of range are rejected with a
 * {@link SpecException} before anything is written.
 */
public final class SpecLoader {
    public static final ObjectMapper YAML = configure(new ObjectMapper(new YAMLFactory()));
    public static final ObjectMapper JSON = configure(new ObjectMapper())
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** The largest spec or sweep file read (1 MiB): specs are a few hundred bytes, sweeps a few kilobytes. */
    public static final long MAX_FILE_BYTES = 1 << 20;

    private SpecLoader() {
    }

    private static ObjectMapper configure(ObjectMapper m) {
        m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        m.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        m.enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        m.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        m.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        m.coercionConfigFor(LogicalType.Integer).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        m.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return m;
    }

    /** The mapper that binds specs: {@link #JSON} plus every registered kind's task and model records. */
    private static final class Binder {
        static final ObjectMapper MAPPER = register(configure(new ObjectMapper()));

        private static ObjectMapper register(ObjectMapper m) {
            for (SpecKind k : SpecKinds.all()) {
                m.registerSubtypes(new com.fasterxml.jackson.databind.jsontype.NamedType(k.taskSpec(), k.taskType()));
                k.models().forEach((name, type) -> m.registerSubtypes(
                        new com.fasterxml.jackson.databind.jsontype.NamedType(type, name)));
            }
            return m;
        }
    }

    /** A spec and the fully resolved tree it came from (defaults included), in the defaults' key order. */
    public record Loaded(RunSpec spec, ObjectNode tree) {
    }

    /** The common defaults ({@code defaults.yaml}): every section but the kind's own task and model keys. */
    public static ObjectNode defaults() {
        return (ObjectNode) readResource("defaults.yaml");
    }

    /**
     * The full defaults of one task and model type: the common ones, the task's keys and the model's keys. A model
     * type of another kind is a one-line error listing the kind's models.
     */
    public static ObjectNode defaults(String taskType, String modelType) {
        SpecKind kind = SpecKinds.forTask(taskType);
        if (modelType == null) {
            modelType = kind.models().keySet().iterator().next();
        }
        if (!kind.models().containsKey(modelType)) {
            throw new SpecException("model.type", "task " + taskType + " trains "
                    + String.join(", ", kind.models().keySet()) + "; got " + modelType);
        }
        ObjectNode kindDefaults = SpecKinds.defaults(kind);
        ObjectNode tree = defaults();
        ObjectNode task = tree.putObject("task");
        task.put("type", taskType);
        task.setAll((ObjectNode) kindDefaults.get("task"));
        ObjectNode model = tree.putObject("model");
        model.put("type", modelType);
        model.setAll((ObjectNode) kindDefaults.get("models").path(modelType));
        // keep the common key order: task and model right after seed
        ObjectNode ordered = JSON.createObjectNode();
        tree.fields().forEachRemaining(e -> ordered.set(e.getKey(), e.getValue()));
        return ordered;
    }

    /** The full defaults of the task and model types a tree names (or the default ones where it names none). */
    public static ObjectNode defaultsFor(JsonNode tree) {
        JsonNode t = tree.path("task").path("type");
        JsonNode m = tree.path("model").path("type");
        String task = t.isTextual() ? t.asText() : defaults().path("task").path("type").asText();
        return defaults(task, m.isTextual() ? m.asText() : null);
    }

    /**
     * Keys that runs of groklab 0.1.0 wrote into every task and model section, whatever their kind (config.json
     * held the union of all kinds' keys): dropped when they are not the kind's own, so that old runs still bind.
     */
    private static void dropLegacyKeys(ObjectNode full) {
        JsonNode legacy = readResource("run-id-0.1.0.yaml");
        ObjectNode own = defaultsFor(full);
        for (String section : new String[] {"task", "model"}) {
            if (!(full.get(section) instanceof ObjectNode s)) {
                continue;
            }
            java.util.List<String> drop = new ArrayList<>();
            s.fieldNames().forEachRemaining(k -> {
                if (!own.path(section).has(k) && legacy.path(section).has(k)) {
                    drop.add(k);
                }
            });
            s.remove(drop);
        }
    }

    /** Resolves preset and/or file (either may be null) and the overrides. */
    public static Loaded load(String preset, Path file, List<String> sets) {
        return bind(resolve(preset, file, sets));
    }

    /**
     * Binds and validates a full tree, e.g. a run directory's config.json. Keys the tree lacks (a config written
     * before they existed) bind to their defaults; the returned tree is the one given, so its run id is unchanged.
     */
    public static Loaded bind(ObjectNode tree) {
        RunSpec spec;
        try {
            ObjectNode full = overDefaults(defaultsFor(tree), tree);
            dropLegacyKeys(full);
            spec = Binder.MAPPER.treeToValue(full, RunSpec.class);
        } catch (JsonMappingException e) {
            throw outOfRange(tree, e).orElseGet(() -> describe(e));
        } catch (JsonProcessingException e) {
            throw new SpecException("config", e.getOriginalMessage());
        }
        SpecValidator.validate(spec);
        return new Loaded(spec, tree);
    }

    /**
     * A whole number too big for its field's int or long (task.p: 2147483648) named with the range the field
     * allows: the validator's message for the nearest value that fits, with the number given.
     */
    private static java.util.Optional<SpecException> outOfRange(ObjectNode tree, JsonMappingException e) {
        String msg = String.valueOf(e.getOriginalMessage());
        boolean isInt = msg.contains("out of range of int");
        if (!isInt && !msg.contains("out of range of long") || e.getPath().isEmpty()) {
            return java.util.Optional.empty();
        }
        ObjectNode copy = tree.deepCopy();
        JsonNode parent = copy;
        List<JsonMappingException.Reference> path = e.getPath();
        for (int i = 0; i < path.size() - 1 && parent != null; i++) {
            String name = path.get(i).getFieldName();
            parent = name != null ? parent.get(name) : parent.get(path.get(i).getIndex());
        }
        String last = path.get(path.size() - 1).getFieldName();
        if (!(parent instanceof ObjectNode obj) || last == null || obj.get(last) == null
                || !obj.get(last).isNumber()) {
            return java.util.Optional.empty();
        }
        String given = obj.get(last).asText();
        boolean negative = obj.get(last).decimalValue().signum() < 0;
        long nearest = isInt ? (negative ? Integer.MIN_VALUE : Integer.MAX_VALUE)
                : (negative ? Long.MIN_VALUE : Long.MAX_VALUE);
        obj.put(last, nearest);
        String field = describe(e).field();
        try {
            bind(copy);
        } catch (SpecException refused) {
            if (refused.field().equals(field)) {
                return java.util.Optional.of(new SpecException(field,
                        refused.getMessage().substring(field.length() + 2)
                        .replace("got " + nearest, "got " + given)));
            }
        }
        return java.util.Optional.of(new SpecException(field, "a whole number in [" + (isInt ? Integer.MIN_VALUE
                : Long.MIN_VALUE) + ", " + (isInt ? Integer.MAX_VALUE : Long.MAX_VALUE) + "], got " + given));
    }

    public static JsonNode readFile(Path file) {
        return readFile(file, "--config");
    }

    /** Reads a YAML or JSON mapping; problems are reported against {@code field}. */
    public static JsonNode readFile(Path file, String field) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        ObjectMapper m;
        if (name.endsWith(".yaml") || name.endsWith(".yml")) {
            m = YAML;
        } else if (name.endsWith(".json")) {
            m = JSON;
        } else {
            throw new SpecException(field, "expected a .yaml, .yml or .json file, got " + file);
        }
        if (!Files.isReadable(file)) {
            throw new SpecException(field, "cannot read " + file);
        }
        try {
            if (Files.size(file) > MAX_FILE_BYTES) { // refused before parsing: a huge document would take minutes
                throw new SpecException(field, file + " is " + Files.size(file) + " bytes; a spec file may have at "
                        + "most " + MAX_FILE_BYTES + " bytes");
            }
            JsonNode node = m == YAML ? YamlTree.parse(Files.readString(file), field, file.toString())
                    : m.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new SpecException(field, file + " must hold a mapping of keys to values");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new SpecException(field, file + " is not valid " + (m == YAML ? "YAML" : "JSON") + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        } catch (IOException e) {
            throw new SpecException(field, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /**
     * The parsed resources: a sweep binds one spec per run, and each bind reads the defaults and the run-id form
     * (Murray's full Figure 2 sweep, 19,584 runs, spent 19 s parsing them again and again before its first run).
     */
    private static final Map<String, JsonNode> RESOURCES = new ConcurrentHashMap<>();

    /** A resource's YAML tree; a copy of its own for every caller, who may change it. */
    static JsonNode readResource(String path) {
        return RESOURCES.computeIfAbsent(path, SpecLoader::parseResource).deepCopy();
    }

    private static JsonNode parseResource(String path) {
        try {
            return YAML.readTree(readResourceText(path));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("resource " + path + " is not valid YAML", e);
        }
    }

    static String readResourceText(String path) {
        try (InputStream in = SpecLoader.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code tree} over {@code base}: the tree's values, and base's for the keys it lacks (unknown keys kept). */
    private static ObjectNode overDefaults(ObjectNode base, JsonNode tree) {
        Iterator<Map.Entry<String, JsonNode>> it = tree.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode current = base.get(e.getKey());
            if (current != null && current.isObject() && e.getValue().isObject()) {
                overDefaults((ObjectNode) current, e.getValue());
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
        return base;
    }

    /** Overlays {@code over} onto {@code base}; every key must already exist in base (the defaults). */
    static void merge(ObjectNode base, JsonNode over, String prefix) {
        Iterator<Map.Entry<String, JsonNode>> it = over.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = prefix + e.getKey();
            JsonNode current = base.get(e.getKey());
            if (current == null) {
                throw unknownKey(key, base);
            }
            if (current.isObject()) {
                if (!e.getValue().isObject()) {
                    throw new SpecException(key, "expected a section of keys (" + keys(current) + ")");
                }
                merge((ObjectNode) current, e.getValue(), key + ".");
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }

    static void applySet(ObjectNode tree, String set) {
        JsonNode value = parseValue(set);
        set(tree, set.substring(0, set.indexOf('=')).trim(), value);
    }

    /** The value of a {@code key=value} override, parsed as YAML (a plain word when it is not valid YAML). */
    private static JsonNode parseValue(String set) {
        int eq = set.indexOf('=');
        if (eq <= 0) {
            throw new SpecException("--set", "expected key=value, got '" + set + "'");
        }
        String raw = set.substring(eq + 1);
        try {
            return raw.isBlank() ? YAML.getNodeFactory().textNode(raw) : YAML.readTree(raw);
        } catch (JsonProcessingException e) {
            return YAML.getNodeFactory().textNode(raw);
        }
    }

    /** Sets the value at a dotted path that must exist in the tree (the defaults). */
    public static void set(ObjectNode tree, String path, JsonNode value) {
        String[] parts = path.split("\\.");
        ObjectNode node = tree;
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            JsonNode child = node.get(parts[i]);
            String key = seen + parts[i];
            if (child == null) {
                throw unknownKey(key, node);
            }
            if (i == parts.length - 1) {
                if (child.isObject()) {
                    throw new SpecException(key, "is a section; set one of its keys (" + keys(child) + ")");
                }
                node.set(parts[i], value);
            } else {
                if (!child.isObject()) {
                    throw new SpecException(key, "is a value, not a section");
                }
                node = (ObjectNode) child;
                seen.append(parts[i]).append('.');
            }
        }
    }

    /** The resolved tree of a preset and/or file and overrides, not yet bound (for sweeps that vary it). */
    public static ObjectNode resolve(String preset, Path file, List<String> sets) {
        List<JsonNode> layers = new ArrayList<>();
        if (preset != null) {
            layers.add(Presets.tree(preset));
        }
        if (file != null) {
            JsonNode fileTree = readFile(file);
            if (fileTree.has("preset")) { // a run file may start from a preset: `preset: NAME` plus its own keys
                if (!fileTree.get("preset").isTextual()) {
                    throw new SpecException("preset", "a preset name (see `groklab presets`), got "
                            + fileTree.get("preset"));
                }
                if (preset == null) {
                    layers.add(Presets.tree(fileTree.get("preset").asText()));
                }
                fileTree = ((com.fasterxml.jackson.databind.node.ObjectNode) fileTree.deepCopy()).without("preset");
            }
            layers.add(fileTree);
        }
        // the kind first: the last layer or --set that names task.type or model.type decides
        String task = null;
        String model = null;
        for (JsonNode layer : layers) {
            task = text(layer.path("task").path("type"), task);
            model = text(layer.path("model").path("type"), model);
        }
        for (String set : sets) {
            String key = set.contains("=") ? set.substring(0, set.indexOf('=')).trim() : "";
            if (key.equals("task.type")) {
                task = parseValue(set).asText();
            } else if (key.equals("model.type")) {
                model = parseValue(set).asText();
            }
        }
        ObjectNode tree = defaults(task != null ? task : defaults().path("task").path("type").asText(), model);
        for (JsonNode layer : layers) {
            merge(tree, layer, "");
        }
        for (String set : sets) {
            applySet(tree, set);
        }
        return tree;
    }

    private static String text(JsonNode node, String otherwise) {
        return node.isTextual() ? node.asText() : otherwise;
    }

    private static SpecException unknownKey(String key, JsonNode parent) {
        if ((key.startsWith("task.") || key.startsWith("model.")) && parent.path("type").isTextual()) {
            String section = key.substring(0, key.indexOf('.'));
            return new SpecException(key, "not a key of " + section + " type " + parent.path("type").asText()
                    + suggest(key, parent) + " (its keys: " + keys(parent) + ")");
        }
        return new SpecException(key, "unknown key" + suggest(key, parent) + " (allowed here: " + keys(parent) + ")");
    }

    private static String suggest(String key, JsonNode parent) {
        List<String> names = new ArrayList<>();
        parent.fieldNames().forEachRemaining(names::add);
        String last = key.substring(key.lastIndexOf('.') + 1);
        String prefix = key.substring(0, key.lastIndexOf('.') + 1);
        String c = Suggestions.closest(last, names);
        return c == null ? "" : " (did you mean " + prefix + c + "?)";
    }

    private static String keys(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static SpecException describe(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        String msg = e.getOriginalMessage();
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f && f.getTargetType() != null
                && f.getTargetType().isEnum()) {
            return new SpecException(field, "one of " + String.join(", ", Words.all(f.getTargetType())) + "; got "
                    + f.getValue() + Suggestions.didYouMean(String.valueOf(f.getValue()), Words.all(f.getTargetType())));
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidTypeIdException t) {
            boolean model = field.startsWith("model");
            return new SpecException(model ? "model.type" : "task.type", "one of " + String.join(", ", model
                    ? SpecKinds.modelTypes().keySet() : SpecKinds.taskTypes()) + "; got " + t.getTypeId());
        }
        String expected = "a value of the right type";
        if (msg.contains("`int`") || msg.contains("`long`") || msg.contains("Integer")) {
            expected = "a whole number";
        } else if (msg.contains("`double`") || msg.contains("Double")) {
            expected = "a number";
        } else if (msg.contains("`boolean`") || msg.contains("Boolean")) {
            expected = "true or false";
        } else if (msg.contains("String")) {
            expected = "a word";
        } else if (msg.contains("List") || msg.contains("ArrayList")) {
            expected = "a list";
        }
        return new SpecException(field.isEmpty() ? "config" : field, "expected " + expected);
    }
}
