package org.groklab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventsTest {

    private static Events feed(double[][] rows) {
        Events e = new Events(0.99, 0.95, 0.5);
        for (double[] r : rows) {
            e.observe((long) r[0], r[1], r[2]);
        }
        return e;
    }

    @Test
    void classifiesEachOutcomeByItsDefinition() {
        assertEquals(Outcome.NO_LEARN, feed(new double[][] {{0, 0.1, 0.1}, {100, 0.5, 0.1}}).outcome());
        assertEquals(Outcome.MEMORIZE_ONLY, feed(new double[][] {{0, 0.1, 0.1}, {100, 1, 0.2}}).outcome());
        Events grok = feed(new double[][] {{0, 0.1, 0.1}, {100, 1, 0.2}, {1000, 1, 0.97}});
        assertEquals(Outcome.GROK, grok.outcome());
        assertEquals(100, grok.memorized());
        assertEquals(1000, grok.generalized());
        assertEquals(900, grok.delay());
        assertEquals(Outcome.GROK, feed(new double[][] {{0, 0.1, 0.1}, {100, 1, 0.5}, {150, 1, 0.97}}).outcome(),
                "test accuracy at memorization at the threshold still counts as grokking");
        assertEquals(Outcome.DIRECT_GENERALIZE,
                feed(new double[][] {{0, 0.1, 0.1}, {100, 1, 0.6}, {150, 1, 0.97}}).outcome());
        assertEquals(Outcome.DIRECT_GENERALIZE, feed(new double[][] {{0, 0.1, 0.1}, {100, 0.9, 0.96}}).outcome());
        assertEquals(Outcome.DIRECT_GENERALIZE, feed(new double[][] {{0, 0.1, 0.1}, {100, 1, 0.96}}).outcome());
    }

    @Test
    void theFirstCrossingCountsAndLaterDropsDoNotMoveIt() {
        Events e = feed(new double[][] {{10, 1, 0.1}, {20, 0.5, 0.1}, {30, 1, 0.1}});
        assertEquals(10, e.memorized());
        assertEquals(-1, e.generalized());
        assertEquals(-1, e.delay());
    }

    @Test
    void observeReportsWhetherAnEventHappened() {
        Events e = new Events(0.99, 0.95, 0.5);
        assertFalse(e.observe(0, 0.5, 0.1));
        assertTrue(e.observe(5, 0.99, 0.1));
        assertFalse(e.observe(6, 1.0, 0.1));
        assertTrue(e.observe(7, 1.0, 0.95));
    }

    @Test
    void scheduleAlwaysHasTheFirstAndLastStepAndItsGeometricPoints() {
        Schedule s = new Schedule(1000, 0, 3);
        for (long step : new long[] {0, 1, 2, 5, 10, 22, 46, 100, 215, 464, 1000}) {
            assertTrue(s.includes(step), "step " + step);
        }
        assertFalse(s.includes(3));
        assertFalse(s.includes(999));
        Schedule every = new Schedule(95, 10, 0);
        assertTrue(every.includes(90));
        assertTrue(every.includes(95));
        assertFalse(every.includes(91));
    }
}
