package org.groklab.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.groklab.run.RunDirectory;
import org.groklab.spec.SpecException;

/**
 * A folder whose subdirectories are run directories (e.g. {@code runs/} after a few {@code groklab train}), read as a
 * collection: the keys whose values differ between the runs' specs play the part of a sweep's swept fields (the
 * seed apart), and runs with the same values of them form a cell. Subdirectories without config.json, and symbolic
 * links, are left out; a second directory holding a run id already seen (a copy) is left out too.
 *
 * @param fields the differing keys, dotted ("optimizer.weight_decay"), in the order of the spec
 * @param runs   the runs, by directory name
 */
public record RunFolder(List<String> fields, List<Run> runs) {

    /** One run directory of the folder: its name, run id, seed, cell and values of the differing keys. */
    public record Run(String dir, String runId, long seed, int cell, Map<String, JsonNode> values) {
    }

    /** True when {@code dir} holds at least one run directory (a subdirectory with config.json). */
    public static boolean isFolder(Path dir) {
        return !runDirs(dir).isEmpty();
    }

    /** Reads the folder; a folder without run directories is a one-line error. */
    public static RunFolder read(Path dir) {
        List<Path> dirs = runDirs(dir);
        if (dirs.isEmpty()) {
            throw new SpecException("DIR", dir + " holds no run directories (subdirectories with config.json)");
        }
        List<String> names = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        List<Map<String, JsonNode>> flat = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Path d : dirs) {
            RunDirectory run = RunDirectory.open(d);
            if (!seen.add(run.runId())) {
                continue;
            }
            names.add(d.getFileName().toString());
            ids.add(run.runId());
            Map<String, JsonNode> values = new LinkedHashMap<>();
            flatten("", run.spec().tree(), values);
            flat.add(values);
        }
        List<String> fields = differing(flat);
        Map<List<String>, Integer> cells = new LinkedHashMap<>();
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            Map<String, JsonNode> values = new LinkedHashMap<>();
            for (String f : fields) {
                values.put(f, flat.get(i).get(f));
            }
            List<String> key = fields.stream().map(f -> String.valueOf(values.get(f))).toList();
            int cell = cells.computeIfAbsent(key, k -> cells.size());
            JsonNode seed = flat.get(i).get("seed");
            runs.add(new Run(names.get(i), ids.get(i), seed == null ? 0 : seed.asLong(), cell, values));
        }
        return new RunFolder(fields, runs);
    }

    /** The keys, seed and run name apart, whose values are not the same in every run (missing counts as a value). */
    public static List<String> differing(List<Map<String, JsonNode>> flat) {
        Set<String> keys = new LinkedHashSet<>();
        flat.forEach(m -> keys.addAll(m.keySet()));
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            if (k.equals("seed")) {
                continue;
            }
            Set<String> values = flat.stream().map(m -> String.valueOf(m.get(k))).collect(Collectors.toSet());
            if (values.size() > 1) {
                out.add(k);
            }
        }
        return out;
    }

    /** Leaves of a spec tree by dotted path; arrays are leaves. */
    public static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else {
            out.put(prefix, node);
        }
    }

    /** The run directories under {@code dir}, sorted by name. */
    static List<Path> runDirs(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                            && Files.isRegularFile(p.resolve(RunDirectory.CONFIG), LinkOption.NOFOLLOW_LINKS))
                    .sorted().toList();
        } catch (IOException e) {
            throw new SpecException("DIR", "cannot read " + dir + ": " + e.getMessage());
        }
    }

    /**
     * The plan view: run_id, cell, seed, dir and one column per differing key, typed BIGINT when every value is a
     * whole number, DOUBLE when every one is a number, BOOLEAN when every one is a boolean, VARCHAR otherwise (missing: NULL).
     */
    String planView() {
        Map<String, String> types = new TreeMap<>();
        for (String f : fields) {
            boolean numbers = runs.stream().map(r -> r.values().get(f)).allMatch(v -> v == null || v.isNumber());
            boolean whole = runs.stream().map(r -> r.values().get(f))
                    .allMatch(v -> v == null || v.isIntegralNumber());
            boolean bools = runs.stream().map(r -> r.values().get(f)).allMatch(v -> v == null || v.isBoolean());
            types.put(f, whole ? "BIGINT" : numbers ? "DOUBLE" : bools ? "BOOLEAN" : "VARCHAR");
        }
        List<String> rows = new ArrayList<>();
        for (Run r : runs) {
            StringBuilder row = new StringBuilder("(").append(SweepDatabase.literal(r.runId())).append(", ")
                    .append(r.cell()).append(", ").append(r.seed()).append(", ")
                    .append(SweepDatabase.literal(r.dir()));
            for (String f : fields) {
                JsonNode v = r.values().get(f);
                row.append(", ").append(v == null || v.isNull() ? "NULL"
                        : "CAST(" + SweepDatabase.literal(v.isTextual() ? v.asText() : v.toString()) + " AS "
                          + types.get(f) + ")");
            }
            rows.add(row.append(")").toString());
        }
        String columns = Stream.concat(Stream.of("run_id", "cell", "seed", "dir"),
                fields.stream().map(SweepDatabase::identifier)).collect(Collectors.joining(", "));
        return "SELECT run_id, cell::INTEGER AS cell, seed::BIGINT AS seed, dir" + (fields.isEmpty() ? ""
                : ", " + fields.stream().map(SweepDatabase::identifier).collect(Collectors.joining(", ")))
                + " FROM (VALUES " + String.join(", ", rows) + ") AS t(" + columns + ")";
    }
}
