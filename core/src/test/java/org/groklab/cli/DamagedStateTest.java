package org.groklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.groklab.io.TreeCopy;
import org.groklab.run.RunDirectory;
import org.groklab.run.Safetensors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged, edited, half-written or redirected run and sweep directories: each is a one-line error naming the file
 * (exit 2, nothing written), or is repaired and ends with the bytes of an undamaged run. Every case starts from a
 * copy of one short run (40 steps) interrupted after its step-16 checkpoint.
 */
class DamagedStateTest {
    static final String[] TRAIN = {"train", "--preset", "quick-modadd", "--quiet", "--set", "train.steps=40",
            "--set", "eval.every=10", "--set", "checkpoints.resume_every=10"};

    @TempDir
    static Path shared;
    static Path whole;
    static Path interrupted;
    static Map<String, String> expected;

    @TempDir
    Path tmp;

    @BeforeAll
    static void runOnce() throws Exception {
        whole = shared.resolve("whole");
        assertEquals(0, CliRunner.run(with(TRAIN, "--out", whole.toString())).code());
        expected = CliRunner.reproducibleFiles(whole);
        interrupted = shared.resolve("interrupted");
        TreeCopy.copy(whole, interrupted);
        ConcurrentWritersTest.interrupt(interrupted, 16);
    }

