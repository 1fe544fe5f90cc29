package org.groklab.query;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import org.groklab.run.RunDirectory;
import org.groklab.spec.SpecException;
import org.groklab.sweep.SweepDirectory;
import org.groklab.sweep.SweepPlan;

/**
 * SQL over a sweep directory (or a single run directory), through an in-memory DuckDB that reads the files where
 * they lie. Only the coordinator opens one; workers only write files. Views:
 * <pre>
 * plan     plan.csv: run_id, cell, seed and one column per swept field, named by the dotted field
 *          ("task.train_fraction"; quote it in SQL); every planned run
 * runs     one row per completed run (summary.json present): run_id, cell, seed, outcome, still_improving,
 *          trend_rise (the fitted rise of the accuracy an unsettled outcome waits on), memorization_step,
 *          generalization_step, grok_delay, steps, steps_done, diverged_at, final_train_loss, final_train_acc,
 *          final_test_loss, final_test_acc, wall_time_seconds, error, then the swept fields
 * configs  run_id and the resolved config.json of every started run (nested sections are structs: task.p)
 * metrics  run_id and every metrics.csv row of every started run (columns by name: the parameter norms differ
 *          between models, missing ones are NULL); a run still in progress may be missing its last rows
 * summaries  summary.json of every completed run as written (final_metrics a struct)
 * </pre>
 * Files are listed from the plan when the database is opened (runs started later are not seen), and read by DuckDB
 * where they lie whenever a view is queried. The views always exist: runs and summaries are empty until a run
 * finishes, configs and metrics until one starts.
 * Over a single run directory, plan holds that one run (cell 0) and there are no swept fields. Over a folder of run
 * directories ({@link RunFolder}), plan holds one row per run with its directory name ({@code dir}), and the keys
 * whose values differ between the runs are the swept fields.
 */
public final class SweepDatabase implements AutoCloseable {

    /** The outcomes a run can have, in the README's order. */
    public static final List<String> OUTCOMES =
            List.of("no-learn", "memorize-only", "grok", "direct-generalize", "diverged", "failed");

    private static final String SUMMARY_COLUMNS = "{run_id: 'VARCHAR', name: 'VARCHAR', outcome: 'VARCHAR', "
            + "still_improving: 'BOOLEAN', trend: 'STRUCT(metric VARCHAR, from_step BIGINT, to_step BIGINT, "
            + "from_value DOUBLE, to_value DOUBLE, rise DOUBLE, fit_to DOUBLE)', memorization_step: 'BIGINT', "
            + "generalization_step: 'BIGINT', grok_delay: 'BIGINT', steps: 'BIGINT', "
            + "steps_done: 'BIGINT', diverged_at: 'BIGINT', final_metrics: 'STRUCT(train_loss DOUBLE, train_acc "
            + "DOUBLE, test_loss DOUBLE, test_acc DOUBLE)', wall_time_seconds: 'DOUBLE', error: 'VARCHAR', "
            + "groklab_version: 'VARCHAR'}";

    /** {@link #SUMMARY_COLUMNS} as a json_transform structure. */
    private static final String SUMMARY_STRUCTURE = "{\"run_id\": \"VARCHAR\", \"name\": \"VARCHAR\", "
            + "\"outcome\": \"VARCHAR\", \"still_improving\": \"BOOLEAN\", \"trend\": {\"metric\": \"VARCHAR\", "
            + "\"from_step\": \"BIGINT\", \"to_step\": \"BIGINT\", \"from_value\": \"DOUBLE\", \"to_value\": "
            + "\"DOUBLE\", \"rise\": \"DOUBLE\", \"fit_to\": \"DOUBLE\"}, \"memorization_step\": \"BIGINT\", "
            + "\"generalization_step\": \"BIGINT\", \"grok_delay\": \"BIGINT\", \"steps\": \"BIGINT\", \"steps_done\": \"BIGINT\", \"diverged_at\": "
            + "\"BIGINT\", \"final_metrics\": {\"train_loss\": \"DOUBLE\", \"train_acc\": \"DOUBLE\", \"test_loss\": "
            + "\"DOUBLE\", \"test_acc\": \"DOUBLE\"}, \"wall_time_seconds\": \"DOUBLE\", \"error\": \"VARCHAR\", "
            + "\"groklab_version\": \"VARCHAR\"}";

