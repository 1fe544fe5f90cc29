package org.groklab.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/** The registered {@link SpecKind}s, found once through {@link ServiceLoader}. */
public final class SpecKinds {
    private static final List<SpecKind> ALL = load();

    private SpecKinds() {
    }

    private static List<SpecKind> load() {
        List<SpecKind> kinds = new ArrayList<>();
        ServiceLoader.load(SpecKind.class, SpecKinds.class.getClassLoader()).forEach(kinds::add);
        if (kinds.isEmpty()) {
            throw new IllegalStateException("no kinds of experiment registered (META-INF/services/"
                    + SpecKind.class.getName() + " missing from the class path)");
        }
        return List.copyOf(kinds);
    }

    /** Every registered kind, in registration order. */
    public static List<SpecKind> all() {
        return ALL;
    }

    /** The kind of a task type; an unknown one is a one-line error listing the known ones. */
    public static SpecKind forTask(String type) {
        for (SpecKind k : ALL) {
            if (k.taskType().equals(type)) {
                return k;
            }
        }
        throw new SpecException("task.type", "one of " + String.join(", ", taskTypes()) + "; got " + type
                + Suggestions.didYouMean(type, taskTypes()));
    }

    public static List<String> taskTypes() {
        return ALL.stream().map(SpecKind::taskType).toList();
    }

    /** Every model type of every kind, with the task type it belongs to. */
    public static Map<String, String> modelTypes() {
        Map<String, String> out = new LinkedHashMap<>();
        for (SpecKind k : ALL) {
            for (String m : k.models().keySet()) {
                out.put(m, k.taskType());
            }
        }
        return out;
    }

    /** The defaults of a kind: {@code task} and {@code models} sections (a fresh copy). */
    static ObjectNode defaults(SpecKind kind) {
        JsonNode node = SpecLoader.readResource(kind.defaultsResource());
        if (!(node instanceof ObjectNode o) || !o.path("task").isObject() || !o.path("models").isObject()) {
            throw new IllegalStateException(kind.defaultsResource() + " must hold task: and models: sections");
        }
        return o;
    }
}
