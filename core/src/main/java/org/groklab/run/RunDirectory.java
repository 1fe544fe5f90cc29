package org.groklab.run;

import org.groklab.io.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.groklab.spec.SpecException;
import org.groklab.spec.RunIds;
import org.groklab.spec.SpecLoader;

/**
 * A run on disk, the contract every later feature reads:
 * <pre>
 * config.json        the fully resolved spec, defaults included, with groklab_version and run_id (written
 *                    after split.json and the CSV headers: once it exists, the run can be resumed)
 * split.json         every example in order, and the train/test indices and noisy labels
 * metrics.csv        append-only, one row per evaluated step, flushed at every row
 * timing.csv         wall-clock seconds, kept apart so that metrics.csv stays reproducible
 * checkpoints/       step-N.safetensors (and a rolling resume.safetensors while running)
 * figures/           learning curves, PNG and SVG
 * summary.json       outcome and events; written atomically and last: the run is complete
 * </pre>
 */
public final class RunDirectory {
    public static final String CONFIG = "config.json";
    public static final String SPLIT = "split.json";
    public static final String METRICS = "metrics.csv";
    public static final String TIMING = "timing.csv";
    public static final String SUMMARY = "summary.json";
    public static final String CHECKPOINTS = "checkpoints";
    public static final String FIGURES = "figures";

    private final Path root;
    private final SpecLoader.Loaded spec;
    private final String runId;
    private BufferedWriter metrics;
    private BufferedWriter timing;

    private RunDirectory(Path root, SpecLoader.Loaded spec, String runId) {
        this.root = root;
        this.spec = spec;
        this.runId = runId;
    }

    /** The run id of a resolved spec tree (see {@link RunIds}). */
    public static String runId(ObjectNode tree) {
        return RunIds.of(tree);
    }

    /** Checks that {@code dir} can hold a new run: absent or empty. Call before any work. */
    public static void checkFresh(Path dir) {
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new SpecException("--out", dir + " exists and is not a directory");
            }
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new SpecException("--out", dir + " is not empty; choose a new directory or "
                            + "`groklab resume " + dir + "`");
                }
            } catch (IOException e) {
                throw new SpecException("--out", "cannot read " + dir + ": " + e.getMessage());
            }
        }
    }

    /** Creates the run directory and writes config.json, split.json and the CSV headers. */
    public static RunDirectory create(Path dir, SpecLoader.Loaded spec, String splitJson, String metricsHeader) {
        checkFresh(dir);
        String id = runId(spec.tree());
        RunDirectory run = new RunDirectory(dir, spec, id);
        try {
            Files.createDirectories(dir.resolve(CHECKPOINTS));
            Files.createDirectories(dir.resolve(FIGURES));
            ObjectNode config = SpecLoader.JSON.createObjectNode();
            config.put("groklab_version", Version.VERSION);
            config.put("run_id", id);
            config.setAll(spec.tree());
            AtomicFiles.writeString(dir.resolve(SPLIT), splitJson + "\n");
            AtomicFiles.writeString(dir.resolve(METRICS), metricsHeader + "\n");
            AtomicFiles.writeString(dir.resolve(TIMING), "step,elapsed_s,s_per_step\n");
            // config.json last: its presence means the directory is fully set up and can be resumed
            AtomicFiles.writeString(dir.resolve(CONFIG), SpecLoader.JSON.writeValueAsString(config) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return run;
    }

    /** Opens an existing run directory (for resume and analyses); rejects anything that is not one. */
    public static RunDirectory open(Path dir) {
        Path config = dir.resolve(CONFIG);
        if (!Files.isDirectory(dir)) {
            throw new SpecException("RUN_DIR", dir + " is not a directory");
        }
        if (!Files.isRegularFile(config) || !Files.isRegularFile(dir.resolve(METRICS))) {
            throw new SpecException("RUN_DIR", dir + " is not a groklab run directory (no config.json and "
                    + "metrics.csv)");
        }
        JsonNode node;
        try {
            node = SpecLoader.JSON.readTree(config.toFile());
        } catch (IOException e) {
            throw new SpecException("RUN_DIR", config + " is not readable JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject() || !node.has("groklab_version") || !node.has("run_id")) {
            throw new SpecException("RUN_DIR", config + " was not written by groklab (no groklab_version/run_id)");
        }
        ObjectNode tree = ((ObjectNode) node).deepCopy();
        String id = tree.remove("run_id").asText();
        tree.remove("groklab_version");
        SpecLoader.Loaded loaded;
        try {
            loaded = SpecLoader.bind(tree);
        } catch (SpecException e) {
            throw new SpecException("RUN_DIR", config + " holds an invalid spec: " + e.getMessage());
        }
        if (!runId(loaded.tree()).equals(id)) {
            throw new SpecException("RUN_DIR", config + " was edited: its run_id does not match its contents");
        }
        return new RunDirectory(dir, loaded, id);
    }

    public Path root() {
        return root;
    }

    public SpecLoader.Loaded spec() {
        return spec;
    }

    public String runId() {
        return runId;
    }

    public boolean complete() {
        return Files.isRegularFile(root.resolve(SUMMARY));
    }

    public Path checkpoint(long step) {
        return root.resolve(CHECKPOINTS).resolve("step-" + step + ".safetensors");
    }

    public Path resumeCheckpoint() {
        return root.resolve(CHECKPOINTS).resolve("resume.safetensors");
    }

    /** Appends a row to metrics.csv and flushes it. */
    public void appendMetrics(String row) {
        try {
            if (metrics == null) {
                metrics = append(METRICS);
            }
            metrics.write(row);
            metrics.write('\n');
            metrics.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends a row to timing.csv and flushes it. */
    public void appendTiming(long step, double elapsed, double perStep) {
        try {
            if (timing == null) {
                timing = append(TIMING);
            }
            timing.write(step + "," + elapsed + "," + perStep + "\n");
            timing.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private BufferedWriter append(String name) throws IOException {
        return Files.newBufferedWriter(root.resolve(name), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** The rows of metrics.csv (without header), as written. */
    public List<String> metricsRows() {
        return rows(METRICS);
    }

    private List<String> rows(String name) {
        try {
            List<String> lines = Files.readAllLines(root.resolve(name), StandardCharsets.UTF_8);
            return new ArrayList<>(lines.subList(Math.min(1, lines.size()), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Drops CSV rows past {@code step} (written after the checkpoint a run resumes from) and any torn last line,
     * by an atomic rewrite. Used only by resume.
     */
    public void truncateAfter(long step) {
        for (String name : List.of(METRICS, TIMING)) {
            try {
                List<String> lines = Files.readAllLines(root.resolve(name), StandardCharsets.UTF_8);
                StringBuilder keep = new StringBuilder(lines.get(0)).append('\n');
                int columns = lines.get(0).split(",", -1).length;
                for (String line : lines.subList(1, lines.size())) {
                    String[] cells = line.split(",", -1);
                    if (cells.length == columns && Long.parseLong(cells[0]) <= step) {
                        keep.append(line).append('\n');
                    }
                }
                AtomicFiles.writeString(root.resolve(name), keep.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public void writeSummary(Summary summary) {
        try {
            close();
            AtomicFiles.writeString(root.resolve(SUMMARY), SpecLoader.JSON.writeValueAsString(summary) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Summary readSummary() {
        try {
            return SpecLoader.JSON.readValue(root.resolve(SUMMARY).toFile(), Summary.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void close() throws IOException {
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
        if (timing != null) {
            timing.close();
            timing = null;
        }
    }
}
