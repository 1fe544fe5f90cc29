package org.groklab.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.groklab.query.SweepDatabase;
import org.groklab.measure.Wilson;

/**
 * The views of one sweep, answered from DuckDB: the plan and runs views of {@link SweepDatabase#openResults}
 * (plan.csv and the finished runs' summary.json files, found by one glob and read in one pass) are copied into
 * tables once when the sweep is opened, so that every request is a query over tables in memory, never a read of
 * thousands of files. A sweep still running is reopened in the background at most every few seconds, and the
 * pages fill in as its runs finish.
 */
final class SweepViews implements AutoCloseable {
    static final String SWEEP = "sweep.json";
    static final long REFRESH_MILLIS = 3000;

    private final Path dir;
    private volatile State state;
    private final AtomicBoolean refreshing = new AtomicBoolean();

    private record State(Connection db, List<String> fields, int planned, int finished, long openedAt,
                         long openMillis) {
    }

    SweepViews(Path dir) {
        this.dir = dir;
        this.state = open(dir);
    }

    private static State open(Path dir) {
        long t0 = System.currentTimeMillis();
        SweepDatabase db = SweepDatabase.openResults(dir);
        Connection c = db.connection();
        try (Statement s = c.createStatement()) {
            // copied once into tables: every request is then a query over memory, never a read of the run files
            s.execute("CREATE TABLE pl AS SELECT * FROM plan");
            s.execute("CREATE TABLE r AS SELECT * FROM runs");
            int planned = count(s, "SELECT count(*) FROM pl");
            int finished = count(s, "SELECT count(*) FROM r");
            long now = System.currentTimeMillis();
            return new State(c, db.fields(), planned, finished, now, now - t0);
        } catch (SQLException e) {
            db.close();
            throw new IllegalStateException("cannot read the sweep " + dir + ": " + SweepDatabase.firstLine(e), e);
        }
    }

