package org.groklab.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.groklab.kind.Kinds;
import org.groklab.math.Kernels;
import org.groklab.math.PopulationKernels;
import org.groklab.spec.SpecLoader;
import org.groklab.train.PopulationTrainer;
import org.groklab.train.Progress;
import org.groklab.train.Setup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs trained together as a population write, member by member, the bytes of their solo runs: every file of the
 * run directory (metrics, config, split, every checkpoint with its optimizer state, snapshots), the summary apart
 * from its wall time; only timing.csv (wall times) may differ.
 */
class PopulationRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void threeSeedsOfTheThesisParityNetworkMatchTheirSoloRuns(@TempDir Path tmp) throws IOException {
        // minibatch SGD with coupled decay, a hidden bias, snapshots, rolling resume checkpoints; stopping once
        // generalized, so members finish at different steps while the others go on
        compare(tmp, "quick-parity", 3, List.of("train.steps=700", "checkpoints.resume_every=200",
                "train.stop_after_generalized=1", "model.width=20"), true);
    }

    @Test
    void pairParityMembersWithAdamStateMatchTheirSoloRuns(@TempDir Path tmp) throws IOException {
        // full batch (the training pass's outputs reused for the metrics), AdamW with decoupled L1 decay (moments in
        // the checkpoints), the constant-1 input column, no hidden bias; 17 members: a whole vector and a rest
        compare(tmp, "pair-parity", 17, List.of("train.steps=150", "eval.every=25", "checkpoints.resume_every=100",
                "task.train_size=200", "task.test_size=100", "model.width=9"), true);
    }

    @Test
    void modelsWithoutAPopulationTrainSoloToTheSameBytes(@TempDir Path tmp) throws IOException {
        compare(tmp, "quick-modadd", 2, List.of("train.steps=60", "eval.every=20"), false);
    }

    @Test
    void aMemberInterruptedAfterACheckpointResumesOnItsOwnToItsSoloBytes(@TempDir Path tmp) throws IOException {
        // as a kill after that checkpoint would leave it: later checkpoints and the summary gone (resume drops the
        // metrics rows after the checkpoint); the population's checkpoint carries the member's Adam moments
        List<String> sets = List.of("train.steps=150", "eval.every=25", "task.train_size=200", "task.test_size=100",
                "model.width=9");
        List<SpecLoader.Loaded> specs = new ArrayList<>();
        List<Path> together = new ArrayList<>();
        for (int seed = 0; seed < 3; seed++) {
            List<String> all = new ArrayList<>(sets);
            all.add("seed=" + seed);
            specs.add(SpecLoader.load("pair-parity", null, all));
            together.add(tmp.resolve("together-" + seed));
        }
        Runner.trainTogether(specs, together, Progress.NONE);
        Path cut = together.get(1);
        List<Long> steps;
        try (Stream<Path> s = Files.list(cut.resolve(RunDirectory.CHECKPOINTS))) {
            steps = s.map(p -> Long.parseLong(p.getFileName().toString().replaceAll("\\D", ""))).sorted().toList();
        }
        long keep = steps.get(steps.size() / 2);
        assertTrue(keep > 0 && keep < 150, "a checkpoint inside the run: " + steps);
        Files.delete(cut.resolve(RunDirectory.SUMMARY));
        for (long step : steps) {
            if (step > keep) {
                try (Stream<Path> s = Files.list(cut.resolve(RunDirectory.CHECKPOINTS))) {
                    for (Path f : s.filter(p -> p.getFileName().toString().replaceAll("\\D", "")
                            .equals(Long.toString(step))).toList()) {
                        Files.delete(f);
                    }
                }
            }
        }
        Runner.resume(cut, Progress.NONE);
        Path solo = tmp.resolve("solo-1");
        Runner.train(specs.get(1), solo, Progress.NONE);
        assertSameRun(solo, cut);
    }

    private static void compare(Path tmp, String preset, int seeds, List<String> sets, boolean population)
            throws IOException {
        List<SpecLoader.Loaded> specs = new ArrayList<>();
        List<Path> together = new ArrayList<>();
        List<Setup> setups = new ArrayList<>();
        for (int seed = 0; seed < seeds; seed++) {
            List<String> all = new ArrayList<>(sets);
            all.add("seed=" + seed);
            SpecLoader.Loaded spec = SpecLoader.load(preset, null, all);
            specs.add(spec);
            together.add(tmp.resolve("together-" + seed));
            setups.add(Kinds.of(spec.spec()).setup(spec.spec(), Kernels.preferred()));
        }
        assertEquals(population, PopulationTrainer.population(setups, PopulationKernels.preferred()) != null,
                "whether " + preset + " trains as a population");
        List<Summary> summaries = Runner.trainTogether(specs, together, Progress.NONE);
        for (int seed = 0; seed < seeds; seed++) {
            Path solo = tmp.resolve("solo-" + seed);
            Summary s = Runner.train(specs.get(seed), solo, Progress.NONE);
            assertEquals(s.outcome(), summaries.get(seed).outcome(), "outcome of seed " + seed);
            assertSameRun(solo, together.get(seed));
        }
    }

    static void assertSameRun(Path solo, Path together) throws IOException {
        List<String> names = files(solo);
        assertEquals(names, files(together), "the files of " + together.getFileName());
        assertTrue(names.contains(RunDirectory.METRICS) && names.stream().anyMatch(n -> n.endsWith(".safetensors")),
                "a run directory with metrics and checkpoints: " + names);
        for (String name : names) {
            if (name.equals(RunDirectory.TIMING)) {
                continue;
            }
            if (name.equals(RunDirectory.SUMMARY)) {
                assertEquals(withoutWallTime(solo.resolve(name)), withoutWallTime(together.resolve(name)),
                        together.getFileName() + "/" + name);
                continue;
            }
            assertArrayEquals(Files.readAllBytes(solo.resolve(name)), Files.readAllBytes(together.resolve(name)),
                    together.getFileName() + "/" + name + " differs from the solo run's");
        }
    }

    private static ObjectNode withoutWallTime(Path summary) throws IOException {
        ObjectNode node = (ObjectNode) JSON.readTree(summary.toFile());
        assertNotNull(node.remove("wall_time_seconds"), "summary.json has wall_time_seconds: " + node);
        return node;
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }
}
