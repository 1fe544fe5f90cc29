package org.groklab.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.groklab.cli.CliRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spec and sweep files are bounded and read as written: aliases by value, no duplicate keys, no huge documents. */
class InputLimitsTest {
    @TempDir
    Path tmp;

    private Path file(String name, String text) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void anAliasStandsForItsAnchorsValue() throws Exception {
        JsonNode n = SpecLoader.readFile(file("a.yaml", "seed: &s 7\ntrain: &t {steps: 5}\nx: *s\ny: *t\n"));
        assertEquals(7, n.get("x").intValue());
        assertEquals(5, n.get("y").get("steps").intValue());
        SpecLoader.Loaded l = SpecLoader.load("quick-modadd", file("b.yaml", "name: &a my-run\nsource: *a\n"),
                java.util.List.of());
        assertEquals("my-run", l.tree().get("source").asText());
    }

    @Test
    void theSameYamlWithoutAliasesGivesJacksonsTree() throws Exception {
        String text = "a: 1\nb: 2.5\nc: [x, 3000000000, 1e-3, true, null]\nd: {e: -7, f: '012'}\ng: 123456789012345678901\n";
        assertEquals(SpecLoader.YAML.readTree(text), SpecLoader.readFile(file("same.yaml", text)));
    }

    @Test
    void duplicateKeysAreErrorsInYamlAndJson() throws Exception {
        SpecException y = assertThrows(SpecException.class,
                () -> SpecLoader.readFile(file("d.yaml", "seed: 1\ntrain: {steps: 3}\nseed: 2\n")));
        assertTrue(y.getMessage().startsWith("seed: ") && y.getMessage().contains("twice"), y.getMessage());
        SpecException j = assertThrows(SpecException.class,
                () -> SpecLoader.readFile(file("d.json", "{\"seed\": 1, \"seed\": 2}")));
        assertTrue(j.getMessage().contains("seed"), j.getMessage());
    }

    @Test
    void aMultiMegabyteDocumentIsRefusedBeforeParsing() throws Exception {
        Path big = tmp.resolve("big.yaml");
        byte[] bytes = new byte[16 << 20];
        java.util.Arrays.fill(bytes, (byte) 'a');
        System.arraycopy("name: ".getBytes(), 0, bytes, 0, 6);
        Files.write(big, bytes);
        SpecException e = assertThrows(SpecException.class, () -> SpecLoader.readFile(big));
        assertTrue(e.getMessage().contains("at most " + SpecLoader.MAX_FILE_BYTES + " bytes"), e.getMessage());
    }

    @Test
    void aHundredMegabyteSpecIsRefusedOnTheCommandLineWithoutReadingIt() throws Exception {
        Path big = tmp.resolve("huge.yaml");
        try (var f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.write("name: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            f.setLength(100L << 20); // a sparse 100 MB string value
        }
        Path out = tmp.resolve("out");
        CliRunner.Result r = CliRunner.run("train", "--config", big.toString(), "--out", out.toString());
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        assertTrue(r.err().contains("at most " + SpecLoader.MAX_FILE_BYTES + " bytes"), r.toString());
        assertTrue(!Files.exists(out), "nothing written");
        CliRunner.Result s = CliRunner.run("sweep", "run", big.toString(), "--out", out.toString());
        assertEquals(2, s.code(), s.toString());
        assertTrue(!Files.exists(out), "nothing written");
    }

    @Test
    void aliasBombsAndDeepNestingAreRefused() throws Exception {
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                bomb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            bomb.append("]\n");
        }
        SpecException e = assertThrows(SpecException.class, () -> SpecLoader.readFile(file("bomb.yaml",
                bomb.toString())));
        assertTrue(e.getMessage().contains("aliases") || e.getMessage().contains("values"), e.getMessage());
        String deep = "a: " + "[".repeat(1000) + "]".repeat(1000) + "\n";
        SpecException d = assertThrows(SpecException.class, () -> SpecLoader.readFile(file("deep.yaml", deep)));
        assertEquals(1, d.getMessage().lines().count(), d.getMessage());
    }

    @Test
    void twoBillionSeedsAreOneLineAndExitCodeTwoOnTheCommandLine() throws Exception {
        // once an OutOfMemoryError of the planner; the forced OutOfMemoryError of a run is in ResourceLimitsTest
        Path sweep = file("seeds.yaml", "name: many\nbase: {preset: quick-modadd}\naxes:\n"
                + "  - {field: seed, values: [0]}\nseeds: 2000000000\n");
        CliRunner.Result r = CliRunner.run("sweep", "plan", sweep.toString());
        assertEquals(2, r.code(), r.toString());
        assertEquals("groklab: seeds: a count in [1, 10000], got 2000000000", r.err().strip());
    }
}
