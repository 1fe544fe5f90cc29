package org.groklab.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.groklab.cli.CliRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `groklab query` reads the directory it is given and nothing else, writes nothing, and prints bounded output. */
class QuerySandboxTest {
    @TempDir
    static Path tmp;
    static Path run;

    @BeforeAll
    static void train() {
        run = tmp.resolve("run");
        CliRunner.Result r = CliRunner.run("train", "--preset", "quick-modadd", "--quiet", "--set", "train.steps=20",
                "--set", "eval.every=5", "--out", run.toString());
        assertEquals(0, r.code(), r.toString());
    }

    private static CliRunner.Result query(String sql, String... more) {
        String[] args = new String[3 + more.length];
        args[0] = "query";
        args[1] = run.toString();
        args[2] = sql;
        System.arraycopy(more, 0, args, 3, more.length);
        return CliRunner.run(args);
    }

    private static void refused(CliRunner.Result r) {
        assertEquals(2, r.code(), r.toString());
        assertEquals("", r.out(), r.toString());
        // DuckDB's whole message: its headline on the first line, then where in the query (no stack trace)
        assertTrue(r.err().startsWith("groklab: SQL: "), r.toString());
        assertFalse(r.err().contains("\tat "), r.toString());
    }

    @Test
    void theViewsStillWork() throws Exception {
        CliRunner.Result r = query("SELECT count(*) AS n FROM metrics", "--csv");
        assertEquals(0, r.code(), r.toString());
        assertEquals("n\n" + (Files.readAllLines(run.resolve("metrics.csv")).size() - 1) + "\n", r.out());
        assertEquals(0, query("FROM runs").code());
        assertEquals(0, query("DESCRIBE configs").code());
    }

    @Test
    void filesOutsideTheDirectoryCannotBeRead() {
        CliRunner.Result r = query("SELECT * FROM read_csv('/etc/passwd')");
        refused(r);
        assertFalse(r.err().contains("root:"), r.toString());
        refused(query("SELECT * FROM read_text('" + run.resolve("../../..") + "/etc/passwd')"));
        refused(query("SELECT * FROM glob('/*')"));
    }

    @Test
    void copyToAnywhereIsRefused() {
        Path outside = tmp.resolve("x.csv");
        Path inside = run.resolve("x.csv");
        refused(query("COPY (SELECT 1) TO '" + outside + "'"));
        refused(query("COPY (SELECT 1) TO '" + inside + "'"));
        refused(query("SELECT 1; COPY (SELECT 1) TO '" + inside + "'"));
        assertFalse(Files.exists(outside) || Files.exists(inside));
    }

    @Test
    void attachInstallLoadAndSetAreRefused() {
        Path db = run.resolve("x.db");
        for (String sql : List.of("ATTACH '" + db + "'", "ATTACH ':memory:' AS m", "INSTALL httpfs", "LOAD httpfs",
                "SET enable_external_access = true", "SET memory_limit = '100GB'", "CREATE TABLE t AS SELECT 1",
                "PRAGMA database_list")) {
            refused(query(sql));
        }
        assertFalse(Files.exists(db));
    }

    @Test
    void aHugeResultIsCutAndSaysHowManyRowsWereCut() {
        CliRunner.Result r = query("SELECT * FROM range(100000000)", "--csv", "--max-rows", "3");
        assertEquals(0, r.code(), r.toString());
        assertEquals("range\n0\n1\n2\n", r.out());
        assertTrue(r.err().contains("99999997 more were cut") && r.err().lines().count() == 1, r.toString());
    }
}
