package org.groklab.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SQL errors told in full, with a hint for dotted names read as table.column. */
class SqlErrorsTest {
    static final String MISSING_TASK = "java.sql.SQLException: Binder Error: Referenced table \"task\" not found!\n"
            + "Candidate tables: \"runs\"\n\nLINE 1: SELECT task.train_fraction FROM runs\n               ^";

    @Test
    void theWholeMessageIsKeptWithoutTheJdbcPrefixOrBlankLines() {
        String m = SqlErrors.explain(new SQLException("java.sql.SQLException: Binder Error: Referenced column "
                + "\"outcme\" not found in FROM clause!\nCandidate bindings: \"outcome\"\n\nLINE 1: SELECT outcme "
                + "FROM runs\n               ^"), "SELECT outcme FROM runs", List.of());
        assertEquals("Binder Error: Referenced column \"outcme\" not found in FROM clause!\nCandidate bindings: "
                + "\"outcome\"\nLINE 1: SELECT outcme FROM runs\n               ^", m);
    }

    @Test
    void aSweptFieldIsToBeQuoted() {
        String m = SqlErrors.explain(new SQLException(MISSING_TASK), "SELECT task.train_fraction FROM runs",
                List.of("task.train_fraction", "optimizer.weight_decay"));
        assertTrue(m.endsWith("\nhint: a swept field is a column named with dots; quote it: \"task.train_fraction\""),
                m);
    }

    @Test
    void aKeyThatIsNotSweptPointsToTheConfigsView() {
        String m = SqlErrors.explain(new SQLException(MISSING_TASK), "SELECT task.train_fraction FROM runs",
                List.of());
        assertTrue(m.contains("hint: a column named with dots must be quoted: \"task.train_fraction\""), m);
        assertTrue(m.contains("SELECT run_id, task.train_fraction FROM configs"), m);
    }

    @Test
    void namesInQuotesAndStringsAreNotDotted() {
        assertEquals(List.of("task.p", "r.outcome"), SqlErrors.unquotedDotted(
                "SELECT \"task.train_fraction\", 'a.b', task.p, r.outcome FROM runs r"));
        assertNull(SqlErrors.hint("Binder Error: Referenced table \"x\" not found!", "SELECT \"x.y\" FROM runs",
                List.of()));
        assertNull(SqlErrors.hint("Parser Error: syntax error", "SELECT task.p FROM", List.of()));
    }
}
