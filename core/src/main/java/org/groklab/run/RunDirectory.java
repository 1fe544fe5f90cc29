package org.groklab.run;

import org.groklab.io.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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

    /**
     * Checks that {@code dir} can hold a new run: absent, empty, or left half-created by an interrupted train (no
     * config.json, only the files a run writes before it; {@link #lockFresh} cleans those). Call before any work.
     */
    public static void checkFresh(Path dir) {
        DirectoryChecks.checkCreatable(dir, "--out");
        if (Files.exists(dir)) {
            if (!Files.isDirectory(dir)) {
                throw new SpecException("--out", dir + " exists and is not a directory");
            }
            if (!halfCreated(dir)) {
                DirectoryLock.checkNotHeld(dir, "--out");
                if (Files.isRegularFile(dir.resolve(SUMMARY)) && Files.isRegularFile(dir.resolve(CONFIG))) {
                    throw new SpecException("--out", dir + " holds this run, already finished: its results are "
                            + dir.resolve(SUMMARY) + " and " + dir.resolve(FIGURES) + "; to train it again, give "
                            + "another --out (or remove " + dir + ")");
                }
                throw new SpecException("--out", dir + " is not empty; choose a new directory"
                        + (Files.isRegularFile(dir.resolve(CONFIG)) ? " or continue it: `groklab resume " + dir + "`"
                        : ""));
            }
        }
    }

    /**
     * True when {@code dir} holds nothing but what a run writes before its config.json (split.json, the CSV headers,
     * empty checkpoints/ and figures/, temporary files and the lock file): an interrupted train, or an empty
     * directory.
     */
    static boolean halfCreated(Path dir) {
        if (Files.exists(dir.resolve(CONFIG), LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                if (Files.isSymbolicLink(p)) {
                    return false;
                }
                if (name.equals(CHECKPOINTS) || name.equals(FIGURES)) {
                    if (!Files.isDirectory(p) || !onlyTemps(p)) {
                        return false;
                    }
                } else if (!List.of(SPLIT, METRICS, TIMING, DirectoryLock.FILE).contains(name)
                        && !DirectoryChecks.isTemp(name)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new SpecException("--out", "cannot read " + dir + ": " + e.getMessage());
        }
    }

    private static boolean onlyTemps(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.allMatch(p -> DirectoryChecks.isTemp(p.getFileName().toString()));
        }
    }

    /**
     * Locks {@code dir} for a new run (creating it), then checks again, under the lock, that it can hold one, and
     * clears what an interrupted train left in it. Close the lock when the run is done.
     */
    public static DirectoryLock lockFresh(Path dir) {
        checkFresh(dir);
        DirectoryLock lock = DirectoryLock.acquire(dir, "--out", true);
        try {
            checkFresh(dir);
            try (Stream<Path> s = Files.list(dir)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    if (!p.getFileName().toString().equals(DirectoryLock.FILE)) {
                        DirectoryChecks.removeStrayTemps(p);
                        Files.deleteIfExists(p);
                    }
                }
            }
            return lock;
        } catch (IOException e) {
            lock.close();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Locks an existing run directory for writing (resume, analyses), after checking that it is one (so that nothing
     * is written into a directory that is not): refuses symbolic links among its parts and removes the temporary
     * files an interrupted write left behind.
     */
    public static DirectoryLock lockRun(Path dir) {
        open(dir);
        return lockExisting(dir, "RUN_DIR");
    }

    /** As {@link #lockRun} for any directory groklab writes into (sweep directories check theirs first). */
    public static DirectoryLock lockExisting(Path dir, String field) {
        DirectoryLock lock = DirectoryLock.acquire(dir, field, false);
        try {
            DirectoryChecks.refuseLinks(dir, 2, field);
            DirectoryChecks.removeStrayTemps(dir);
            return lock;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * Records a run that failed before its first step (e.g. building the model threw): config.json and a
     * {@code failed} summary.json with the reason, so that the directory says what happened.
     */
    public static Summary writeFailed(Path dir, SpecLoader.Loaded spec, Throwable error) {
        String id = runId(spec.tree());
        RunDirectory run = new RunDirectory(dir, spec, id);
        try {
            AtomicFiles.writeString(dir.resolve(CONFIG), SpecLoader.JSON.writeValueAsString(config(spec, id)) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Summary s = new Summary(id, spec.spec().name(), "failed", false, null, null, null, null, spec.spec().train().steps(), -1,
                null, java.util.Map.of(), 0, String.valueOf(error), Version.VERSION);
        run.writeSummary(s);
        return s;
    }

    private static ObjectNode config(SpecLoader.Loaded spec, String id) {
        ObjectNode config = SpecLoader.JSON.createObjectNode();
        config.put("groklab_version", Version.VERSION);
        config.put("run_id", id);
        config.setAll(spec.tree());
        return config;
    }

    /** Creates the run directory and writes config.json, split.json and the CSV headers. */
    public static RunDirectory create(Path dir, SpecLoader.Loaded spec, String splitJson, String metricsHeader) {
        checkFresh(dir);
        String id = runId(spec.tree());
        RunDirectory run = new RunDirectory(dir, spec, id);
        try {
            Files.createDirectories(dir.resolve(CHECKPOINTS));
            Files.createDirectories(dir.resolve(FIGURES));
            ObjectNode config = config(spec, id);
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
        if (!Files.isRegularFile(config) && halfCreated(dir) && !isEmpty(dir)) {
            DirectoryLock.checkNotHeld(dir, "RUN_DIR"); // a train still setting it up
            throw new SpecException("RUN_DIR", dir + " was left half-created by an interrupted train (no config.json):"
                    + " nothing to resume; train it again with `groklab train ... --out " + dir + "`, which clears it");
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
     * Drops CSV rows past {@code step} (written after the checkpoint a run resumes from) and a torn last line, by an
     * atomic rewrite, after checking metrics.csv: its header must be {@code header}, and every row must have one
     * number per column with steps increasing. A damaged file is a one-line {@link SpecException} naming it; nothing
     * is rewritten then. timing.csv (wall-clock seconds only) keeps the rows it can read. Used only by resume.
     */
    public void truncateAfter(long step, String header) {
        Path file = root.resolve(METRICS);
        try {
            AtomicFiles.writeString(file, MetricsFile.keepUpTo(file, header, step));
            List<String> lines = Files.readAllLines(root.resolve(TIMING), StandardCharsets.UTF_8);
            StringBuilder keep = new StringBuilder("step,elapsed_s,s_per_step\n");
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] cells = line.split(",", -1);
                if (cells.length == 3 && MetricsFile.isStep(cells[0]) && Long.parseLong(cells[0]) <= step
                        && MetricsFile.isNumber(cells[1]) && MetricsFile.isNumber(cells[2])) {
                    keep.append(line).append('\n');
                }
            }
            AtomicFiles.writeString(root.resolve(TIMING), keep.toString());
        } catch (IOException e) {
            throw new SpecException("RUN_DIR", "cannot read " + file + ": " + e.getMessage());
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

    /** Reads summary.json; a damaged one is a one-line {@link SpecException} naming it. */
    public Summary readSummary() {
        Path file = root.resolve(SUMMARY);
        try {
            return SpecLoader.JSON.readValue(file.toFile(), Summary.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SpecException("RUN_DIR", file + " is damaged (" + e.getOriginalMessage().lines().findFirst()
                    .orElse("") + "); delete it and `groklab resume " + root + "` to finish the run again");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.allMatch(p -> p.getFileName().toString().equals(DirectoryLock.FILE));
        } catch (IOException e) {
            return false;
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
