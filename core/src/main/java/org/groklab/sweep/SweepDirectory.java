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
import org.groklab.io.FileTrees;
import org.groklab.run.DirectoryChecks;
import org.groklab.run.DirectoryLock;
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
            SweepDirectory existing = openLocked(dir);
            if (!existing.plan.hash().equals(plan.hash())) {
                throw new SpecException("--out", dir + " holds another sweep (" + existing.plan.name() + ", plan "
                        + existing.plan.hash() + "); this spec plans " + plan.hash()
                        + ". Choose a new directory.");
            }
            return existing;
        }
        if (Files.exists(dir) && !halfCreated(dir)) {
            throw new SpecException("--out", dir + " is not empty and holds no sweep; choose a new directory");
        }
        try {
            Files.createDirectories(dir.resolve(RUNS));
            AtomicFiles.writeString(dir.resolve(PLAN), planCsv(plan));
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

    /** plan.csv: one row per run, run id, cell, seed and the value of every swept field. */
    static String planCsv(SweepPlan plan) {
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
        return csv.toString();
    }

    /**
     * True when {@code dir} is empty or holds only what {@link #prepare} writes before sweep.json (plan.csv, an
     * empty runs/, temporary files, the lock file): an interrupted start, which prepare clears.
     */
    static boolean halfCreated(Path dir) {
        if (!Files.isDirectory(dir) || Files.exists(dir.resolve(SWEEP), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                String name = p.getFileName().toString();
                boolean own = name.equals(PLAN) || name.equals(DirectoryLock.FILE) || DirectoryChecks.isTemp(name)
                        || name.equals(RUNS) && Files.isDirectory(p) && isEmpty(p);
                if (!own || Files.isSymbolicLink(p)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new SpecException("--out", "cannot read " + dir + ": " + e.getMessage());
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /**
     * Locks a sweep directory for writing (sweep run, resume, figures, analyses). With {@code create}, the directory
     * may be absent (it is created) or half-created; otherwise it must already be a sweep directory. Refuses symbolic
     * links among its parts and its runs, and removes the temporary files an interrupted write left behind.
     */
    public static DirectoryLock lock(Path dir, boolean create, String field) {
        if (create) {
            DirectoryChecks.checkCreatable(dir, field);
            if (Files.exists(dir) && !Files.isDirectory(dir)) {
                throw new SpecException(field, dir + " exists and is not a directory");
            }
            if (Files.isDirectory(dir) && !Files.isRegularFile(dir.resolve(SWEEP)) && !halfCreated(dir)) {
                DirectoryLock.checkNotHeld(dir, field);
                throw new SpecException(field, dir + " is not empty and holds no sweep; choose a new directory");
            }
        } else if (!Files.isRegularFile(dir.resolve(SWEEP))) {
            throw new SpecException(field, dir + " is not a groklab sweep directory (no sweep.json)");
        }
        DirectoryLock lock = DirectoryLock.acquire(dir, field, create);
        try {
            DirectoryChecks.refuseLinks(dir, 2, field);
            DirectoryChecks.removeStrayTemps(dir);
            if (halfCreated(dir)) {
                FileTrees.delete(dir.resolve(RUNS));
                Files.deleteIfExists(dir.resolve(PLAN));
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
     * Opens a sweep directory its caller has locked (see {@link #lock}) to continue it: as {@link #open}, but a
     * missing plan.csv is first written again from sweep.json.
     */
    public static SweepDirectory openLocked(Path dir) {
        if (Files.isRegularFile(dir.resolve(SWEEP)) && !Files.exists(dir.resolve(PLAN))) {
            SweepDirectory d = read(dir);
            try {
                AtomicFiles.writeString(dir.resolve(PLAN), planCsv(d.plan));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return open(dir);
    }

    /**
     * Opens an existing sweep directory, re-planning it from its sweep.json; its plan.csv must be the one that plan
     * writes (an edited plan.csv would relabel runs).
     */
    public static SweepDirectory open(Path dir) {
        SweepDirectory d = read(dir);
        Path planFile = dir.resolve(PLAN);
        String repair = "; delete it and run `groklab sweep resume " + dir + "`, which writes it again from "
                + SWEEP;
        String actual;
        try {
            actual = Files.readString(planFile, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new SpecException("SWEEP_DIR", planFile + " is missing; run `groklab sweep resume " + dir
                    + "`, which writes it again from " + SWEEP);
        } catch (IOException e) {
            throw new SpecException("SWEEP_DIR", "cannot read " + planFile + ": " + e.getMessage());
        }
        if (!actual.equals(planCsv(d.plan))) {
            throw new SpecException("SWEEP_DIR", planFile + " does not match the plan of " + SWEEP
                    + " (edited or damaged)" + repair);
        }
        return d;
    }

    private static SweepDirectory read(Path dir) {
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
