package org.groklab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.groklab.io.AtomicFiles;

/**
 * {@code groklab report}: the explorer's views of one run or one sweep as a single HTML file: the page, its scripts
 * and every answer the views ask for, inlined under the keys the page would request; it opens from disk with no
 * network. A sweep's report holds the phase diagram over its first two fields, each cell's runs and their curves.
 */
public final class Report {
    static final int CELL_CURVES = 12;

    private Report() {
    }

    /** What was written: the file, and the number of answers inlined. */
    public record Written(Path file, int answers, long bytes) {
    }

    /** Writes the report of {@code dir} (a run or a sweep directory) to {@code out}, atomically. */
    public static Written write(Path dir, Path out) throws IOException {
        SafePaths paths = new SafePaths(dir);
        ObjectNode report = Json.MAPPER.createObjectNode();
        ObjectNode data = report.putObject("data");
        try (Api api = new Api(paths)) {
            if (Files.isRegularFile(paths.root().resolve(SweepViews.SWEEP))) {
                report.put("start", "#/sweep?path=");
                sweep(api, data);
            } else if (Files.isRegularFile(paths.root().resolve(RunInfo.CONFIG))) {
                report.put("start", "#/run?path=");
                run(api, data, "");
            } else {
                throw new IllegalArgumentException(dir + " is neither a run directory (config.json) nor a sweep "
                        + "directory (sweep.json)");
            }
        }
        report.put("title", dir.toAbsolutePath().normalize().getFileName().toString());
        String html = Page.report(Json.MAPPER.writeValueAsString(report));
        AtomicFiles.writeString(out, html);
        return new Written(out, data.size(), Files.size(out));
    }

    private static void run(Api api, ObjectNode data, String path) throws IOException {
        JsonNode run = put(api, data, "run", "path", path);
        put(api, data, "metrics", "path", path, "offset", "0");
        for (JsonNode step : run.path("checkpoints")) {
            put(api, data, "checkpoint", "path", path, "step", step.asText());
        }
        for (JsonNode name : run.path("analyses")) {
            put(api, data, "analysis", "path", path, "name", name.asText());
        }
    }

    private static void sweep(Api api, ObjectNode data) throws IOException {
        JsonNode s = put(api, data, "sweep", "path", "");
        String x = s.path("x").asText("");
        String y = s.path("y").asText("");
        put(api, data, "sweep-runs", "path", "", "offset", "0", "limit", "50");
        for (JsonNode cell : s.path("cells")) {
            String xv = cell.path("xv").asText("");
            String yv = cell.path("yv").asText("");
            JsonNode c = put(api, data, "cell", "path", "", "x", x, "xv", xv, "y", y, "yv", yv);
            int n = 0;
            for (JsonNode r : c.path("runs")) {
                if (n++ >= CELL_CURVES) {
                    break;
                }
                put(api, data, "curves", "path", r.path("path").asText());
            }
        }
    }

    private static JsonNode put(Api api, ObjectNode data, String endpoint, String... params) throws IOException {
        Map<String, String> q = new java.util.LinkedHashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            q.put(params[i], params[i + 1]);
        }
        JsonNode answer = api.handle(endpoint, q);
        data.set(Api.key(endpoint, params), answer);
        return answer;
    }

}