    private static final String EMPTY_SUMMARIES = "SELECT NULL::VARCHAR AS run_id, NULL::VARCHAR AS name, "
            + "NULL::VARCHAR AS outcome, NULL::BOOLEAN AS still_improving, NULL::STRUCT(metric VARCHAR, from_step "
            + "BIGINT, to_step BIGINT, from_value DOUBLE, to_value DOUBLE, rise DOUBLE, fit_to DOUBLE) AS trend, "
            + "NULL::BIGINT AS memorization_step, NULL::BIGINT AS generalization_step, "
            + "NULL::BIGINT AS grok_delay, NULL::BIGINT AS steps, NULL::BIGINT AS steps_done, NULL::BIGINT AS "
            + "diverged_at, NULL::STRUCT(train_loss DOUBLE, train_acc DOUBLE, test_loss DOUBLE, test_acc DOUBLE) AS "
            + "final_metrics, NULL::DOUBLE AS wall_time_seconds, NULL::VARCHAR AS error, NULL::VARCHAR AS "
            + "groklab_version WHERE false";

    private static final String EMPTY_METRICS = "SELECT NULL::VARCHAR AS run_id, NULL::BIGINT AS step, "
            + "NULL::DOUBLE AS lr, NULL::DOUBLE AS train_loss, NULL::DOUBLE AS train_acc, NULL::DOUBLE AS test_loss, "
            + "NULL::DOUBLE AS test_acc WHERE false";

    private static final String RUNS_VIEW = "SELECT p.run_id, p.cell, p.seed, s.outcome, s.still_improving, "
            + "s.trend.rise AS trend_rise, s.memorization_step, "
            + "s.generalization_step, s.grok_delay, s.steps, s.steps_done, s.diverged_at, "
            + "s.final_metrics.train_loss AS final_train_loss, s.final_metrics.train_acc AS final_train_acc, "
            + "s.final_metrics.test_loss AS final_test_loss, s.final_metrics.test_acc AS final_test_acc, "
            + "s.wall_time_seconds, s.error, p.* EXCLUDE (run_id, cell, seed) "
            + "FROM summaries s JOIN plan p ON p.run_id = s.run_id ORDER BY p.cell, p.seed, p.run_id";

    private final Path root;
    private final boolean isSweep;
    private final SweepDirectory sweep;
    private final List<String> fields;
    private final int planned;
    private final int finished;
    private final Connection connection;
    private RunFolder folder;

    private SweepDatabase(Path root, boolean isSweep, SweepDirectory sweep, List<String> fields, int planned,
                          int finished, Connection connection) {
        this.root = root;
        this.isSweep = isSweep;
        this.sweep = sweep;
        this.fields = List.copyOf(fields);
        this.planned = planned;
        this.finished = finished;
        this.connection = connection;
    }

    /** Opens a sweep directory (with sweep.json) or a single run directory (with config.json). */
    public static SweepDatabase open(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (Files.isRegularFile(abs.resolve(SweepDirectory.SWEEP))) {
            return openSweep(abs);
        }
        if (Files.isRegularFile(abs.resolve(RunDirectory.CONFIG))) {
            return openRun(abs);
        }
        if (RunFolder.isFolder(abs)) {
            return openFolder(abs);
        }
        throw new SpecException("DIR", dir + " is neither a groklab sweep directory (no sweep.json), a run "
                + "directory (no config.json) nor a folder of run directories");
    }

