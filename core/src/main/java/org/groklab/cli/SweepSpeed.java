package org.groklab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.groklab.io.FileTrees;
import org.groklab.spec.SpecLoader;
import org.groklab.sweep.PopulationMode;
import org.groklab.sweep.SweepDirectory;
import org.groklab.sweep.SweepPlan;
import org.groklab.sweep.SweepRunner;

/**
 * Runs per hour of a small sweep, as {@code groklab sweep run} does it (each run written whole: metrics, checkpoints,
 * summary, its PNG figures), in a temporary directory that is deleted afterwards.
 */
final class SweepSpeed {
    /** quick-modadd over two weight decays and four seeds: 8 runs of 1,500 steps. */
    static final String SPEC = """
            name: bench-sweep
            source: "groklab bench: quick-modadd, 1,500 steps, 2 weight decays x 4 seeds"
            base:
              preset: quick-modadd
              set:
                train.steps: 1500
            axes:
              - field: optimizer.weight_decay
                values: [0.3, 1.0]
            seeds: 4
            """;

    private SweepSpeed() {
    }

    /** The runs of one sweep and the seconds its workers took. */
    record Timed(int runs, double seconds) {
        double runsPerHour() {
            return runs / seconds * 3600;
        }
    }

    /** Plans the sweep and runs it with {@code workers} workers into a fresh temporary directory. */
    static Timed run(int workers) {
        Path tmp = null;
        try {
            tmp = Files.createTempDirectory("groklab-bench-sweep-");
            Path file = tmp.resolve("sweep.yaml");
            Files.writeString(file, SPEC);
            SweepPlan plan = SweepPlan.of(file);
            JsonNode tree = SpecLoader.readFile(file, "SPEC");
            SweepDirectory dir = SweepDirectory.prepare(tmp.resolve("out"), tree, plan);
            long t0 = System.nanoTime();
            SweepRunner.Status s = SweepRunner.run(dir, workers, PopulationMode.OFF, status -> { });
            return new Timed(s.done(), (System.nanoTime() - t0) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            FileTrees.deleteQuietly(tmp);
        }
    }
}
