package org.groklab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the runs list shows of one run directory, read from its files: config.json (name, kind), summary.json
 * (outcome, event steps, final accuracies; absent while the run trains) and the last row of metrics.csv (progress).
 *
 * @param path     the directory relative to the served root
 * @param kind     task.type/model.type
 * @param outcome  the summary's outcome, or "running" while the run has no summary.json
 * @param stepDone the last step in metrics.csv (or the summary's steps_done)
 */
public record RunInfo(String path, String dirName, String name, String kind, String outcome, Long memorizationStep,
                      Long generalizationStep, Double trainAcc, Double testAcc, long steps, long stepDone,
                      long modified) {

    public static final String CONFIG = "config.json";
    public static final String SUMMARY = "summary.json";
    public static final String METRICS = "metrics.csv";

    public boolean complete() {
        return !outcome.equals("running");
    }

    /** Reads a run directory ({@code dir} holds config.json). */
    public static RunInfo read(Path dir, String relative) throws IOException {
        JsonNode config = Json.MAPPER.readTree(dir.resolve(CONFIG).toFile());
        String name = config.path("name").asText(dir.getFileName().toString());
        String kind = config.path("task").path("type").asText("?") + "/" + config.path("model").path("type").asText("?");
        long steps = config.path("train").path("steps").asLong(0);
        Path summaryFile = dir.resolve(SUMMARY);
        Path metrics = dir.resolve(METRICS);
        long modified = Files.getLastModifiedTime(Files.isRegularFile(metrics) ? metrics : dir.resolve(CONFIG))
                .toMillis();
        if (Files.isRegularFile(summaryFile)) {
            JsonNode s = Json.MAPPER.readTree(summaryFile.toFile());
            JsonNode fm = s.path("final_metrics");
            return new RunInfo(relative, dir.getFileName().toString(), name, kind, s.path("outcome").asText("?"),
                    longOrNull(s.get("memorization_step")), longOrNull(s.get("generalization_step")),
                    doubleOrNull(fm.get("train_acc")), doubleOrNull(fm.get("test_acc")),
                    s.path("steps").asLong(steps), s.path("steps_done").asLong(0), modified);
        }
        long done = 0;
        Double train = null;
        Double test = null;
        if (Files.isRegularFile(metrics)) {
            List<String> cols = MetricsCsv.header(metrics);
            double[] last = cols.isEmpty() ? null : MetricsCsv.lastRow(metrics, cols);
            if (last != null) {
                done = (long) at(last, cols, "step");
                train = finite(at(last, cols, "train_acc"));
                test = finite(at(last, cols, "test_acc"));
            }
        }
        return new RunInfo(relative, dir.getFileName().toString(), name, kind, "running", null, null, train, test,
                steps, done, modified);
    }

    private static double at(double[] row, List<String> cols, String name) {
        int i = cols.indexOf(name);
        return i < 0 ? Double.NaN : row[i];
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static Long longOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asLong();
    }

    private static Double doubleOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asDouble();
    }

    /** As JSON for the pages. */
    public ObjectNode toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("path", path);
        o.put("dir", dirName);
        o.put("name", name);
        o.put("kind", kind);
        o.put("outcome", outcome);
        o.put("complete", complete());
        Json.put(o, "memorization_step", memorizationStep);
        Json.put(o, "generalization_step", generalizationStep);
        Json.put(o, "train_acc", trainAcc);
        Json.put(o, "test_acc", testAcc);
        o.put("steps", steps);
        o.put("step_done", stepDone);
        o.put("modified", modified);
        return o;
    }
}
