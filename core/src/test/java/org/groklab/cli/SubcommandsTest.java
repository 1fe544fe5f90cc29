package org.groklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line reads only the subcommand it is given, and still lists every command, suggests near misses and
 * runs {@code help COMMAND}; train and bench keep their exit-code contract; the start-up workload runs.
 */
class SubcommandsTest {

    @Test
    void helpListsEveryCommandInOrder() {
        CliRunner.Result r = CliRunner.run("--help");
        assertEquals(Main.OK, r.code(), r.toString());
        int last = -1;
        for (String name : new String[] {"train", "resume", "presets", "spec", "sweep", "query", "analyze", "parity",
            "serve", "report", "bench", "help"}) {
            int at = r.out().indexOf("\n  " + name + " ");
            assertTrue(at > last, name + " missing or out of order:\n" + r.out());
            last = at;
        }
    }

    @Test
    void helpCommandAndMisspellingsStillWork() {
        CliRunner.Result help = CliRunner.run("help", "train");
        assertEquals(Main.OK, help.code(), help.toString());
        assertTrue(help.out().startsWith("Usage: groklab train"), help.toString());
        CliRunner.Result typo = CliRunner.run("trian");
        assertEquals(Main.BAD_INPUT, typo.code(), typo.toString());
        assertTrue(typo.err().contains("did you mean train"), typo.toString());
    }

    @Test
    void benchRefusesABadRepetitionCount() {
        CliRunner.Result r = CliRunner.run("bench", "--reps", "0");
        assertEquals(Main.BAD_INPUT, r.code(), r.toString());
        assertTrue(r.err().contains("--reps must be 1..100"), r.toString());
    }

    @Test
    void startupWorkloadRunsEveryCommandAndCleansUp(@TempDir Path tmp) throws Exception {
        Path work = tmp.resolve("work");
        assertEquals(java.util.List.of(), StartupTraining.run(work));
        assertTrue(Files.notExists(work), "the work directory is removed");
    }
}