    static String[] with(String[] base, String... more) {
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private Path copy(String name) throws Exception {
        Path d = tmp.resolve(name);
        TreeCopy.copy(interrupted, d);
        return d;
    }

    private static CliRunner.Result resume(Path d) {
        return CliRunner.run("resume", d.toString(), "--quiet");
    }

    /** Exit 2, one line on stderr holding every fragment, and the directory's files unchanged. */
    private static void refused(CliRunner.Result r, Path dir, Map<String, String> before, String... fragments) {
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        for (String f : fragments) {
            assertTrue(r.err().contains(f), "'" + f + "' in " + r);
        }
        assertEquals(before, CliRunner.reproducibleFiles(dir), "nothing rewritten");
    }

    private static Path latestCheckpoint(Path run) throws Exception {
        try (Stream<Path> s = Files.list(run.resolve(RunDirectory.CHECKPOINTS))) {
            return s.max((a, b) -> Long.compare(step(a), step(b))).orElseThrow();
        }
    }

    private static long step(Path p) {
        String d = p.getFileName().toString().replaceAll("\\D", "");
        return d.isEmpty() ? -1 : Long.parseLong(d);
    }

    @Test
    void theInterruptedRunResumesToTheBytesOfTheWholeOne() throws Exception {
        Path d = copy("plain");
        assertEquals(0, resume(d).code());
        assertEquals(expected, CliRunner.reproducibleFiles(d));
    }

    @Test
    void aFlippedDataByteInACheckpointIsRefusedNamingTheFileAndTheRepair() throws Exception {
        Path d = copy("flipped");
        Path ckpt = latestCheckpoint(d);
        byte[] b = Files.readAllBytes(ckpt);
        b[b.length - 3] ^= 0x10; // one bit of the last float
        Files.write(ckpt, b);
        Map<String, String> before = CliRunner.reproducibleFiles(d);
        refused(resume(d), d, before, ckpt.getFileName().toString(), "checksum mismatch", "previous good checkpoint");
        // the repair the message offers: move the damaged file away and resume
        Files.delete(ckpt);
        assertEquals(0, resume(d).code());
        assertEquals(expected, CliRunner.reproducibleFiles(d));
    }

    @Test
    void anEditedStepInACheckpointHeaderIsRefused() throws Exception {
        Path d = copy("step-edited");
        Path ckpt = latestCheckpoint(d);
        String text = new String(Files.readAllBytes(ckpt), StandardCharsets.ISO_8859_1);
        // the step moved forward by one digit, the header keeping its length (as an edit from 7000 to 9000 would)
        String edited = text.replaceFirst("\"step\":\"(\\d*)(\\d)\"", "\"step\":\"$19\"");
        assertNotEquals(text, edited);
        Files.write(ckpt, edited.getBytes(StandardCharsets.ISO_8859_1));
        refused(resume(d), d, CliRunner.reproducibleFiles(d), ckpt.getFileName().toString(), "checksum mismatch");
    }

    @Test
    void aDamagedCheckpointMakesAnalyzeFailNotReportNumbers() throws Exception {
        Path d = tmp.resolve("analyzed");
        TreeCopy.copy(whole, d);
        Path ckpt = d.resolve(RunDirectory.CHECKPOINTS).resolve("step-40.safetensors");
        byte[] b = Files.readAllBytes(ckpt);
        b[b.length - 1] ^= 0x7f; // an exponent byte
        Files.write(ckpt, b);
        CliRunner.Result r = CliRunner.run("analyze", d.toString(), "--no-figures");
        assertNotEquals(0, r.code(), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        assertTrue(r.err().contains("step-40.safetensors") && r.err().contains("checksum mismatch"), r.toString());
    }

    @Test
    void checkpointsWrittenWithoutAChecksumStillLoad() throws Exception {
        Path d = copy("old-format");
        try (Stream<Path> s = Files.list(d.resolve(RunDirectory.CHECKPOINTS))) {
            for (Path f : s.toList()) {
                Safetensors.Loaded l = Safetensors.read(f);
                Map<String, String> meta = new java.util.LinkedHashMap<>(l.metadata());
                assertTrue(meta.remove(Safetensors.CHECKSUM) != null, f.toString());
                Safetensors.write(f, List.copyOf(l.tensors().values()), meta);
            }
        }
        assertEquals(0, resume(d).code());
        for (String f : List.of(RunDirectory.METRICS, "checkpoints/step-40.safetensors")) {
            assertEquals(expected.get(f), CliRunner.reproducibleFiles(d).get(f), f);
        }
    }

    @Test
    void aMissingHeaderAnEmptyFileOrABadRowOfMetricsIsRefused() throws Exception {
        Path noHeader = copy("no-header");
        Path m = noHeader.resolve(RunDirectory.METRICS);
        List<String> lines = Files.readAllLines(m);
        Files.write(m, lines.subList(1, lines.size()));
        refused(resume(noHeader), noHeader, CliRunner.reproducibleFiles(noHeader), "metrics.csv", "line 1");

        Path empty = copy("empty");
        Files.writeString(empty.resolve(RunDirectory.METRICS), "");
        refused(resume(empty), empty, CliRunner.reproducibleFiles(empty), "metrics.csv", "empty");

        Path badRow = copy("bad-row");
        m = badRow.resolve(RunDirectory.METRICS);
        lines = new java.util.ArrayList<>(Files.readAllLines(m));
        lines.set(2, lines.get(2).replaceFirst(",[^,]*,", ",x,"));
        Files.write(m, lines);
        refused(resume(badRow), badRow, CliRunner.reproducibleFiles(badRow), "metrics.csv", "line 3", "not a number");

        Path unordered = copy("unordered");
        m = unordered.resolve(RunDirectory.METRICS);
        lines = new java.util.ArrayList<>(Files.readAllLines(m));
        java.util.Collections.swap(lines, 1, 2);
        Files.write(m, lines);
        refused(resume(unordered), unordered, CliRunner.reproducibleFiles(unordered), "metrics.csv", "increase");
    }

    @Test
    void aTornLastLineOfMetricsIsDroppedAndRecomputed() throws Exception {
        Path d = copy("torn");
        Files.writeString(d.resolve(RunDirectory.METRICS), "30,0.001,1.2", java.nio.file.StandardOpenOption.APPEND);
        assertEquals(0, resume(d).code());
        assertEquals(expected, CliRunner.reproducibleFiles(d));
    }

    @Test
    void strayTemporaryFilesAreRemovedByTheNextWriter() throws Exception {
        Path d = copy("stray");
        Path stray = d.resolve(RunDirectory.CHECKPOINTS).resolve(".resume.safetensors.0123456789abcdef.tmp");
        Files.writeString(stray, "half a checkpoint");
        Path stray2 = d.resolve(".summary.json.fedcba9876543210.tmp");
        Files.writeString(stray2, "{");
        assertEquals(0, resume(d).code());
        assertFalse(Files.exists(stray) || Files.exists(stray2));
        assertEquals(expected, CliRunner.reproducibleFiles(d));
    }

    @Test
    void aHalfCreatedRunDirectoryIsNamedByResumeAndClearedByTrain() throws Exception {
        Path d = tmp.resolve("half");
        Files.createDirectories(d.resolve(RunDirectory.CHECKPOINTS));
        Files.createDirectories(d.resolve(RunDirectory.FIGURES));
        Files.copy(whole.resolve(RunDirectory.SPLIT), d.resolve(RunDirectory.SPLIT));
        Files.writeString(d.resolve(RunDirectory.METRICS), "step,lr\n");
        Files.writeString(d.resolve(RunDirectory.CHECKPOINTS).resolve(".step-0.safetensors.0123456789abcdef.tmp"), "");
        CliRunner.Result r = resume(d);
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("half-created") && r.err().lines().count() == 1, r.toString());
        CliRunner.Result t = CliRunner.run(with(TRAIN, "--out", d.toString()));
        assertEquals(0, t.code(), t.toString());
        assertEquals(expected, CliRunner.reproducibleFiles(d));
    }

    @Test
    void aSymlinkedPartOfARunDirectoryIsRefusedAndNothingIsWrittenThroughIt() throws Exception {
        for (String part : List.of(RunDirectory.FIGURES, RunDirectory.CHECKPOINTS, RunDirectory.METRICS)) {
            Path d = copy("linked-" + part);
            Path outside = tmp.resolve("outside-" + part);
            Path original = d.resolve(part);
            Files.move(original, outside);
            Files.createSymbolicLink(original, outside);
            List<String> before = CliRunner.listing(outside);
            Map<String, String> outsideBytes = Files.isDirectory(outside) ? CliRunner.reproducibleFiles(outside)
                    : Map.of("file", Files.readString(outside));
            CliRunner.Result r = resume(d);
            assertEquals(2, r.code(), r.toString());
            assertTrue(r.err().contains("symbolic link") && r.err().lines().count() == 1, r.toString());
            CliRunner.Result a = CliRunner.run("analyze", d.toString(), "--no-figures");
            assertEquals(2, a.code(), a.toString());
            assertEquals(before, CliRunner.listing(outside), part);
            assertEquals(outsideBytes, Files.isDirectory(outside) ? CliRunner.reproducibleFiles(outside)
                    : Map.of("file", Files.readString(outside)), part);
        }
    }

    @Test
    void outUnderARegularFileIsBadInput() throws Exception {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        CliRunner.Result r = CliRunner.run(with(TRAIN, "--out", file.resolve("run").toString()));
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        CliRunner.Result s = CliRunner.run("sweep", "run", "--preset", "demo-modadd", "--out",
                file.resolve("sweep").toString());
        assertEquals(2, s.code(), s.toString());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void aRunThatThrowsBeforeItsFirstStepWritesAFailedSummary() throws Exception {
        Path d = tmp.resolve("overflow");
        CliRunner.Result r = CliRunner.run("train", "--preset", "pair-modadd", "--quiet", "--set",
                "model.d_embed=100000000", "--set", "train.steps=5", "--out", d.toString());
        if (r.code() == 2) {
            return; // the spec validator refuses it up front: nothing to record
        }
        assertEquals(1, r.code(), r.toString());
        String summary = Files.readString(d.resolve(RunDirectory.SUMMARY));
        assertTrue(summary.contains("\"outcome\" : \"failed\"") && summary.contains("\"error\" : \""), summary);
        assertTrue(Files.isRegularFile(d.resolve(RunDirectory.CONFIG)));
        assertFalse(r.err().contains("\tat "), r.toString());
    }
}
