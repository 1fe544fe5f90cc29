package org.groklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.groklab.io.TreeCopy;
import org.groklab.run.RunDirectory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two writers started together on one run or one sweep directory (10 trials each): one proceeds, the other exits 2
 * with a one-line message (naming the lock holder's pid when it ran into the lock), and the directory ends with the
 * bytes a single writer leaves. Both writers run in this JVM, on two threads released by one barrier: the OS lock
 * is the same file lock a second process would meet.
 */
class ConcurrentWritersTest {
    static final int TRIALS = 10;
    static final String[] RUN = {"--preset", "quick-modadd", "--quiet", "--set", "train.steps=40", "--set",
            "eval.every=10", "--set", "checkpoints.resume_every=10"};
    static final String SWEEP = """
            name: pair-of-writers
            base:
              preset: quick-modadd
              set: {train.steps: 30, eval.every: 10}
            axes:
              - {field: optimizer.weight_decay, values: [0.1, 0.3]}
            """;

    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

    @TempDir
    Path tmp;

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    /** Runs both argument lists at once; returns their results in order. */
    private static List<CliRunner.Result> together(String[] a, String[] b) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<CliRunner.Result>> f = new ArrayList<>();
        for (String[] args : List.of(a, b)) {
            f.add(POOL.submit(() -> {
                start.await();
                return CliRunner.run(args);
            }));
        }
        return List.of(f.get(0).get(), f.get(1).get());
    }

    /** One exit 0, one exit 2 with one line on stderr (the lock's pid when they overlapped). */
    private static void oneProceedsOneRefused(List<CliRunner.Result> r) {
        CliRunner.Result ok = r.get(0).code() == 0 ? r.get(0) : r.get(1);
        CliRunner.Result refused = ok == r.get(0) ? r.get(1) : r.get(0);
        assertEquals(0, ok.code(), r.toString());
        assertEquals(2, refused.code(), r.toString());
        assertEquals(1, refused.err().lines().count(), refused.toString());
        String err = refused.err();
        assertTrue(err.contains("(pid " + ProcessHandle.current().pid() + ")") || err.contains("not empty")
                || err.contains("already complete"), refused.toString());
    }

    private static String[] with(String[] base, String... more) {
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void twoTrainsOnOneRunDirectory() throws Exception {
        Path single = tmp.resolve("single");
        assertEquals(0, CliRunner.run(with(with(new String[] {"train"}, RUN), "--out", single.toString())).code());
        Map<String, String> expected = CliRunner.reproducibleFiles(single);
        int locked = 0;
        for (int t = 0; t < TRIALS; t++) {
            Path d = tmp.resolve("train" + t);
            String[] args = with(with(new String[] {"train"}, RUN), "--out", d.toString());
            List<CliRunner.Result> r = together(args, args);
            oneProceedsOneRefused(r);
            locked += r.stream().anyMatch(x -> x.err().contains("pid")) ? 1 : 0;
            assertEquals(expected, CliRunner.reproducibleFiles(d), "trial " + t);
        }
        assertTrue(locked > 0, "in no trial did the writers overlap: the test proved nothing about the lock");
    }

    @Test
    void twoResumesOfOneRun() throws Exception {
        Path single = tmp.resolve("single");
        assertEquals(0, CliRunner.run(with(with(new String[] {"train"}, RUN), "--out", single.toString())).code());
        Map<String, String> expected = CliRunner.reproducibleFiles(single);
        interrupt(single, 10);
        for (int t = 0; t < TRIALS; t++) {
            Path d = tmp.resolve("resume" + t);
            TreeCopy.copy(single, d);
            String[] args = {"resume", d.toString(), "--quiet"};
            oneProceedsOneRefused(together(args, args));
            assertEquals(expected, CliRunner.reproducibleFiles(d), "trial " + t);
        }
    }

    @Test
    void twoSweepRunsOnOneSweepDirectory() throws Exception {
        Path spec = tmp.resolve("pair.yaml");
        Files.writeString(spec, SWEEP);
        Path single = tmp.resolve("single");
        assertEquals(0, CliRunner.run("sweep", "run", spec.toString(), "--out", single.toString(), "--workers", "1")
                .code());
        Map<String, String> expected = CliRunner.reproducibleFiles(single);
        int locked = 0;
        for (int t = 0; t < TRIALS; t++) {
            Path d = tmp.resolve("sweep" + t);
            String[] args = {"sweep", "run", spec.toString(), "--out", d.toString(), "--workers", "1"};
            List<CliRunner.Result> r = together(args, args);
            // a second `sweep run` that starts after the first finished continues a finished sweep: exit 0
            long zeros = r.stream().filter(x -> x.code() == 0).count();
            if (zeros == 2) {
                assertEquals(expected, CliRunner.reproducibleFiles(d), "trial " + t);
                continue;
            }
            oneProceedsOneRefused(r);
            locked++;
            assertEquals(expected, CliRunner.reproducibleFiles(d), "trial " + t);
        }
        assertTrue(locked > 0, "in no trial did the writers overlap: the test proved nothing about the lock");
    }

    /** What a kill after step {@code keep}'s checkpoint leaves: later checkpoints and the summary gone. */
    static void interrupt(Path run, long keep) throws Exception {
        Files.delete(run.resolve(RunDirectory.SUMMARY));
        try (Stream<Path> files = Files.list(run.resolve(RunDirectory.CHECKPOINTS))) {
            for (Path f : files.toList()) {
                String digits = f.getFileName().toString().replaceAll("\\D", "");
                if (!digits.isEmpty() && Long.parseLong(digits) > keep) {
                    Files.delete(f);
                }
            }
        }
    }
}
