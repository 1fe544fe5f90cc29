package org.groklab.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default name of a single run's directory: the run's name, the keys overridden on the command line as short
 * readable parts, then the run id, which keeps it unique ({@code quick-modadd-seed3-wd0.1-8ab616b5d367}). Runs are
 * found by their config.json, never by their directory's name, so directories named before (NAME-RUNID) open alike.
 */
public final class RunDirectoryName {
    /** The longest the overrides part may grow; parts past it are left out (the run id still tells runs apart). */
    static final int MAX_OVERRIDES = 60;

    private static final Map<String, String> SHORT = Map.ofEntries(
            Map.entry("weight_decay", "wd"), Map.entry("train_fraction", "frac"), Map.entry("learning_rate", "lr"),
            Map.entry("d_embed", "emb"), Map.entry("activation", "act"), Map.entry("operation", "op"),
            Map.entry("train_size", "ntrain"), Map.entry("batch_size", "batch"), Map.entry("label_noise", "noise"));

    private RunDirectoryName() {
    }

    /** NAME[-overrides]-RUNID, from the {@code KEY=VALUE} overrides in the order given (a key's last value wins). */
    public static String of(String name, List<String> sets, String runId) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String s : sets) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String key = s.substring(0, eq).strip();
            parts.remove(key);
            parts.put(key, part(key, s.substring(eq + 1).strip()));
        }
        StringBuilder b = new StringBuilder(name);
        int used = 0;
        for (String p : parts.values()) {
            if (p.isEmpty() || used + p.length() + 1 > MAX_OVERRIDES) {
                continue;
            }
            b.append('-').append(p);
            used += p.length() + 1;
        }
        return b.append('-').append(runId).toString();
    }

    /** "optimizer.weight_decay", "0.1" -> "wd0.1"; characters unsafe in a file name become '_'. */
    static String part(String key, String value) {
        String last = key.substring(key.lastIndexOf('.') + 1);
        String k = SHORT.getOrDefault(last, last);
        String v = value.replaceAll("^[\"']|[\"']$", "").replaceAll("[^A-Za-z0-9.+_-]", "_");
        return (k + v).replaceAll("[^A-Za-z0-9.+_-]", "_");
    }
}
