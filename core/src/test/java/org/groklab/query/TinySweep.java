package org.groklab.query;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.groklab.io.TreeCopy;
import org.groklab.spec.SpecLoader;
import org.groklab.sweep.SweepDirectory;
import org.groklab.sweep.SweepPlan;
import org.groklab.sweep.SweepRunner;

/**
 * A tiny real sweep, run once per test JVM through the API (2 x 2 cells x 2 seeds of quick-modadd, 60 steps) and
 * shared by the query and figure tests, which copy it before changing anything. Deleted when the JVM exits.
 */
public final class TinySweep {
    public static final String SPEC = """
            name: tiny
            base:
              preset: quick-modadd
              set: {train.steps: 60, eval.every: 20, checkpoints.per_decade: 1}
            axes:
              - {field: optimizer.weight_decay, values: [0.1, 0.3]}
              - {field: task.train_fraction, values: [0.5, 0.6]}
            seeds: 2
            """;

    private static Path root;

    private TinySweep() {
    }

    /** The finished sweep directory (do not modify; see {@link #copy}). */
    public static synchronized Path get() {
        if (root == null) {
            try {
                Path base = Files.createTempDirectory("groklab-tiny-sweep");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(base)));
                Path spec = base.resolve("tiny.yaml");
                Files.writeString(spec, SPEC);
                SweepPlan plan = SweepPlan.of(spec);
                SweepDirectory dir = SweepDirectory.prepare(base.resolve("sweep"), SpecLoader.readFile(spec, "SPEC"),
                        plan);
                SweepRunner.run(dir, 2, s -> {
                });
                root = dir.root();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    /** Copies the sweep (without checkpoints) into {@code target}, which must not exist yet. */
    public static Path copy(Path target) {
        return TreeCopy.copy(get(), target, rel -> rel.toString().contains("checkpoints"));
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // best effort at exit
        }
    }
}
