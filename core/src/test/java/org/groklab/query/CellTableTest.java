package org.groklab.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text form of a sweep's per-cell table: runs still improving get a column when any cell has one. */
class CellTableTest {
    /** The columns of {@link CellTable#sql} for one swept field, one row per given still-improving count. */
    static Table data(int... improving) {
        List<String> columns = new ArrayList<>(List.of("cell", "x", "finished", "planned"));
        columns.addAll(SweepDatabase.OUTCOMES);
        columns.addAll(List.of("grok_fraction", "median_memorization_step", "median_generalization_step",
                "still_improving"));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < improving.length; i++) {
            List<String> r = new ArrayList<>(List.of(Integer.toString(i), "0.1", "3", "3"));
            r.addAll(List.of("0", "3", "0", "0", "0", "0"));
            r.addAll(java.util.Arrays.asList("0.0", "375", null, Integer.toString(improving[i])));
            rows.add(r);
        }
        return new Table(columns, Collections.nCopies(columns.size(), true), rows);
    }

    @Test
    void runsStillImprovingAreCountedPerCell() {
        Table t = CellTable.text(data(0, 2), List.of("x"));
        assertEquals("still_improving", t.columns().get(t.columns().size() - 1));
        assertEquals("2", t.rows().get(1).get(t.columns().size() - 1));
        assertEquals("0", t.rows().get(0).get(t.columns().size() - 1));
    }

    @Test
    void noColumnWhenEveryRunSettled() {
        assertFalse(CellTable.text(data(0, 0), List.of("x")).columns().contains("still_improving"));
    }
}
