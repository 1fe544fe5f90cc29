package org.groklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small things of daily use: a run file naming its preset, the resolved spec, a finished run trained again, Ctrl-C. */
class EverydayTest {
    static CliRunner.Result cli(String... args) {
        return CliRunner.run(args);
    }

    @Test
    void aRunFileNamesItsPresetAndSpecPrintsTheResolvedSpec(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("mine.yaml");
        Files.writeString(f, "preset: quick-modadd\nname: mine\noptimizer: {weight_decay: 0.3}\n");
        CliRunner.Result r = cli("spec", "--config", f.toString(), "--set", "seed=4");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("# run id "), r.out());
        assertTrue(r.out().contains("name: \"mine\"") || r.out().contains("name: mine"), r.out());
        assertTrue(r.out().contains("weight_decay: 0.3"), r.out());
        assertTrue(r.out().contains("p: 31"), "quick-modadd's p: " + r.out());
        assertTrue(r.out().contains("seed: 4"), r.out());
        assertTrue(!r.out().contains("train_size"), "no keys of another kind: " + r.out());
    }

    @Test
    void trainingAFinishedRunAgainSaysWhereItsResultsAre(@TempDir Path tmp) {
        Path run = tmp.resolve("r");
        assertEquals(0, cli("train", "--preset", "quick-modadd", "--set", "train.steps=20", "--out", run.toString(),
                "--quiet").code());
        CliRunner.Result again = cli("train", "--preset", "quick-modadd", "--set", "train.steps=20", "--out", run.toString());
        assertEquals(2, again.code());
        assertTrue(again.err().contains("already finished: its results are " + run.resolve("summary.json")),
                again.err());
        assertTrue(!again.err().contains("resume"), "a finished run cannot be resumed: " + again.err());
    }

    @Test
    void aRunStoppedWithCtrlCSaysHowToContinueIt(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("r");
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "--add-modules",
                "jdk.incubator.vector", "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                "org.groklab.cli.Main", "train", "--preset", "pair-modadd", "--quiet", "--out", run.toString())
                .redirectErrorStream(true).redirectOutput(tmp.resolve("out.txt").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.isRegularFile(run.resolve("config.json")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        p.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the JVM runs its shutdown hooks
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        String out = Files.readString(tmp.resolve("out.txt"));
        assertTrue(out.contains("interrupted; continue this run with: groklab resume " + run), out);
    }
}
