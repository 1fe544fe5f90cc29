package org.groklab.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.groklab.cli.Main;
import org.groklab.spec.SpecException;
import org.groklab.spec.SpecLoader;
import org.groklab.sweep.SweepDirectory;
import org.groklab.sweep.SweepPlan;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DuckDB views over a tiny real sweep, and the commands built on them. */
class SweepDatabaseTest {

    static Path sweep;
    static SweepPlan plan;

    @TempDir
    Path tmp;

    @BeforeAll
    static void runSweep() {
        sweep = TinySweep.get();
        plan = SweepDirectory.open(sweep).plan();
        assertEquals(4, plan.cells().size());
        assertEquals(8, plan.runs().size());
    }

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code;
        try (PrintWriter o = new PrintWriter(out); PrintWriter e = new PrintWriter(err)) {
            code = Main.run(args, o, e);
        }
        return new Result(code, out.toString(), err.toString());
    }

    private static JsonNode summary(Path sweepDir, String runId) throws IOException {
        return SpecLoader.JSON.readTree(sweepDir.resolve("runs").resolve(runId).resolve("summary.json").toFile());
    }

    private static long metricsRows(Path sweepDir) throws IOException {
        long n = 0;
        for (SweepPlan.Run r : plan.runs()) {
            Path m = sweepDir.resolve("runs").resolve(r.runId()).resolve("metrics.csv");
            if (Files.exists(m)) {
                n += Files.readAllLines(m, StandardCharsets.UTF_8).size() - 1;
            }
        }
        return n;
    }

    @Test
    void openResultsGivesTheSameRunsAsOpenSweep() throws Exception {
        try (SweepDatabase full = SweepDatabase.openSweep(sweep); SweepDatabase quick = SweepDatabase.openResults(sweep)) {
            assertTrue(quick.isSweep());
            assertEquals(full.fields(), quick.fields());
            assertEquals(full.planned(), quick.planned());
            assertEquals(full.finished(), quick.finished());
            String all = "SELECT * FROM runs ORDER BY run_id";
            assertEquals(full.query(all).rows(), quick.query(all).rows());
            assertEquals(full.query(all).columns(), quick.query(all).columns());
            assertEquals(0, quick.count("SELECT count(*) FROM metrics"), "plan and results only");
        }
        assertThrows(SpecException.class, () -> SweepDatabase.openResults(tmp));
    }

    @Test
    void runsViewHasOneRowPerRunMatchingItsSummary() throws Exception {
        try (SweepDatabase db = SweepDatabase.open(sweep)) {
            assertTrue(db.isSweep());
            assertEquals(List.of("optimizer.weight_decay", "task.train_fraction"), db.fields());
            assertEquals(8, db.planned());
            assertEquals(8, db.finished());
            Map<String, SweepPlan.Run> byId = new HashMap<>();
            plan.runs().forEach(r -> byId.put(r.runId(), r));
            int rows = 0;
            try (Statement s = db.connection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT run_id, cell, seed, outcome, memorization_step, "
                         + "generalization_step, steps_done, final_test_acc, final_train_loss, error, "
                         + "\"optimizer.weight_decay\", \"task.train_fraction\" FROM runs")) {
                while (rs.next()) {
                    rows++;
                    String id = rs.getString("run_id");
                    SweepPlan.Run run = byId.get(id);
                    JsonNode sum = summary(sweep, id);
                    assertEquals(run.cell(), rs.getInt("cell"));
                    assertEquals(run.seed(), rs.getLong("seed"));
                    assertEquals(sum.get("outcome").asText(), rs.getString("outcome"), id);
                    assertTrue(SweepDatabase.OUTCOMES.contains(rs.getString("outcome")));
                    assertNullOrEqual(sum.get("memorization_step"), rs, "memorization_step");
                    assertNullOrEqual(sum.get("generalization_step"), rs, "generalization_step");
                    assertEquals(sum.get("steps_done").asLong(), rs.getLong("steps_done"));
                    assertEquals(sum.get("final_metrics").get("test_acc").asDouble(), rs.getDouble("final_test_acc"));
                    assertEquals(sum.get("final_metrics").get("train_loss").asDouble(),
                            rs.getDouble("final_train_loss"));
                    assertNull(rs.getString("error"));
                    var cell = plan.cells().get(run.cell()).values();
                    assertEquals(cell.get("optimizer.weight_decay").asDouble(), rs.getDouble(11));
                    assertEquals(cell.get("task.train_fraction").asDouble(), rs.getDouble(12));
                }
            }
            assertEquals(8, rows);
        }
    }

    private static void assertNullOrEqual(JsonNode expected, ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        if (expected == null || expected.isNull()) {
            assertTrue(rs.wasNull(), column + " should be NULL");
        } else {
            assertEquals(expected.asLong(), v, column);
        }
    }

    @Test
    void cellCountsSumToThePlan() throws Exception {
        try (SweepDatabase db = SweepDatabase.open(sweep)) {
            Table t = CellTable.data(db);
            assertEquals(4, t.rows().size());
            int finished = t.columns().indexOf("finished");
            int planned = t.columns().indexOf("planned");
            long total = 0;
            for (int c = 0; c < 4; c++) {
                List<String> row = t.rows().get(c);
                assertEquals(Integer.toString(c), row.get(0), "ordered by cell");
                int cell = c;
                long inPlan = plan.runs().stream().filter(r -> r.cell() == cell).count();
                assertEquals(inPlan, Long.parseLong(row.get(planned)));
                assertEquals(inPlan, Long.parseLong(row.get(finished)));
                long outcomes = 0;
                for (String o : SweepDatabase.OUTCOMES) {
                    outcomes += Long.parseLong(row.get(t.columns().indexOf(o)));
                }
                assertEquals(inPlan, outcomes, "outcome counts of cell " + c);
                total += outcomes;
                // swept values as in the plan
                var values = plan.cells().get(c).values();
                assertEquals(values.get("optimizer.weight_decay").asDouble(), Double.parseDouble(row.get(1)));
                assertEquals(values.get("task.train_fraction").asDouble(), Double.parseDouble(row.get(2)));
            }
            assertEquals(8, total);
        }
    }

    @Test
    void metricsViewHoldsEveryMetricsRow() throws Exception {
        try (SweepDatabase db = SweepDatabase.open(sweep)) {
            assertEquals(metricsRows(sweep), db.count("SELECT count(*) FROM metrics"));
            assertEquals(8, db.count("SELECT count(DISTINCT run_id) FROM metrics"));
            assertEquals(0, db.count("SELECT count(*) FROM metrics WHERE run_id NOT IN (SELECT run_id FROM plan)"));
            Table cols = db.query("SELECT column_name FROM (DESCRIBE metrics)");
            List<String> names = cols.rows().stream().map(r -> r.get(0)).toList();
            for (String c : List.of("run_id", "step", "lr", "train_loss", "train_acc", "test_loss", "test_acc")) {
                assertTrue(names.contains(c), c + " in " + names);
            }
            assertTrue(names.stream().anyMatch(n -> n.startsWith("l2_")), names.toString());
            assertEquals(60, db.count("SELECT max(step) FROM metrics"));
        }
    }

    @Test
    void queriesJoinPlanFieldsWithMetricsAndConfigs() throws Exception {
        try (SweepDatabase db = SweepDatabase.open(sweep)) {
            Table t = db.query("SELECT p.\"optimizer.weight_decay\" AS wd, count(DISTINCT m.run_id) AS runs, "
                    + "max(m.step) AS last FROM metrics m JOIN plan p USING (run_id) GROUP BY 1 ORDER BY 1");
            assertEquals(List.of(List.of("0.1", "4", "60"), List.of("0.3", "4", "60")), t.rows());
            assertEquals(8, db.count("SELECT count(*) FROM configs c JOIN plan p USING (run_id) "
                    + "WHERE c.optimizer.weight_decay = p.\"optimizer.weight_decay\" "
                    + "AND c.task.train_fraction = p.\"task.train_fraction\" AND c.seed = p.seed"));
            assertEquals(8, db.count("SELECT count(*) FROM runs r JOIN plan p USING (run_id) WHERE r.cell = p.cell"));
        }
    }

    @Test
    void queryCommandPrintsTablesAndCsvAndRejectsBadSql() {
        Result text = cli("query", sweep.toString(),
                "SELECT cell, count(*) AS n, min(\"task.train_fraction\") AS tf FROM runs GROUP BY cell ORDER BY cell");
        assertEquals(0, text.code(), text.toString());
        List<String> lines = text.out().lines().toList();
        assertEquals(6, lines.size(), text.toString());
        assertEquals("cell  n   tf", lines.get(0));
        assertEquals("----  -  ---", lines.get(1));
        assertEquals("   0  2  0.5", lines.get(2));
        Result csv = cli("query", sweep.toString(), "SELECT run_id, outcome FROM runs ORDER BY run_id", "--csv");
        assertEquals(0, csv.code(), csv.toString());
        assertEquals("run_id,outcome", csv.out().lines().findFirst().orElseThrow());
        assertEquals(9, csv.out().lines().count());

        Result bad = cli("query", sweep.toString(), "SELECT nope FROM runs");
        assertEquals(2, bad.code(), bad.toString());
        assertEquals("", bad.out());
        assertTrue(bad.err().startsWith("groklab: SQL: Binder Error"), bad.toString());
        assertTrue(bad.err().contains("LINE 1: SELECT nope FROM runs"), "DuckDB's whole message: " + bad);

        Result notADir = cli("query", tmp.toString(), "SELECT 1");
        assertEquals(2, notADir.code(), notADir.toString());
        assertEquals(1, notADir.err().lines().count(), notADir.toString());
    }

    @Test
    void sweepTableCommand() {
        Result r = cli("sweep", "table", sweep.toString());
        assertEquals(0, r.code(), r.toString());
        List<String> lines = r.out().lines().toList();
        assertEquals("sweep tiny: 8/8 runs finished, 4 cells", lines.get(0));
        assertTrue(lines.get(1).startsWith("cell  optimizer.weight_decay  task.train_fraction  runs"), r.toString());
        assertEquals(7, lines.size(), r.toString());
        for (int c = 0; c < 4; c++) {
            assertTrue(lines.get(3 + c).trim().startsWith(c + " "), r.toString());
            assertTrue(lines.get(3 + c).contains(" 2/2 "), r.toString());
        }
        Result csv = cli("sweep", "table", sweep.toString(), "--csv");
        assertEquals(0, csv.code(), csv.toString());
        assertEquals("cell,optimizer.weight_decay,task.train_fraction,finished,planned,no-learn,memorize-only,grok,"
                + "direct-generalize,diverged,failed,grok_fraction,median_memorization_step,median_generalization_step,"
                + "still_improving",
                csv.out().lines().findFirst().orElseThrow());
        assertEquals(5, csv.out().lines().count());
    }

    @Test
    void incompleteSweep() throws Exception {
        Path copy = TinySweep.copy(tmp.resolve("incomplete"));
        SweepPlan.Run gone = plan.runs().get(3);
        Files.delete(copy.resolve("runs").resolve(gone.runId()).resolve("summary.json"));
        long complete = metricsRows(copy);
        // a run in progress may end in a half-written row
        Files.writeString(copy.resolve("runs").resolve(gone.runId()).resolve("metrics.csv"), "80,0.003,0.03",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Result r = cli("sweep", "table", copy.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().startsWith("sweep tiny: 7/8 runs finished, 4 cells"), r.toString());
        String row = r.out().lines().filter(l -> l.trim().startsWith(gone.cell() + " ")).findFirst().orElseThrow();
        assertTrue(row.contains(" 1/2 "), r.toString());
        try (SweepDatabase db = SweepDatabase.open(copy)) {
            assertEquals(7, db.finished());
            assertEquals(7, db.count("SELECT count(*) FROM runs"));
            assertEquals(0, db.count("SELECT count(*) FROM runs WHERE run_id = '" + gone.runId() + "'"));
            // an unfinished run's metrics are still visible (to watch a sweep in progress)
            assertEquals(complete, db.count("SELECT count(*) FROM metrics"));
            assertEquals(0, db.count("SELECT count(*) FROM metrics WHERE step = 80"));
            Table t = CellTable.data(db);
            assertEquals(7, t.rows().stream().mapToLong(x -> Long.parseLong(x.get(3))).sum());
            assertEquals(8, t.rows().stream().mapToLong(x -> Long.parseLong(x.get(4))).sum());
        }
    }

    @Test
    void metricsColumnsDifferBetweenModelsAndStayNumericForARunJustStarted() throws Exception {
        Path copy = TinySweep.copy(tmp.resolve("mixed"));
        Path a = copy.resolve("runs").resolve(plan.runs().get(0).runId()).resolve("metrics.csv");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(a, StandardCharsets.UTF_8));
        String header = lines.get(0);
        String last = header.substring(header.lastIndexOf(',') + 1);
        lines.set(0, header.substring(0, header.lastIndexOf(',') + 1) + "l2_embed");
        Files.write(a, lines, StandardCharsets.UTF_8);
        Path bRun = copy.resolve("runs").resolve(plan.runs().get(1).runId());
        Files.delete(bRun.resolve("summary.json"));
        Files.writeString(bRun.resolve("metrics.csv"), header + "\n", StandardCharsets.UTF_8);
        try (SweepDatabase db = SweepDatabase.open(copy)) {
            assertEquals(metricsRows(copy), db.count("SELECT count(*) FROM metrics"));
            assertEquals(lines.size() - 1, db.count("SELECT count(l2_embed) FROM metrics"));
            assertEquals(metricsRows(copy) - (lines.size() - 1),
                    db.count("SELECT count(" + SweepDatabase.identifier(last) + ") FROM metrics"));
            for (List<String> col : db.query("SELECT column_name, column_type FROM (DESCRIBE metrics)").rows()) {
                String expected = switch (col.get(0)) {
                    case "run_id" -> "VARCHAR";
                    case "step" -> "BIGINT";
                    default -> "DOUBLE";
                };
                assertEquals(expected, col.get(1), col.get(0));
            }
        }
    }

    @Test
    void unfinishedAndUnstartedRunsLeaveEmptyViews() throws Exception {
        Path copy = TinySweep.copy(tmp.resolve("not-started"));
        try (Stream<Path> runs = Files.list(copy.resolve("runs"))) {
            for (Path run : runs.toList()) {
                TinySweep.deleteTree(run);
            }
        }
        try (SweepDatabase db = SweepDatabase.open(copy)) {
            assertEquals(0, db.finished());
            assertEquals(8, db.count("SELECT count(*) FROM plan"));
            for (String view : List.of("runs", "metrics", "configs", "summaries")) {
                assertEquals(0, db.count("SELECT count(*) FROM " + view), view);
            }
            assertEquals(0, db.count("SELECT count(*) FROM metrics WHERE test_acc > 0.5"));
            assertEquals(0, db.count("SELECT count(*) FROM runs WHERE \"task.train_fraction\" > 0"));
            Table t = CellTable.data(db);
            assertEquals(4, t.rows().size());
            assertNull(t.rows().get(0).get(t.columns().indexOf("grok_fraction")));
        }
        Result table = cli("sweep", "table", copy.toString());
        assertEquals(0, table.code(), table.toString());
        assertTrue(table.out().contains(" 0/2 "), table.toString());
        Result figures = cli("sweep", "figures", copy.toString());
        assertEquals(0, figures.code(), figures.toString());
        assertTrue(figures.out().contains("nothing to draw"), figures.toString());
        Result export = cli("sweep", "export", copy.toString(), "--parquet", tmp.resolve("empty.parquet").toString());
        assertEquals(0, export.code(), export.toString());
    }

    @Test
    void parquetExportRoundTrips() throws Exception {
        Path runsFile = tmp.resolve("out").resolve("runs.parquet");
        Path metricsFile = tmp.resolve("out").resolve("metrics.parquet");
        Result r = cli("sweep", "export", sweep.toString(), "--parquet", runsFile.toString(), "--metrics-parquet",
                metricsFile.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("8 runs"), r.toString());
        try (Stream<Path> files = Files.list(tmp.resolve("out"))) {
            assertEquals(List.of("metrics.parquet", "runs.parquet"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary files left");
        }
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT run_id), "
                    + "count(*) FILTER (WHERE outcome IS NOT NULL), sum(\"task.train_fraction\") FROM read_parquet("
                    + SweepDatabase.literal(runsFile.toString()) + ")")) {
                rs.next();
                assertEquals(8, rs.getLong(1));
                assertEquals(8, rs.getLong(2));
                assertEquals(8, rs.getLong(3));
                assertEquals(4 * 0.5 + 4 * 0.6, rs.getDouble(4), 1e-9);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*), count(DISTINCT run_id), min(cell), max(cell) FROM "
                    + "read_parquet(" + SweepDatabase.literal(metricsFile.toString()) + ")")) {
                rs.next();
                assertEquals(metricsRows(sweep), rs.getLong(1));
                assertEquals(8, rs.getLong(2));
                assertEquals(0, rs.getLong(3));
                assertEquals(3, rs.getLong(4));
            }
        }
        Result none = cli("sweep", "export", sweep.toString());
        assertEquals(2, none.code(), none.toString());
    }

    @Test
    void singleRunDirectory() throws Exception {
        SweepPlan.Run run = plan.runs().get(0);
        Path dir = sweep.resolve("runs").resolve(run.runId());
        try (SweepDatabase db = SweepDatabase.open(dir)) {
            assertFalse(db.isSweep());
            assertEquals(List.of(), db.fields());
            assertEquals(1, db.count("SELECT count(*) FROM runs"));
            assertEquals(1, db.count("SELECT count(*) FROM configs"));
            assertEquals(Files.readAllLines(dir.resolve("metrics.csv")).size() - 1,
                    db.count("SELECT count(*) FROM metrics"));
            assertEquals(run.seed(), db.count("SELECT seed FROM runs"));
            assertEquals(summary(sweep, run.runId()).get("outcome").asText(),
                    db.query("SELECT outcome FROM runs").rows().get(0).get(0));
            assertEquals(1, db.count("SELECT count(*) FROM metrics WHERE run_id = '" + run.runId() + "' AND step = 0"));
        }
        Result r = cli("query", dir.toString(), "SELECT run_id, outcome FROM runs");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains(run.runId()), r.toString());
        assertThrows(SpecException.class, () -> SweepDatabase.openSweep(dir));
    }

    @Test
    void pathsWithQuotesAndGlobCharacters() throws Exception {
        Path copy = TinySweep.copy(tmp.resolve("it's [a] *sweep*"));
        try (SweepDatabase db = SweepDatabase.open(copy)) {
            assertEquals(8, db.count("SELECT count(*) FROM runs"));
            assertEquals(metricsRows(copy), db.count("SELECT count(*) FROM metrics"));
            assertEquals(8, db.count("SELECT count(*) FROM configs"));
            Path out = copy.resolve("export 'x'.parquet");
            assertEquals(8, db.copyToParquet("SELECT * FROM runs", out));
            assertTrue(Files.isRegularFile(out));
        }
    }

    @Test
    void tableFormatting() {
        Table t = new Table(List.of("name", "value"), List.of(false, true),
                List.of(List.of("a,b", "1.5"), java.util.Arrays.asList("say \"hi\"", null)));
        assertEquals("name,value\n\"a,b\",1.5\n\"say \"\"hi\"\"\",\n", t.csv());
        assertEquals("name      value\n--------  -----\na,b         1.5\nsay \"hi\"      -\n", t.text("-"));
        assertEquals("0.0001", Table.number(1e-4));
        assertEquals("1.0", Table.number(1.0));
        assertEquals("0.0", Table.number(0.0));
        assertEquals("NaN", Table.number(Double.NaN));
        assertEquals("42", Table.number(42L));
    }

    @Test
    void aDottedFieldWithoutQuotesGetsAHintToQuoteIt() {
        Result r = cli("query", sweep.toString(), "SELECT task.train_fraction, count(*) FROM runs GROUP BY 1");
        assertEquals(2, r.code(), r.toString());
        List<String> lines = r.err().lines().toList();
        assertEquals("groklab: SQL: Binder Error: Referenced table \"task\" not found!", lines.get(0), r.toString());
        assertTrue(r.err().contains("LINE 1: SELECT task.train_fraction"), "the whole DuckDB message: " + r);
        assertEquals("hint: a swept field is a column named with dots; quote it: \"task.train_fraction\"",
                lines.get(lines.size() - 1), r.toString());
        Result quoted = cli("query", sweep.toString(), "SELECT \"task.train_fraction\" FROM runs LIMIT 1", "--csv");
        assertEquals(0, quoted.code(), quoted.toString());
    }
}