    private static int count(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The current state; starts a background reopen when the sweep is unfinished and the state is old. */
    private State state() {
        State s = state;
        long every = Math.max(REFRESH_MILLIS, 5 * s.openMillis());
        if (s.finished() < s.planned() && System.currentTimeMillis() - s.openedAt() > every
                && refreshing.compareAndSet(false, true)) {
            Thread.ofVirtual().start(() -> {
                try {
                    State old = state;
                    state = open(dir);
                    synchronized (old) {
                        old.db().close();
                    }
                } catch (SQLException e) {
                    // closing the old connection failed: nothing to do
                } catch (RuntimeException e) {
                    // the sweep's files were mid-write: the next request tries again
                } finally {
                    refreshing.set(false);
                }
            });
        }
        return s;
    }

    /** The phase diagram over fields x and y (null: the first two swept fields) and the overall outcome rates. */
    ObjectNode summary(String x, String y) throws SQLException {
        State s = state();
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("planned", s.planned());
        o.put("finished", s.finished());
        ArrayNode fields = o.putArray("fields");
        s.fields().forEach(fields::add);
        String fx = pick(s, x, 0);
        String fy = pick(s, y, 1);
        o.put("x", fx);
        o.put("y", fy);
        synchronized (s) {
            Connection c = s.db();
            ArrayNode xs = o.putArray("xs");
            values(c, fx).forEach(xs::add);
            ArrayNode ys = o.putArray("ys");
            values(c, fy).forEach(ys::add);
            Map<String, ObjectNode> cells = new LinkedHashMap<>();
            String key = cellKey(fx, fy);
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT " + key + ", count(*) FROM pl GROUP BY ALL")) {
                while (rs.next()) {
                    ObjectNode cell = Json.MAPPER.createObjectNode();
                    cell.put("xv", rs.getString(1));
                    cell.put("yv", rs.getString(2));
                    cell.put("planned", rs.getLong(3));
                    cell.put("finished", 0);
                    cell.putObject("counts");
                    cells.put(rs.getString(1) + "\u0000" + rs.getString(2), cell);
                }
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT " + key + ", outcome, count(*) FROM r GROUP BY ALL")) {
                while (rs.next()) {
                    ObjectNode cell = cells.get(rs.getString(1) + "\u0000" + rs.getString(2));
                    if (cell != null) {
                        ((ObjectNode) cell.get("counts")).put(rs.getString(3), rs.getLong(4));
                        cell.put("finished", cell.get("finished").asLong() + rs.getLong(4));
                    }
                }
            }
            ArrayNode list = o.putArray("cells");
            for (ObjectNode cell : cells.values()) {
                String dominant = null;
                long best = 0;
                for (String outcome : SweepDatabase.OUTCOMES) {
                    long n = cell.get("counts").path(outcome).asLong(0);
                    if (n > best) {
                        best = n;
                        dominant = outcome;
                    }
                }
                if (dominant == null) {
                    cell.putNull("dominant");
                } else {
                    cell.put("dominant", dominant);
                }
                list.add(cell);
            }
            Map<String, Long> counts = new LinkedHashMap<>();
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT outcome, count(*) FROM r GROUP BY ALL")) {
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
            }
            o.set("rates", rates(counts, s.finished()));
        }
        return o;
    }

    /** The outcome rates among {@code n} runs, each with its Wilson 95% interval. */
    static ArrayNode rates(Map<String, Long> counts, long n) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        for (String outcome : SweepDatabase.OUTCOMES) {
            long k = counts.getOrDefault(outcome, 0L);
            Wilson.Interval w = Wilson.interval(k, n);
            ObjectNode r = a.addObject();
            r.put("outcome", outcome);
            r.put("count", k);
            r.put("rate", n == 0 ? 0 : (double) k / n);
            r.put("lower", w.lower());
            r.put("upper", w.upper());
        }
        return a;
    }

    /** The runs of one cell of the diagram (at most {@code limit}), with their outcome rates. */
    ObjectNode cell(String x, String xv, String y, String yv, int limit) throws SQLException {
        State s = state();
        String fx = pick(s, x, 0);
        String fy = pick(s, y, 1);
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("x", fx);
        o.put("y", fy);
        o.put("xv", xv);
        o.put("yv", yv);
        String where = " WHERE " + (fx == null ? "''" : "CAST(" + SweepDatabase.identifier(fx) + " AS VARCHAR)")
                + " = ? AND " + (fy == null ? "''" : "CAST(" + SweepDatabase.identifier(fy) + " AS VARCHAR)") + " = ?";
        synchronized (s) {
            Connection c = s.db();
            long planned;
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pl" + where)) {
                ps.setString(1, xv == null ? "" : xv);
                ps.setString(2, yv == null ? "" : yv);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    planned = rs.getLong(1);
                }
            }
            o.put("planned", planned);
            ArrayNode runs = o.putArray("runs");
            Map<String, Long> counts = new LinkedHashMap<>();
            long finished = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT run_id, cell, seed, outcome, memorization_step, "
                    + "generalization_step, final_train_acc, final_test_acc FROM r" + where
                    + " ORDER BY cell, seed, run_id")) {
                ps.setString(1, xv == null ? "" : xv);
                ps.setString(2, yv == null ? "" : yv);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        finished++;
                        counts.merge(rs.getString(4), 1L, Long::sum);
                        if (runs.size() < limit) {
                            runs.add(row(rs));
                        }
                    }
                }
            }
            o.put("finished", finished);
            o.set("rates", rates(counts, finished));
        }
        return o;
    }

    /** One page of the finished runs, in plan order. */
    ObjectNode runs(int offset, int limit) throws SQLException {
        State s = state();
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("total", s.finished());
        o.put("offset", offset);
        ArrayNode runs = o.putArray("runs");
        synchronized (s) {
            try (PreparedStatement ps = s.db().prepareStatement("SELECT run_id, cell, seed, outcome, "
                    + "memorization_step, generalization_step, final_train_acc, final_test_acc FROM r "
                    + "ORDER BY cell, seed, run_id LIMIT ? OFFSET ?")) {
                ps.setInt(1, limit);
                ps.setInt(2, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        runs.add(row(rs));
                    }
                }
            }
        }
        return o;
    }

    private static ObjectNode row(ResultSet rs) throws SQLException {
        ObjectNode r = Json.MAPPER.createObjectNode();
        r.put("run_id", rs.getString(1));
        r.put("path", "runs/" + rs.getString(1));
        r.put("cell", rs.getInt(2));
        r.put("seed", rs.getLong(3));
        r.put("outcome", rs.getString(4));
        Json.put(r, "memorization_step", (Long) rs.getObject(5, Long.class));
        Json.put(r, "generalization_step", (Long) rs.getObject(6, Long.class));
        Json.put(r, "train_acc", (Double) rs.getObject(7, Double.class));
        Json.put(r, "test_acc", (Double) rs.getObject(8, Double.class));
        return r;
    }

    private static String pick(State s, String field, int index) {
        if (field != null && !field.isEmpty()) {
            if (!s.fields().contains(field)) {
                throw new IllegalArgumentException("not a swept field: " + field + " (one of " + s.fields() + ")");
            }
            return field;
        }
        return s.fields().size() > index ? s.fields().get(index) : null;
    }

    private static String cellKey(String fx, String fy) {
        return (fx == null ? "''" : "CAST(" + SweepDatabase.identifier(fx) + " AS VARCHAR)") + ", "
                + (fy == null ? "''" : "CAST(" + SweepDatabase.identifier(fy) + " AS VARCHAR)");
    }

    /** The distinct values of a field in the plan, in their natural order, as text. */
    private static List<String> values(Connection c, String field) throws SQLException {
        List<String> out = new ArrayList<>();
        if (field == null) {
            out.add("");
            return out;
        }
        String id = SweepDatabase.identifier(field);
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT DISTINCT " + id + ", CAST(" + id + " AS VARCHAR) FROM pl ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(2));
            }
        }
        return out;
    }

    @Override
    public void close() {
        State s = state;
        synchronized (s) {
            try {
                s.db().close();
            } catch (SQLException e) {
                // closing at shutdown
            }
        }
    }
}