    /** Opens a collection of runs: a sweep directory or a folder of run directories; refuses a single run. */
    public static SweepDatabase openCollection(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(abs.resolve(SweepDirectory.SWEEP)) && RunFolder.isFolder(abs)) {
            return openFolder(abs);
        }
        return openSweep(dir);
    }

    /**
     * Opens a folder of run directories ({@link RunFolder}): the plan holds one row per run, with its directory name
     * ({@code dir}) and the keys that differ between the runs as swept fields.
     */
    public static SweepDatabase openFolder(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        RunFolder folder = RunFolder.read(abs);
        List<RunFiles> files = new ArrayList<>();
        for (RunFolder.Run r : folder.runs()) {
            files.add(RunFiles.of(r.runId(), abs.resolve(r.dir())));
        }
        SweepDatabase db = create(abs, null, folder.fields(), files, folder.planView(), true, true);
        db.folder = folder;
        return db;
    }

    /** Opens a sweep directory; refuses anything else. */
    public static SweepDatabase openSweep(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        SweepDirectory sweep = SweepDirectory.open(abs);
        SweepPlan plan = sweep.plan();
        List<RunFiles> files = new ArrayList<>();
        for (SweepPlan.Run r : plan.runs()) {
            files.add(RunFiles.of(r.runId(), sweep.run(r.runId())));
        }
        return create(abs, sweep, plan.fields(), files, planView(abs), true, false);
    }

    /**
     * Opens the plan and the results of a sweep directory as they are now, for read-only views that must open in
     * seconds at tens of thousands of runs: plan.csv as written (not checked against a re-planning of sweep.json)
     * and the summaries found by one glob, {@code runs/*}{@code /summary.json}, are read once, in one pass each, into
     * the tables plan and summaries; the runs view joins them as {@link #openSweep}'s does; configs and metrics are
     * empty. Runs that finish later are not seen: open again to see them.
     */
    public static SweepDatabase openResults(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path plan = abs.resolve(SweepDirectory.PLAN);
        if (!Files.isRegularFile(abs.resolve(SweepDirectory.SWEEP)) || !Files.isRegularFile(plan)) {
            throw new SpecException("SWEEP_DIR", dir + " is not a groklab sweep directory (no sweep.json and plan.csv)");
        }
        List<String> fields = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(plan, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            for (String col : header == null ? new String[0] : header.strip().split(",")) {
                if (!col.equals("run_id") && !col.equals("cell") && !col.equals("seed") && !col.isEmpty()) {
                    fields.add(col);
                }
            }
        } catch (IOException e) {
            throw new SpecException("SWEEP_DIR", "cannot read " + plan + ": " + e.getMessage());
        }
        boolean any;
        try (java.util.stream.Stream<Path> runs = Files.list(abs.resolve(SweepDirectory.RUNS))) {
            any = runs.anyMatch(r -> Files.isRegularFile(r.resolve(RunDirectory.SUMMARY)));
        } catch (IOException e) {
            any = false;
        }
        String glob = abs.resolve(SweepDirectory.RUNS) + "/*/" + RunDirectory.SUMMARY;
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:duckdb:");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start DuckDB: " + e.getMessage(), e);
        }
        try (Statement s = c.createStatement()) {
            // tables of rows in no particular order (the runs view sorts): with the order kept, DuckDB copies tens of
            // thousands of small files many times slower
            s.execute("SET preserve_insertion_order = false");
            s.execute("CREATE TABLE plan AS " + planView(abs));
            // read as text and parsed with json_transform: twice as fast as read_json over tens of thousands of
            // small files; the same columns and types as the summaries view of openSweep
            s.execute("CREATE TABLE summaries AS " + (any ? "SELECT unnest(json_transform(content, "
                    + literal(SUMMARY_STRUCTURE) + ")) FROM read_text(" + literal(glob) + ")" : EMPTY_SUMMARIES));
            s.execute("CREATE VIEW runs AS " + RUNS_VIEW);
            s.execute("CREATE VIEW configs AS SELECT NULL::VARCHAR AS run_id WHERE false");
            s.execute("CREATE VIEW metrics AS " + EMPTY_METRICS);
            int planned;
            int finished;
            try (ResultSet rs = s.executeQuery("SELECT (SELECT count(*) FROM plan), (SELECT count(*) FROM runs)")) {
                rs.next();
                planned = rs.getInt(1);
                finished = rs.getInt(2);
            }
            return new SweepDatabase(abs, true, null, fields, planned, finished, c);
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new SpecException("SWEEP_DIR", "cannot read " + abs + ": " + firstLine(e));
        }
    }

    private static String planView(Path abs) {
        return "SELECT * FROM read_csv(" + literal(abs.resolve(SweepDirectory.PLAN).toString())
                + ", header = true, sample_size = -1, types = {'run_id': 'VARCHAR', 'cell': 'INTEGER', "
                + "'seed': 'BIGINT'})";
    }

    private static SweepDatabase openRun(Path dir) {
        RunDirectory run = RunDirectory.open(dir);
        long seed = run.spec().tree().path("seed").asLong();
        String planView = "SELECT " + literal(run.runId()) + " AS run_id, 0::INTEGER AS cell, " + seed
                + "::BIGINT AS seed";
        return create(dir, null, List.of(), List.of(RunFiles.of(run.runId(), dir)), planView, false, false);
    }

    /** The files of one run, as found when the database was opened. */
    private record RunFiles(String runId, Path summary, Path config, Path metrics) {
        static RunFiles of(String runId, Path dir) {
            Path s = dir.resolve(RunDirectory.SUMMARY);
            Path c = dir.resolve(RunDirectory.CONFIG);
            Path m = dir.resolve(RunDirectory.METRICS);
            return new RunFiles(runId, Files.isRegularFile(s) ? s : null, Files.isRegularFile(c) ? c : null,
                    Files.isRegularFile(m) ? m : null);
        }

        boolean complete() {
            return summary != null;
        }
    }

    private static SweepDatabase create(Path root, SweepDirectory sweep, List<String> fields, List<RunFiles> files,
                                        String planView, boolean runIdFromPath, boolean byDirName) {
        Connection c;
        try {
            c = DriverManager.getConnection("jdbc:duckdb:");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start DuckDB: " + e.getMessage(), e);
        }
        List<Path> summaries = files.stream().filter(RunFiles::complete).map(RunFiles::summary).toList();
        List<Path> configs = files.stream().map(RunFiles::config).filter(p -> p != null).toList();
        List<Path> doneMetrics = files.stream().filter(f -> f.complete() && f.metrics() != null)
                .map(RunFiles::metrics).toList();
        List<Path> liveMetrics = files.stream().filter(f -> !f.complete() && f.metrics() != null)
                .map(RunFiles::metrics).toList();
        String runIdOfFile = runIdFromPath
                ? "regexp_extract(filename, '([^/\\\\]+)[/\\\\][^/\\\\]+$', 1)"
                : literal(files.get(0).runId());
        try (Statement s = c.createStatement()) {
            s.execute("CREATE VIEW plan AS " + planView);
            s.execute("CREATE VIEW summaries AS " + (summaries.isEmpty() ? EMPTY_SUMMARIES
                    : "SELECT * FROM read_json(" + list(summaries) + ", format = 'auto', columns = "
                      + SUMMARY_COLUMNS + ")"));
            s.execute("CREATE VIEW runs AS " + RUNS_VIEW);
            s.execute("CREATE VIEW configs AS " + (configs.isEmpty()
                    ? "SELECT NULL::VARCHAR AS run_id WHERE false"
                    : "SELECT run_id, * EXCLUDE (run_id, filename) FROM read_json(" + list(configs)
                      + ", format = 'auto', filename = true, union_by_name = true, sample_size = -1, "
                      + "maximum_sample_files = " + configs.size() + ")"));
            List<String> parts = new ArrayList<>();
            if (!doneMetrics.isEmpty()) {
                parts.add(metricsSelect(doneMetrics, runIdOfFile, false));
            }
            if (!liveMetrics.isEmpty()) {
                parts.add(metricsSelect(liveMetrics, runIdOfFile, true));
            }
            String metrics = String.join(" UNION ALL BY NAME ", parts);
            if (byDirName && !parts.isEmpty()) {
                // the path names the run's directory, not its run id: the plan maps one to the other
                metrics = "SELECT p.run_id, m.* EXCLUDE (run_id) FROM (" + metrics + ") m JOIN plan p "
                        + "ON p.dir = m.run_id";
            }
            s.execute("CREATE VIEW metrics AS " + (parts.isEmpty() ? EMPTY_METRICS : metrics));
        } catch (SQLException | IOException e) {
            try {
                c.close();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new SpecException("DIR", "cannot read " + root + ": " + (e instanceof SQLException q ? firstLine(q)
                    : e.toString()));
        }
        return new SweepDatabase(root, sweep != null, sweep, fields, files.size(), summaries.size(), c);
    }

    /**
     * Reads metrics.csv files by column name. A run still in progress may end in a half-written line: its files
     * are read skipping malformed rows.
     */
    private static String metricsSelect(List<Path> files, String runIdOfFile, boolean live) throws IOException {
        // the types from the headers, not sniffed: a run that has just started has no rows to sniff from
        Set<String> columns = new LinkedHashSet<>();
        for (Path f : files) {
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String header = r.readLine();
                if (header != null) {
                    columns.addAll(Arrays.asList(header.strip().split(",")));
                }
            }
        }
        String types = columns.stream().filter(c -> !c.isEmpty())
                .map(c -> literal(c) + ": " + (c.equals("step") ? "'BIGINT'" : "'DOUBLE'"))
                .collect(Collectors.joining(", ", "{", "}"));
        return "SELECT " + runIdOfFile + " AS run_id, * EXCLUDE (filename) FROM read_csv(" + list(files)
                + ", header = true, union_by_name = true, filename = true, types = " + types
                + (live ? ", ignore_errors = true" : "") + ")";
    }

    /** The directory opened (absolute). */
    public Path root() {
        return root;
    }

    /** True for a sweep directory, false for a single run directory. */
    public boolean isSweep() {
        return isSweep;
    }

    /** The sweep directory, or null for a single run and for a sweep opened by {@link #openResults}. */
    public SweepDirectory sweep() {
        return sweep;
    }

    /** True for a folder of run directories. */
    public boolean isFolder() {
        return folder != null;
    }

    /** True for a sweep or a folder of runs: a collection with cells, not one run. */
    public boolean isCollection() {
        return sweep != null || folder != null;
    }

    /** The sweep's name, or the folder's. */
    public String name() {
        return sweep != null ? sweep.plan().name() : String.valueOf(root.getFileName());
    }

    /** The cells of a sweep or a folder of runs (distinct values of the fields); 1 for a single run. */
    public int cells() {
        return sweep != null ? sweep.plan().cells().size()
                : folder != null ? (int) folder.runs().stream().mapToInt(RunFolder.Run::cell).distinct().count() : 1;
    }

    /** The swept fields, in axis order (none for a single run). */
    public List<String> fields() {
        return fields;
    }

    /** Runs planned (1 for a single run directory). */
    public int planned() {
        return planned;
    }

    /** Runs complete (with a summary.json) when the database was opened. */
    public int finished() {
        return finished;
    }

    /** The JDBC connection, for callers that need more than {@link #query}. */
    public Connection connection() {
        return connection;
    }

    /** Runs a query and reads the whole result; a statement without a result gives an empty table. */
    public Table query(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            if (!s.execute(sql)) {
                return new Table(List.of(), List.of(), List.of());
            }
            try (ResultSet rs = s.getResultSet()) {
                return Table.of(rs);
            }
        }
    }

    /** A result cut to a number of rows: {@code cut} rows more were not read. */
    public record Limited(Table table, long cut) {
    }

    /** DuckDB's memory limit for user queries ({@link #sandbox}). */
    public static final String MEMORY_LIMIT = "1GB";

    /**
     * Locks this connection down for SQL typed by a user: DuckDB reads and writes files only under the directory
     * opened (external access off, {@code allowed_directories} that directory), installs and loads no extension,
     * spills nothing to disk, uses at most {@value #MEMORY_LIMIT}, and its configuration is then locked so that the
     * query cannot undo any of it. Call once, after opening; {@link #querySandboxed} then runs the user's SQL.
     */
    public void sandbox() {
        String dir = root.toString().endsWith("/") ? root.toString() : root + "/";
        try (Statement s = connection.createStatement()) {
            s.execute("SET temp_directory = ''");
            s.execute("SET allowed_directories = [" + literal(dir) + "]");
            s.execute("SET enable_external_access = false");
            s.execute("SET autoinstall_known_extensions = false");
            s.execute("SET autoload_known_extensions = false");
            s.execute("SET memory_limit = " + literal(MEMORY_LIMIT));
            s.execute("SET lock_configuration = true");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot restrict DuckDB: " + firstLine(e), e);
        }
    }

    /**
     * Runs one read-only statement (a SELECT, with FROM-first, WITH, DESCRIBE or SUMMARIZE) and reads at most
     * {@code maxRows} rows of its result; anything else (COPY, ATTACH, INSTALL, LOAD, SET, CREATE, several
     * statements) is refused with an {@link SQLException} before it runs. Use on a {@link #sandbox}ed database.
     */
    public Limited querySandboxed(String sql, int maxRows) throws SQLException {
        try (java.sql.PreparedStatement p = connection.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
            p.setString(1, sql);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                com.fasterxml.jackson.databind.JsonNode parsed;
                try {
                    parsed = org.groklab.spec.SpecLoader.JSON.readTree(rs.getString(1));
                } catch (IOException e) {
                    throw new SQLException("cannot check the query: " + e.getMessage());
                }
                if (parsed.path("error").asBoolean(true)) {
                    String why = parsed.path("error_message").asText("");
                    throw new SQLException(why.startsWith("Only SELECT")
                            ? "only queries are allowed (SELECT, WITH, FROM, DESCRIBE, SUMMARIZE): no COPY, ATTACH, "
                              + "INSTALL, LOAD, SET, CREATE or other statements"
                            : why);
                }
                if (parsed.path("statements").size() != 1) {
                    throw new SQLException("give exactly one query, got " + parsed.path("statements").size());
                }
            }
        }
        Table t;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            t = Table.of(rs, maxRows);
            if (!rs.next()) {
                return new Limited(t, 0);
            }
        }
        // more rows than printed: count them in DuckDB rather than fetching them one by one
        return new Limited(t, count("SELECT count(*) FROM (" + sql + ")") - maxRows);
    }

    /** Runs a query that returns one number. */
    public long count(String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Writes the result of {@code select} to {@code target} as Parquet: DuckDB writes a temporary file next to it,
     * which is then renamed over the target, so the target is never seen half-written. Returns the row count.
     */
    public long copyToParquet(String select, Path target) throws SQLException, IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path parent = abs.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path tmp = abs.resolveSibling("." + abs.getFileName() + "."
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            long rows;
            try (Statement s = connection.createStatement()) {
                s.execute("COPY (" + select + ") TO " + literal(tmp.toString()) + " (FORMAT PARQUET)");
                rows = s.getUpdateCount();
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return rows;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A SQL string literal: single quotes doubled. */
    public static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** A quoted SQL identifier, e.g. a dotted field name: "task.train_fraction". */
    public static String identifier(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    private static String list(List<Path> files) {
        return files.stream().map(p -> literal(p.toString())).collect(Collectors.joining(", ", "[", "]"));
    }

    /** The first line of a DuckDB error, without the JDBC prefix. */
    public static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage()).strip();
        if (m.startsWith("java.sql.SQLException: ")) {
            m = m.substring("java.sql.SQLException: ".length());
        }
        return m.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(m);
    }
}
