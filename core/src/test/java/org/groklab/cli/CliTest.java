package org.groklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.groklab.spec.Presets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The command line through {@link Main#run}: exit codes, messages, and that bad input writes nothing. */
class CliTest {

    @TempDir
    Path tmp;

    private static CliRunner.Result run(String... args) {
        return CliRunner.run(args);
    }

    @Test
    void versionAndHelpExitZero() {
        CliRunner.Result v = run("--version");
        assertEquals(0, v.code(), v.toString());
        assertTrue(v.out().startsWith("groklab "), v.toString());
        CliRunner.Result h = run("--help");
        assertEquals(0, h.code(), h.toString());
        for (String word : List.of("train", "resume", "presets")) {
            assertTrue(h.out().contains(word), "help mentions " + word + ": " + h);
        }
        CliRunner.Result th = run("train", "--help");
        assertEquals(0, th.code(), th.toString());
        assertTrue(th.out().contains("--preset") && th.out().contains("--set"), th.toString());
    }

    @Test
    void presetsListsEveryPreset() {
        CliRunner.Result r = run("presets");
        assertEquals(0, r.code(), r.toString());
        List<String> names = Presets.names();
        assertFalse(names.isEmpty(), "no presets");
        for (String name : names) {
            assertTrue(r.out().lines().anyMatch(l -> l.strip().startsWith(name + " ")), "preset " + name + " listed: "
                    + r);
        }
        for (String name : org.groklab.sweep.SweepSpecs.presetNames()) {
            assertTrue(r.out().lines().anyMatch(l -> l.strip().startsWith(name + " ")), "sweep " + name + " listed: "
                    + r);
        }
        assertEquals(names.size() + org.groklab.sweep.SweepSpecs.presetNames().size() + 2,
                r.out().lines().filter(l -> !l.isBlank()).count(), "two headings and one line per preset: " + r);
    }

    // ---------------------------------------------------------------- bad input: exit 2, one line, nothing written

    static Stream<Arguments> badSets() {
        return Stream.of(
                Arguments.of(List.of("foo=1"), "foo"),
                Arguments.of(List.of("model.foo=1"), "model.foo"),
                Arguments.of(List.of("model.width=abc"), "model.width"),
                Arguments.of(List.of("model.width=1.5"), "model.width"),
                Arguments.of(List.of("seed=[1]"), "seed"),
                Arguments.of(List.of("task.operation=div", "task.p=12"), "task.p"),
                Arguments.of(List.of("task.train_fraction=0"), "task.train_fraction"),
                Arguments.of(List.of("task.train_fraction=1"), "task.train_fraction"),
                Arguments.of(List.of("task.train_fraction=1.5"), "task.train_fraction"),
                Arguments.of(List.of("model.width=0"), "model.width"),
                Arguments.of(List.of("optimizer.lr=-0.001"), "optimizer.lr"),
                Arguments.of(List.of("task.pairs=symmetric", "task.operation=sub"), "task.pairs"));
    }

    private void assertBadInput(CliRunner.Result r, String field, Path out) {
        assertEquals(2, r.code(), r.toString());
        String err = r.err().strip();
        assertFalse(err.isEmpty(), "an error message: " + r);
        assertFalse(err.contains("\n"), "a one-line error: " + r);
        assertTrue(err.contains(field + ": "), "the error names " + field + ": " + r);
        assertFalse(Files.exists(out), out + " was created: " + r);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("badSets")
    void badSetExitsTwoNamingTheFieldAndWritesNothing(List<String> sets, String field) {
        Path out = tmp.resolve("run");
        List<String> args = new ArrayList<>(List.of("train", "--preset", "quick-modadd", "--out", out.toString(),
                "--quiet"));
        for (String s : sets) {
            args.add("--set");
            args.add(s);
        }
        assertBadInput(run(args.toArray(String[]::new)), field, out);
    }

    @Test
    void unknownPresetExitsTwo() {
        Path out = tmp.resolve("run");
        assertBadInput(run("train", "--preset", "no-such-preset", "--out", out.toString()), "--preset", out);
    }

    @Test
    void neitherPresetNorConfigExitsTwo() {
        Path out = tmp.resolve("run");
        assertBadInput(run("train", "--out", out.toString()), "--preset/--config", out);
    }

    @Test
    void configFileWithSyntaxErrorOrUnknownKeyExitsTwo() throws IOException {
        Path bad = tmp.resolve("bad.yaml");
        Files.writeString(bad, "task:\n  p: [1, 2\n", StandardCharsets.UTF_8);
        Path out = tmp.resolve("run");
        assertBadInput(run("train", "--config", bad.toString(), "--out", out.toString()), "--config", out);
        Path unknown = tmp.resolve("unknown.json");
        Files.writeString(unknown, "{\"model\": {\"depth\": 2}}", StandardCharsets.UTF_8);
        assertBadInput(run("train", "--config", unknown.toString(), "--out", out.toString()), "model.depth", out);
    }

    @Test
    void nonEmptyOutputDirectoryExitsTwoAndIsLeftAlone() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("taken"));
        Path mine = Files.writeString(out.resolve("mine.txt"), "keep me");
        CliRunner.Result r = run("train", "--preset", "quick-modadd", "--set", "train.steps=5", "--out", out.toString(),
                "--quiet");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--out"), r.toString());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(mine), files.toList(), "the directory's content");
        }
    }

    // ---------------------------------------------------------------- resume of things that are not runs

    @Test
    void resumeOfAMissingDirectoryExitsTwo() {
        CliRunner.Result r = run("resume", tmp.resolve("nope").toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("RUN_DIR"), r.toString());
        assertFalse(Files.exists(tmp.resolve("nope")), "resume created the directory");
    }

    @Test
    void resumeOfAnEmptyDirectoryExitsTwo() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        CliRunner.Result r = run("resume", empty.toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("RUN_DIR"), r.toString());
        try (Stream<Path> files = Files.list(empty)) {
            assertEquals(0, files.count(), "resume wrote into the empty directory");
        }
    }

    @Test
    void resumeOfADirectoryWithForeignConfigJsonExitsTwo() throws IOException {
        Path foreign = Files.createDirectories(tmp.resolve("foreign"));
        Files.writeString(foreign.resolve("config.json"), "{\"foo\":1}\n");
        Files.writeString(foreign.resolve("metrics.csv"), "step\n");
        CliRunner.Result r = run("resume", foreign.toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("RUN_DIR"), r.toString());
        Path onlyConfig = Files.createDirectories(tmp.resolve("only-config"));
        Files.writeString(onlyConfig.resolve("config.json"), "{\"foo\":1}\n");
        CliRunner.Result r2 = run("resume", onlyConfig.toString());
        assertEquals(2, r2.code(), r2.toString());
    }

    // ---------------------------------------------------------------- a tiny real run

    @Test
    void tinyTrainWritesTheWholeRunDirectory() throws IOException {
        Path out = tmp.resolve("quick");
        CliRunner.Result r = run("train", "--preset", "quick-modadd", "--set", "train.steps=30", "--set", "eval.every=10",
                "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.toString());
        for (String f : List.of("config.json", "split.json", "metrics.csv", "timing.csv", "summary.json",
                "checkpoints/step-0.safetensors", "checkpoints/step-30.safetensors", "figures/accuracy.png")) {
            Path p = out.resolve(f);
            assertTrue(Files.isRegularFile(p) && Files.size(p) > 0, f + " missing or empty in " + listing(out));
        }
        assertFalse(Files.exists(out.resolve("checkpoints/resume.safetensors")), "rolling checkpoint left behind");
        List<String> rows = Files.readAllLines(out.resolve("metrics.csv"));
        List<String> steps = rows.subList(1, rows.size()).stream().map(l -> l.split(",")[0]).toList();
        assertTrue(steps.containsAll(List.of("0", "10", "20", "30")), "evaluated steps " + steps);
        assertEquals("30", steps.get(steps.size() - 1), "last evaluated step " + steps);
        String summary = Files.readString(out.resolve("summary.json"));
        assertFalse(summary.contains("\"failed\""), summary);
        // and the finished run cannot be resumed
        CliRunner.Result again = run("resume", out.toString(), "--quiet");
        assertEquals(2, again.code(), again.toString());
    }

    private static String listing(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return "(no directory)";
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(dir::relativize).map(Path::toString).sorted().toList().toString();
        }
    }
}
