package org.groklab.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.groklab.math.PopulationKernels;
import org.groklab.run.RunDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sweep gives the same bytes whether the seeds of its cells train together as populations or each on its own: every
 * file of the sweep directory (plan, runs with their metrics, checkpoints, snapshots and figures) apart from wall
 * times. {@code --population auto} groups a cell's seeds only where their model was measured faster together.
 */
class SweepPopulationTest {
    @TempDir
    Path tmp;

    static final String SPEC = """
            name: population-test
            base:
              preset: quick-parity
              set: {train.steps: 200, model.width: 12, checkpoints.resume_every: 100, snapshots.every: 0}
            axes:
              - {field: optimizer.weight_decay, values: [0.01, 0.1]}
            seeds: 3
            """;

    private SweepDirectory prepare(String name) throws IOException {
        return prepare(name, SPEC);
    }

    private SweepDirectory prepare(String name, String spec) throws IOException {
        Path file = tmp.resolve(name + ".yaml");
        Files.writeString(file, spec);
        return SweepResumeTest.prepare(file, tmp.resolve(name));
    }

    @Test
    void aSweepHasTheSameBytesWithAndWithoutPopulations() throws IOException {
        SweepDirectory off = prepare("off");
        SweepDirectory on = prepare("on");
        assertEquals(List.of(3, 3), SweepRunner.tasks(on, on.plan().runs(), PopulationMode.ON, 2).stream()
                .map(List::size).toList(), "with --population on, one task per cell of 3 seeds");
        assertEquals(6, SweepRunner.run(off, 2, PopulationMode.OFF, s -> { }).done());
        assertEquals(6, SweepRunner.run(on, 2, PopulationMode.ON, s -> { }).done());
        List<String> files = files(off.root());
        assertEquals(files, files(on.root()), "the files of the two sweeps");
        assertTrue(files.stream().filter(f -> f.endsWith(".safetensors")).count() >= 6, "checkpoints: " + files);
        assertTrue(files.stream().anyMatch(f -> f.endsWith(".png")), "figures: " + files);
        for (String f : files) {
            if (f.endsWith(RunDirectory.TIMING)) {
                continue;
            }
            if (f.endsWith(RunDirectory.SUMMARY)) {
                assertEquals(withoutWallTime(off.root().resolve(f)), withoutWallTime(on.root().resolve(f)), f);
                continue;
            }
            assertArrayEquals(Files.readAllBytes(off.root().resolve(f)), Files.readAllBytes(on.root().resolve(f)),
                    f + " differs between --population off and on");
        }
    }

    @Test
    void autoGroupsTheSeedsOfACellOnlyWhereAPopulationWasMeasuredFaster() throws IOException {
        SweepDirectory few = prepare("auto-3", SPEC);
        assertEquals(6, SweepRunner.tasks(few, few.plan().runs(), PopulationMode.AUTO, 2).size(),
                "3 seeds of the parity network were not measured faster together: one task per run");
        SweepDirectory narrow = prepare("auto-narrow", SPEC.replace("seeds: 3", "seeds: 16"));
        assertEquals(32, SweepRunner.tasks(narrow, narrow.plan().runs(), PopulationMode.AUTO, 2).size(),
                "16 seeds at width 12 were not measured faster together (steps are a small part of their runs)");
        assertEquals(6, SweepRunner.tasks(few, few.plan().runs(), PopulationMode.OFF, 2).size());
        SweepDirectory modadd = prepare("modadd", """
                name: modadd-population-test
                base: {preset: quick-modadd, set: {train.steps: 10}}
                axes:
                  - {field: task.operation, values: [add]}
                seeds: 3
                """);
        assertEquals(3, SweepRunner.tasks(modadd, modadd.plan().runs(), PopulationMode.ON, 2).size(),
                "a model without a population trains each seed on its own even with --population on");
        SweepDirectory many = prepare("auto-16", SPEC.replace("seeds: 3", "seeds: 16").replace("model.width: 12",
                "model.width: 64"));
        assertEquals(List.of(8, 8, 8, 8), SweepRunner.tasks(many, many.plan().runs(), PopulationMode.ON, 4).stream()
                .map(List::size).toList(), "2 cells on 4 workers: each cut in two populations");
        List<Integer> sizes = SweepRunner.tasks(many, many.plan().runs(), PopulationMode.AUTO, 2).stream()
                .map(List::size).toList();
        if (PopulationKernels.preferred().lanes() >= 16) {
            assertEquals(List.of(16, 16), sizes, "16 seeds of the parity network at width 64 train faster together: a task a cell");
        } else {
            assertEquals(32, sizes.size(), "no population measured faster without 16-lane vectors: " + sizes);
        }
    }

    private static ObjectNode withoutWallTime(Path summary) throws IOException {
        ObjectNode node = (ObjectNode) new ObjectMapper().readTree(summary.toFile());
        assertNotNull(node.remove("wall_time_seconds"), "summary.json has wall_time_seconds");
        return node;
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                    .filter(f -> !f.endsWith(".lock")).sorted().toList();
        }
    }
}
