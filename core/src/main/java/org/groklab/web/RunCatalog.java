package org.groklab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Every run and sweep under the served directory (the directory itself, or up to three levels below it; the runs of
 * a sweep are shown on its own page, not here). A finished run's row is read once; a running run's is read again
 * at each scan; scans happen at most once a second.
 */
public final class RunCatalog {
    static final int MAX_DEPTH = 3;
    private static final long SCAN_MILLIS = 1000;

    private final SafePaths paths;
    private final Map<String, RunInfo> runs = new ConcurrentHashMap<>();
    private volatile List<RunInfo> listed = List.of();
    private volatile List<ObjectNode> sweeps = List.of();
    private volatile long scannedAt;

    public RunCatalog(SafePaths paths) {
        this.paths = paths;
    }

    /** One page of runs, filtered, searched and sorted, with the kinds and outcomes present and the sweeps. */
    public ObjectNode page(int offset, int limit, String sort, boolean descending, String outcome, String kind,
                           String query) {
        scan();
        String q = query == null ? "" : query.toLowerCase(Locale.ROOT).strip();
        List<RunInfo> all = listed;
        List<RunInfo> hits = new ArrayList<>();
        for (RunInfo r : all) {
            if (outcome != null && !outcome.isEmpty() && !r.outcome().equals(outcome)) {
                continue;
            }
            if (kind != null && !kind.isEmpty() && !r.kind().equals(kind)) {
                continue;
            }
            if (!q.isEmpty() && !(r.path() + " " + r.name()).toLowerCase(Locale.ROOT).contains(q)) {
                continue;
            }
            hits.add(r);
        }
        Comparator<RunInfo> order = comparator(sort);
        hits.sort(descending ? order.reversed() : order);
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("total", hits.size());
        o.put("all", all.size());
        o.put("offset", offset);
        o.put("limit", limit);
        ArrayNode rows = o.putArray("runs");
        for (int i = Math.max(0, offset); i < Math.min(hits.size(), offset + limit); i++) {
            rows.add(hits.get(i).toJson());
        }
        ArrayNode kinds = o.putArray("kinds");
        new TreeSet<>(all.stream().map(RunInfo::kind).toList()).forEach(kinds::add);
        ArrayNode outcomes = o.putArray("outcomes");
        new TreeSet<>(all.stream().map(RunInfo::outcome).toList()).forEach(outcomes::add);
        ArrayNode sw = o.putArray("sweeps");
        sweeps.forEach(sw::add);
        return o;
    }

    private static Comparator<RunInfo> comparator(String sort) {
        Comparator<RunInfo> byPath = Comparator.comparing(RunInfo::path);
        Comparator<RunInfo> c = switch (sort == null ? "" : sort) {
            case "name" -> Comparator.comparing(RunInfo::name);
            case "kind" -> Comparator.comparing(RunInfo::kind);
            case "outcome" -> Comparator.comparing(RunInfo::outcome);
            case "memorization_step" -> Comparator.comparing(RunInfo::memorizationStep,
                    Comparator.nullsLast(Comparator.naturalOrder()));
            case "generalization_step" -> Comparator.comparing(RunInfo::generalizationStep,
                    Comparator.nullsLast(Comparator.naturalOrder()));
            case "train_acc" -> Comparator.comparing(RunInfo::trainAcc, Comparator.nullsFirst(Comparator.naturalOrder()));
            case "test_acc" -> Comparator.comparing(RunInfo::testAcc, Comparator.nullsFirst(Comparator.naturalOrder()));
            case "modified" -> Comparator.comparingLong(RunInfo::modified);
            default -> byPath;
        };
        return c.thenComparing(byPath);
    }

    /** Rescans the directory tree when the last scan is older than a second. */
    public synchronized void scan() {
        long now = System.currentTimeMillis();
        if (now - scannedAt < SCAN_MILLIS && scannedAt != 0) {
            return;
        }
        List<Path> runDirs = new ArrayList<>();
        List<Path> sweepDirs = new ArrayList<>();
        walk(paths.root(), 0, runDirs, sweepDirs);
        List<RunInfo> found = new ArrayList<>();
        for (Path dir : runDirs) {
            String rel = paths.relative(dir);
            RunInfo known = runs.get(rel);
            if (known != null && known.complete()) {
                found.add(known);
                continue;
            }
            try {
                RunInfo info = RunInfo.read(dir, rel);
                runs.put(rel, info);
                found.add(info);
            } catch (IOException | RuntimeException e) {
                // a run whose config.json is being written: seen at the next scan
            }
        }
        List<ObjectNode> sw = new ArrayList<>();
        for (Path dir : sweepDirs) {
            try {
                JsonNode s = Json.MAPPER.readTree(dir.resolve(SweepViews.SWEEP).toFile());
                ObjectNode o = Json.MAPPER.createObjectNode();
                o.put("path", paths.relative(dir));
                o.put("name", s.path("name").asText(dir.getFileName().toString()));
                o.put("planned", s.path("runs").asInt());
                o.put("cells", s.path("cells").asInt());
                sw.add(o);
            } catch (IOException | RuntimeException e) {
                // sweep.json being written
            }
        }
        listed = List.copyOf(found);
        sweeps = List.copyOf(sw);
        scannedAt = System.currentTimeMillis();
    }

    private void walk(Path dir, int depth, List<Path> runDirs, List<Path> sweepDirs) {
        if (Files.isSymbolicLink(dir) && depth > 0) {
            return; // links are not followed when listing; a link inside the directory is still served by path
        }
        if (Files.isRegularFile(dir.resolve(SweepViews.SWEEP))) {
            sweepDirs.add(dir);
            return;
        }
        if (Files.isRegularFile(dir.resolve(RunInfo.CONFIG))) {
            runDirs.add(dir);
            return;
        }
        if (depth >= MAX_DEPTH) {
            return;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path c : (Iterable<Path>) children.sorted()::iterator) {
                if (Files.isDirectory(c) && !c.getFileName().toString().startsWith(".")) {
                    walk(c, depth + 1, runDirs, sweepDirs);
                }
            }
        } catch (IOException e) {
            // unreadable directory: skipped
        }
    }
}
