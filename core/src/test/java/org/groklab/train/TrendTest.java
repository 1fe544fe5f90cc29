package org.groklab.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The trend of an outcome that waits for an event, against straight lines whose rise is known. */
class TrendTest {
    static double[] steps(int n, double every) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = i * every;
        }
        return s;
    }

    @Test
    void aStraightLineRisesByItsSlopeTimesTheWindow() {
        double[] s = steps(101, 10); // steps 0..1000: the window is 750..1000
        double[] v = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            v[i] = 0.1 + 0.0004 * s[i]; // 0.1 rise per 250 steps
        }
        Trend t = Trend.of("test_acc", s, v);
        assertEquals(750, t.fromStep());
        assertEquals(1000, t.toStep());
        assertEquals(0.1, t.rise(), 1e-12);
        assertEquals(0.5, t.fitTo(), 1e-12);
        assertEquals(0.4, t.fromValue(), 1e-12);
        assertTrue(t.stillImproving(), t.describe());
        assertEquals("test accuracy 0.400 -> 0.500 over steps 750-1,000, fitted rise +0.100", t.describe());
    }

    @Test
    void aPlateauWithNoiseIsNotImproving() {
        double[] s = steps(101, 10);
        double[] v = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            v[i] = 0.03 + (i % 2 == 0 ? 0.02 : -0.02); // chance level, alternating by 0.04
        }
        v[v.length - 1] = 0.07; // a high last point alone is not a trend
        Trend t = Trend.of("test_acc", s, v);
        assertFalse(t.stillImproving(), t.describe());
        assertTrue(Math.abs(t.rise()) < Trend.STILL_IMPROVING_RISE, t.describe());
    }

    @Test
    void aRiseJustBelowTheThresholdIsNotImproving() {
        double[] s = steps(101, 10);
        double[] v = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            v[i] = 0.0001 * s[i] * 1.96; // 0.049 over the window
        }
        assertFalse(Trend.of("train_acc", s, v).stillImproving());
    }

    @Test
    void tooFewEvaluationsInTheWindowGiveNoTrend() {
        assertNull(Trend.of("test_acc", new double[] {0, 500, 1000}, new double[] {0, 0.2, 0.4}));
        assertNull(Trend.of("test_acc", new double[0], new double[0]));
    }

    @Test
    void onlyOutcomesThatWaitForAnEventHaveATrend() {
        assertEquals("test_acc", Trend.waitingOn(Outcome.MEMORIZE_ONLY));
        assertEquals("train_acc", Trend.waitingOn(Outcome.NO_LEARN));
        for (Outcome o : new Outcome[] {Outcome.GROK, Outcome.DIRECT_GENERALIZE, Outcome.DIVERGED, Outcome.FAILED}) {
            assertNull(Trend.waitingOn(o), o.label());
        }
    }
}
