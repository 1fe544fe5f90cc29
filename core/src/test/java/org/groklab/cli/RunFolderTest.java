package org.groklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.groklab.run.RunDirectory;
import org.groklab.run.RunDirectoryName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Any folder of single runs is a collection: query, the per-cell table and the sweep figures read it, with the keys
 * that differ between the runs as swept fields; compare overlays runs and prints how their specs differ. One of the
 * runs sits in a directory named the old way (NAME-RUNID), another in one named by its overrides.
 */
class RunFolderTest {
    @TempDir
    static Path tmp;
    static Path folder;

    static void train(String dir, String... sets) {
        String[] args = new String[6 + 2 * sets.length];
        int i = 0;
        for (String a : new String[] {"train", "--preset", "quick-modadd", "--quiet", "--out",
                folder.resolve(dir).toString()}) {
            args[i++] = a;
        }
        for (String s : sets) {
            args[i++] = "--set";
            args[i++] = s;
        }
        CliRunner.Result r = CliRunner.run(args);
        assertEquals(0, r.code(), r.toString());
    }

    @BeforeAll
    static void runs() throws Exception {
        folder = tmp.resolve("runs");
        train("quick-modadd-old-name", "train.steps=30");
        train(RunDirectoryName.of("quick-modadd", List.of("train.steps=30", "seed=5"), "x"), "train.steps=30",
                "seed=5");
        train("wd", "train.steps=30", "optimizer.weight_decay=0.1");
        Files.createDirectories(folder.resolve("notes")); // not a run: left out
    }

    @Test
    void aRunDirectoryIsNamedByItsOverrides() {
        assertEquals("quick-modadd-seed3-wd0.1-8ab616b5d367", RunDirectoryName.of("quick-modadd",
                List.of("seed=3", "optimizer.weight_decay=0.1"), "8ab616b5d367"));
        assertEquals("quick-modadd-8ab616b5d367", RunDirectoryName.of("quick-modadd", List.of(), "8ab616b5d367"));
        assertEquals("m-actrelu_x-frac0.5-seed4-id", RunDirectoryName.of("m",
                List.of("seed=3", "model.activation=\"relu\"x", "task.train_fraction=0.5", "seed=4"), "id"));
        assertTrue(Files.isRegularFile(folder.resolve("quick-modadd-steps30-seed5-x").resolve("summary.json")));
    }

    @Test
    void queryReadsAFolderOfRuns() {
        CliRunner.Result r = CliRunner.run("query", folder.toString(), "SELECT dir, cell, seed, "
                + "\"optimizer.weight_decay\", (SELECT count(*) FROM metrics m WHERE m.run_id = runs.run_id) > 0 "
                + "FROM runs ORDER BY dir", "--csv");
        assertEquals(0, r.code(), r.toString());
        assertEquals(List.of("quick-modadd-old-name,0,0,0.3,true", "quick-modadd-steps30-seed5-x,0,5,0.3,true",
                "wd,1,0,0.1,true"), r.out().lines().skip(1).toList(), r.out());
    }

    @Test
    void theSweepTableAndFiguresReadAFolderOfRuns() throws Exception {
        CliRunner.Result t = CliRunner.run("sweep", "table", folder.toString());
        assertEquals(0, t.code(), t.toString());
        assertTrue(t.out().startsWith("runs in runs: 3/3 runs finished, 2 cells"), t.out());
        assertTrue(t.out().lines().skip(1).findFirst().orElseThrow().startsWith("cell  optimizer.weight_decay  runs"),
                t.out());
        CliRunner.Result f = CliRunner.run("sweep", "figures", folder.toString());
        assertEquals(0, f.code(), f.toString());
        assertNotNull(ImageIO.read(folder.resolve("figures/rates_optimizer.weight_decay.png").toFile()));
        assertNotNull(ImageIO.read(folder.resolve("figures/curves_test-accuracy.png").toFile()));
    }

    @Test
    void compareOverlaysRunsAndPrintsHowTheirSpecsDiffer() throws Exception {
        Path png = tmp.resolve("cmp.png");
        CliRunner.Result r = CliRunner.run("compare", folder.resolve("quick-modadd-old-name").toString(),
                folder.resolve("quick-modadd-steps30-seed5-x").toString(), folder.resolve("wd").toString(),
                "--out", png.toString());
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.out().lines().map(String::strip).toList();
        assertTrue(lines.get(0).matches("key +quick-modadd-old-name +quick-modadd-steps30-seed5-x +wd"), r.out());
        assertTrue(lines.get(2).matches("seed +0 +5 +0"), r.out());
        assertTrue(lines.get(3).matches("optimizer.weight_decay +0.3 +0.3 +0.1"), r.out());
        assertEquals(4, lines.indexOf(""), "only the keys that differ: " + r.out());
        assertTrue(r.out().contains("figure: " + png), r.out());
        assertNotNull(ImageIO.read(png.toFile()));
        CliRunner.Result one = CliRunner.run("compare", folder.resolve("wd").toString());
        assertEquals(2, one.code(), one.toString());
        CliRunner.Result notRun = CliRunner.run("compare", folder.resolve("wd").toString(),
                folder.resolve("notes").toString());
        assertEquals(2, notRun.code(), notRun.toString());
        assertTrue(RunDirectory.open(folder.resolve("quick-modadd-old-name")).complete());
    }
}
