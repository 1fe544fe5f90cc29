package org.groklab.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.groklab.io.AtomicFiles;
import org.groklab.run.RunDirectory;
import org.groklab.run.Version;
import org.groklab.spec.SpecException;
import org.groklab.spec.SpecLoader;

/**
 * A sweep on disk:
 * <pre>
 * sweep.json    the sweep spec, its resolved base, the plan hash and run count (written first, atomically)
 * plan.csv      one row per run: run_id, cell, seed and the value of every swept field
 * runs/ID/      one ordinary run directory per run
 * errors.csv    append-only: runs that threw, with their error (they are retried on resume)
 * </pre>
 * Workers write only their own run directories; only the coordinator writes here.
 */
public final class SweepDirectory {
    public static final String SWEEP = "sweep.json";
    public static final String PLAN = "plan.csv";
    public static final String RUNS = "runs";
    public static final String ERRORS = "errors.csv";

    private final Path root;
    private final SweepPlan plan;

    private SweepDirectory(Path root, SweepPlan plan) {
        this.root = root;
        this.plan = plan;
    }

    public Path root() {
        return root;
    }

    public SweepPlan plan() {
        return plan;
    }

    public Path run(String runId) {
        return root.resolve(RUNS).resolve(runId);
    }

    /**
     * Opens {@code dir} for {@code plan}: creates it when absent or empty; accepts it when it holds the same plan;
     * refuses it when it holds another sweep or something else.
     */
    public static SweepDirectory prepare(Path dir, JsonNode specTree, SweepPlan plan) {
        Path sweepFile = dir.resolve(SWEEP);
        if (Files.exists(sweepFile)) {
            SweepDirectory existing = open(dir);
            if (!existing.plan.hash().equals(plan.hash())) {
                throw new SpecException("--out", dir + " holds another sweep (" + existing.plan.name() + ", plan "
                        + existing.plan.hash() + "); this spec plans " + plan.hash()
                        + ". Choose a new directory.");
            }
            return existing;
        }
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new SpecException("--out", dir + " is not empty and holds no sweep; choose a new directory");
                }
            } catch (IOException e) {
                throw new SpecException("--out", "cannot read " + dir + ": " + e.getMessage());
            }
        }
        try {
            Files.createDirectories(dir.resolve(RUNS));
            StringBuilder csv = new StringBuilder("run_id,cell,seed");
            for (String f : plan.fields()) {
                csv.append(',').append(f);
            }
            csv.append('\n');
            for (SweepPlan.Run r : plan.runs()) {
                csv.append(r.runId()).append(',').append(r.cell()).append(',').append(r.seed());
                for (String f : plan.fields()) {
                    JsonNode v = plan.cells().get(r.cell()).values().get(f);
                    csv.append(',').append(csvCell(v.isTextual() ? v.asText() : v.toString()));
                }
                csv.append('\n');
            }
            AtomicFiles.writeString(dir.resolve(PLAN), csv.toString());
            ObjectNode sweep = SpecLoader.JSON.createObjectNode();
            sweep.put("groklab_version", Version.VERSION);
            sweep.put("name", plan.name());
            sweep.put("plan_hash", plan.hash());
            sweep.put("runs", plan.runs().size());
            sweep.put("cells", plan.cells().size());
            sweep.set("sweep", specTree);
            sweep.set("base", plan.base());
            AtomicFiles.writeString(sweepFile, SpecLoader.JSON.writeValueAsString(sweep) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new SweepDirectory(dir, plan);
    }

    /** Opens an existing sweep directory, re-planning it from its sweep.json. */
    public static SweepDirectory open(Path dir) {
        Path sweepFile = dir.resolve(SWEEP);
        if (!Files.isRegularFile(sweepFile)) {
            throw new SpecException("SWEEP_DIR", dir + " is not a groklab sweep directory (no sweep.json)");
        }
        JsonNode node;
        try {
            node = SpecLoader.JSON.readTree(sweepFile.toFile());
        } catch (IOException e) {
            throw new SpecException("SWEEP_DIR", sweepFile + " is not readable JSON: " + e.getMessage());
        }
        if (node == null || !node.has("sweep") || !node.has("base") || !node.has("plan_hash")) {
            throw new SpecException("SWEEP_DIR", sweepFile + " was not written by groklab");
        }
        SweepPlan plan = SweepPlan.expand(SweepSpecs.bind(node.get("sweep")), (ObjectNode) node.get("base"));
        if (!plan.hash().equals(node.get("plan_hash").asText())) {
            throw new SpecException("SWEEP_DIR", dir + " was planned by another groklab version or edited: its plan "
                    + "hash does not match");
        }
        return new SweepDirectory(dir, plan);
    }

    /** True when the run finished (its summary.json exists). */
    public boolean complete(SweepPlan.Run run) {
        return Files.isRegularFile(run(run.runId()).resolve(RunDirectory.SUMMARY));
    }

    public synchronized void recordError(String runId, Throwable error) {
        String line = runId + "," + csvCell(String.valueOf(error)) + "\n";
        try {
            Path f = root.resolve(ERRORS);
            if (!Files.exists(f)) {
                Files.writeString(f, "run_id,error\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
            Files.writeString(f, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String csvCell(String s) {
        String one = s.replace('\n', ' ');
        return one.contains(",") || one.contains("\"") ? "\"" + one.replace("\"", "\"\"") + "\"" : one;
    }
}
