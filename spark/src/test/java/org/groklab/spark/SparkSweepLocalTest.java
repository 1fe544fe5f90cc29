package org.groklab.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.groklab.run.DirectoryLock;
import org.groklab.run.RunDirectory;
import org.groklab.sweep.SweepDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tiny sweep through Spark in local[2] mode gives the local executor's sweep; then resume and bad input. */
class SparkSweepLocalTest {
    @TempDir
    Path tmp;

    @Test
    void localTwoMatchesTheLocalExecutor() throws Exception {
        Path spec = SweepFixture.writeSpec(tmp);
        Path local = SweepFixture.reference();
        Path shared = tmp.resolve("spark");
        String out = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> SweepFixture.runOnSpark(
                SweepFixture.conf("local[2]"), spec.toString(), "--out", shared.toString()));
        assertTrue(out.contains("4 to run on Spark"), out);
        SweepFixture.assertSameSweep(local, shared, out);

        // a run that lost its summary.json (as if its executor died at the end) resumes from its checkpoint
        String id = SweepFixture.runIds(shared).get(0);
        Files.delete(shared.resolve(SweepDirectory.RUNS).resolve(id).resolve(RunDirectory.SUMMARY));
        String again = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> SweepFixture.runOnSpark(
                SweepFixture.conf("local[2]"), "--resume", shared.toString()));
        assertTrue(again.contains("3 finished, 1 to run on Spark"), again);
        SweepFixture.assertSameSweep(local, shared, again);
    }

    @Test
    void aSecondDriverOnASweepDirectoryExitsTwoWritingNothing() throws Exception {
        Path spec = SweepFixture.writeSpec(tmp);
        Path shared = tmp.resolve("held");
        // the first driver: it holds the sweep directory's lock while its sweep runs
        try (DirectoryLock first = SweepDirectory.lock(shared, true, "--out")) {
            for (String[] args : new String[][] {{spec.toString(), "--out", shared.toString()},
                    {"--preset", "demo-modadd", "--out", shared.toString()}}) {
                StringWriter err = new StringWriter();
                int code = SparkSweep.run(args, SweepFixture.conf("local[2]"), new PrintWriter(new StringWriter()),
                        new PrintWriter(err, true));
                assertEquals(2, code, err.toString());
                assertTrue(err.toString().contains("(pid " + ProcessHandle.current().pid() + ")"), err.toString());
                assertEquals(1, err.toString().lines().count(), err.toString());
                assertFalse(Files.exists(shared.resolve(SweepDirectory.SWEEP)), "nothing written");
                assertFalse(Files.exists(shared.resolve(SweepDirectory.RUNS)), "nothing written");
            }
        }
    }

    @Test
    void badInputExitsTwoWithoutSpark() {
        StringWriter err = new StringWriter();
        int code = SparkSweep.run(new String[] {"--resume", tmp.resolve("nothing").toString()},
                SweepFixture.conf("local[2]"), new PrintWriter(new StringWriter()), new PrintWriter(err, true));
        assertEquals(2, code, err.toString());
        assertTrue(err.toString().contains("no sweep.json"), err.toString());
    }
}
