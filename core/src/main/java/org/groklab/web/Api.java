package org.groklab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The explorer's data, as JSON computed from the run directories' files: the same answers for the server
 * ({@code /api/...}) and for a report (inlined under the same keys). Paths are relative to the served directory.
 * Answers that cannot change (finished runs' metrics, checkpoints' views) are cached.
 */
public final class Api implements AutoCloseable {
    static final int CURVE_POINTS = 400;
    private static final Pattern CHECKPOINT = Pattern.compile("step-(\\d+)\\.safetensors");
    private static final List<String> CURVE_COLUMNS = List.of("step", "train_loss", "test_loss", "train_acc", "test_acc");

    private final SafePaths paths;
    private final RunCatalog catalog;
    private final Map<String, JsonNode> cache = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, JsonNode> e) {
            return size() > 512;
        }
    });
    private final Map<Path, java.util.concurrent.CompletableFuture<SweepViews>> sweeps = new ConcurrentHashMap<>();
    private final long sweepWaitMillis;

    /** For a report: every answer waits for what it needs. */
    public Api(SafePaths paths) {
        this(paths, Long.MAX_VALUE);
    }

    /**
     * For the server: a sweep request waits at most {@code sweepWaitMillis} for the sweep to open (the first time,
     * DuckDB reads every summary); after that it is answered with {@link Opening}, and the page asks again.
     */
    public Api(SafePaths paths, long sweepWaitMillis) {
        this.paths = paths;
        this.catalog = new RunCatalog(paths);
        this.sweepWaitMillis = sweepWaitMillis;
    }

    /** A sweep still being opened: the server answers 202 and the page asks again a moment later. */
    public static final class Opening extends RuntimeException {
        Opening(String message) {
            super(message);
        }
    }

    /** A bad request: 400. */
    public static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    /** Answers {@code endpoint} ("runs", "run", ...) with its parameters. */
    public JsonNode handle(String endpoint, Map<String, String> q) throws IOException {
        try {
            return switch (endpoint) {
                case "runs" -> warm(catalog.page(integer(q, "offset", 0), Math.min(500, integer(q, "limit", 50)),
                        q.get("sort"), "desc".equals(q.get("order")), q.get("outcome"), q.get("kind"), q.get("q")));
                case "run" -> run(runDir(q));
                case "metrics" -> metrics(runDir(q), integer(q, "offset", 0));
                case "curves" -> curves(runDir(q));
                case "checkpoint" -> checkpoint(runDir(q), integer(q, "step", 0));
                case "analysis" -> analysisRecord(runDir(q), q.getOrDefault("name", ""));
                case "sweep" -> sweep(q).summary(q.get("x"), q.get("y"));
                case "cell" -> sweep(q).cell(q.get("x"), q.get("xv"), q.get("y"), q.get("yv"), 50);
                case "sweep-runs" -> sweep(q).runs(integer(q, "offset", 0), Math.min(500, integer(q, "limit", 50)));
                default -> throw new SafePaths.Refused("no such endpoint: " + endpoint, false);
            };
        } catch (SQLException | IllegalArgumentException e) {
            throw new BadRequest(e.getMessage());
        }
    }

    /** Opens the listed sweeps in the background, so that their pages answer at once when asked for. */
    private JsonNode warm(JsonNode page) {
        for (JsonNode s : page.path("sweeps")) {
            String rel = s.path("path").asText();
            try {
                opening(paths.resolve(rel));
            } catch (RuntimeException e) {
                // reported when the sweep's page asks for it
            }
        }
        return page;
    }

    /** The key of an answer: endpoint and parameters in order, encoded as JavaScript's encodeURIComponent does. */
    public static String key(String endpoint, String... params) {
        StringBuilder b = new StringBuilder("/api/").append(endpoint);
        for (int i = 0; i < params.length; i += 2) {
            b.append(i == 0 ? '?' : '&').append(params[i]).append('=').append(encode(params[i + 1]));
        }
        return b.toString();
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("%21", "!")
                .replace("%27", "'").replace("%28", "(").replace("%29", ")").replace("%7E", "~");
    }

    private static int integer(Map<String, String> q, String name, int fallback) {
        String v = q.get(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return Math.max(0, Integer.parseInt(v));
        } catch (NumberFormatException e) {
            throw new BadRequest(name + " must be a non-negative integer, got " + v);
        }
    }

    private Path runDir(Map<String, String> q) {
        Path dir = paths.resolve(q.getOrDefault("path", ""));
        if (!Files.isRegularFile(dir.resolve(RunInfo.CONFIG))) {
            throw new SafePaths.Refused("not a run directory: " + q.get("path"), false);
        }
        return dir;
    }

    private SweepViews sweep(Map<String, String> q) {
        Path dir = paths.resolve(q.getOrDefault("path", ""));
        if (!Files.isRegularFile(dir.resolve(SweepViews.SWEEP))) {
            throw new SafePaths.Refused("not a sweep directory: " + q.get("path"), false);
        }
        java.util.concurrent.CompletableFuture<SweepViews> f = opening(dir);
        try {
            return sweepWaitMillis == Long.MAX_VALUE ? f.join()
                    : f.get(sweepWaitMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new Opening("opening the sweep: reading its runs' summaries");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Opening("interrupted while opening the sweep");
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CompletionException e) {
            sweeps.remove(dir, f); // the next request tries again
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** The sweep's views, being opened in the background (started once per sweep). */
    private java.util.concurrent.CompletableFuture<SweepViews> opening(Path dir) {
        return sweeps.computeIfAbsent(dir, d -> {
            java.util.concurrent.CompletableFuture<SweepViews> f = new java.util.concurrent.CompletableFuture<>();
            Thread.ofPlatform().daemon().name("open " + d.getFileName()).start(() -> {
                try {
                    f.complete(new SweepViews(d));
                } catch (RuntimeException e) {
                    f.completeExceptionally(e);
                }
            });
            return f;
        });
    }

    /** The run's row, its config, its checkpoints' steps, and the progress measures of analysis.json if any. */
    ObjectNode run(Path dir) throws IOException {
        RunInfo info = RunInfo.read(dir, paths.relative(dir));
        ObjectNode o = info.toJson();
        o.set("config", Json.MAPPER.readTree(dir.resolve(RunInfo.CONFIG).toFile()));
        ArrayNode steps = o.putArray("checkpoints");
        checkpoints(dir).forEach(steps::add);
        ArrayNode records = o.putArray("analyses");
        analysisRecords(dir).forEach(records::add);
        JsonNode analysis = analysis(dir);
        if (analysis != null) {
            ObjectNode a = o.putObject("analysis");
            a.set("key_frequencies", analysis.path("key_frequencies"));
            ArrayNode rows = a.putArray("checkpoints");
            for (JsonNode c : analysis.path("checkpoints")) {
                ObjectNode r = rows.addObject();
                for (String k : List.of("step", "train_loss", "test_loss", "restricted_loss", "excluded_loss",
                        "periodic_weight", "alignment")) {
                    r.set(k, c.path(k));
                }
            }
        }
        return o;
    }

    private static final Pattern RECORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.json");

    /**
     * The data records a kind's analysis wrote under the run's {@code analysis/} folder (sparse parity:
     * parity-panels.json; recurrent networks: ctrnn.json), by file name.
     */
    static List<String> analysisRecords(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        Path folder = dir.resolve(ANALYSIS_FOLDER);
        if (!Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return names;
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(f -> {
                String n = f.getFileName().toString();
                if (RECORD.matcher(n).matches() && Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    names.add(n);
                }
            });
        }
        Collections.sort(names);
        return names;
    }

    static final String ANALYSIS_FOLDER = "analysis";

    /** One data record of the run's analysis/ folder, as written (read again only when the file changes). */
    private JsonNode analysisRecord(Path dir, String name) throws IOException {
        if (!RECORD.matcher(name).matches()) {
            throw new BadRequest("name must be a file name ending in .json, got " + name);
        }
        Path f = paths.resolve(paths.relative(dir) + (paths.relative(dir).isEmpty() ? "" : "/") + ANALYSIS_FOLDER
                + "/" + name);
        if (!Files.isRegularFile(f)) {
            throw new SafePaths.Refused("no analysis record " + name, false);
        }
        String key = "record:" + f + ":" + Files.getLastModifiedTime(f).toMillis();
        JsonNode cached = cache.get(key);
        if (cached == null) {
            cached = Json.MAPPER.readTree(f.toFile());
            cache.put(key, cached);
        }
        return cached;
    }

    static List<Long> checkpoints(Path dir) throws IOException {
        List<Long> steps = new ArrayList<>();
        Path folder = dir.resolve("checkpoints");
        if (!Files.isDirectory(folder)) {
            return steps;
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.forEach(f -> {
                Matcher m = CHECKPOINT.matcher(f.getFileName().toString());
                if (m.matches()) {
                    steps.add(Long.parseLong(m.group(1)));
                }
            });
        }
        Collections.sort(steps);
        return steps;
    }

    private JsonNode analysis(Path dir) throws IOException {
        Path f = dir.resolve(org.groklab.kinds.modular.analysis.RunAnalysis.FILE);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        String key = "analysis:" + f + ":" + Files.getLastModifiedTime(f).toMillis();
        JsonNode cached = cache.get(key);
        if (cached == null) {
            cached = Json.MAPPER.readTree(f.toFile());
            cache.put(key, cached);
        }
        return cached;
    }

    /** metrics.csv from a byte offset: columns, rows, the offset to continue from, and whether the run is done. */
    ObjectNode metrics(Path dir, long offset) throws IOException {
        Path file = dir.resolve(RunInfo.METRICS);
        boolean complete = Files.isRegularFile(dir.resolve(RunInfo.SUMMARY));
        String key = complete && offset == 0 ? "metrics:" + file : null;
        if (key != null && cache.get(key) instanceof ObjectNode done) {
            return done;
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("complete", complete);
        ArrayNode cols = o.putArray("columns");
        ArrayNode rows = o.putArray("rows");
        if (!Files.isRegularFile(file)) {
            o.put("offset", 0);
            return o;
        }
        MetricsCsv.Chunk chunk = MetricsCsv.read(file, offset);
        chunk.columns().forEach(cols::add);
        for (double[] r : chunk.rows()) {
            ArrayNode row = rows.addArray();
            for (double v : r) {
                Json.add(row, v);
            }
        }
        o.put("offset", chunk.offset());
        if (key != null) {
            cache.put(key, o);
        }
        return o;
    }

    /** The learning curves (step, losses, accuracies) thinned to at most {@value #CURVE_POINTS} points. */
    ObjectNode curves(Path dir) throws IOException {
        Path file = dir.resolve(RunInfo.METRICS);
        boolean complete = Files.isRegularFile(dir.resolve(RunInfo.SUMMARY));
        String key = "curves:" + file;
        if (complete && cache.get(key) instanceof ObjectNode done) {
            return done;
        }
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("path", paths.relative(dir));
        ArrayNode cols = o.putArray("columns");
        CURVE_COLUMNS.forEach(cols::add);
        ArrayNode rows = o.putArray("rows");
        if (Files.isRegularFile(file)) {
            MetricsCsv.Chunk chunk = MetricsCsv.read(file, 0);
            int n = chunk.rows().size();
            int stride = Math.max(1, (n + CURVE_POINTS - 1) / CURVE_POINTS);
            int[] idx = CURVE_COLUMNS.stream().mapToInt(chunk::column).toArray();
            for (int i = 0; i < n; i++) {
                if (i % stride != 0 && i != n - 1) {
                    continue;
                }
                ArrayNode row = rows.addArray();
                for (int c : idx) {
                    Json.add(row, c < 0 ? Double.NaN : chunk.rows().get(i)[c]);
                }
            }
        }
        if (complete) {
            cache.put(key, o);
        }
        return o;
    }

    /** The views of the checkpoint nearest to {@code step}. */
    ObjectNode checkpoint(Path dir, long step) throws IOException {
        List<Long> steps = checkpoints(dir);
        if (steps.isEmpty()) {
            throw new SafePaths.Refused("the run has no checkpoints", false);
        }
        long nearest = steps.get(0);
        for (long s : steps) {
            if (Math.abs(s - step) < Math.abs(nearest - step)) {
                nearest = s;
            }
        }
        Path file = dir.resolve("checkpoints").resolve("step-" + nearest + ".safetensors");
        String key = "checkpoint:" + file + ":" + Files.getLastModifiedTime(file).toMillis();
        if (cache.get(key) instanceof ObjectNode done) {
            return done;
        }
        JsonNode config = Json.MAPPER.readTree(dir.resolve(RunInfo.CONFIG).toFile());
        ObjectNode o = WeightViews.of(file, nearest, config, analysis(dir));
        cache.put(key, o);
        return o;
    }

    @Override
    public void close() {
        for (java.util.concurrent.CompletableFuture<SweepViews> f : sweeps.values()) {
            f.thenAccept(SweepViews::close);
        }
        sweeps.clear();
    }
}
