package org.groklab.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WilsonTest {

    @Test
    void knownValues() {
        Wilson.Interval none = Wilson.interval(0, 10);
        assertEquals(0.0, none.lower(), 1e-12);
        assertEquals(0.2775, none.upper(), 1e-4);
        Wilson.Interval half = Wilson.interval(5, 10);
        assertEquals(0.2366, half.lower(), 1e-4);
        assertEquals(0.7634, half.upper(), 1e-4);
        Wilson.Interval all = Wilson.interval(10, 10);
        assertEquals(0.7225, all.lower(), 1e-4);
        assertEquals(1.0, all.upper(), 1e-12);
        // 1 of 20 at z = 1.96: [0.0089, 0.2361] (e.g. statsmodels proportion_confint method="wilson")
        Wilson.Interval one = Wilson.interval(1, 20, 1.96);
        assertEquals(0.0089, one.lower(), 1e-4);
        assertEquals(0.2361, one.upper(), 1e-4);
    }

    @Test
    void symmetricAndInsideUnitInterval() {
        for (int n = 1; n <= 30; n++) {
            for (int k = 0; k <= n; k++) {
                Wilson.Interval a = Wilson.interval(k, n);
                Wilson.Interval b = Wilson.interval(n - k, n);
                assertEquals(a.lower(), 1 - b.upper(), 1e-12);
                double p = (double) k / n;
                assertTrue(0 <= a.lower() && a.lower() <= p && p <= a.upper() && a.upper() <= 1, k + "/" + n);
            }
        }
        Wilson.Interval wider = Wilson.interval(3, 10, 2.576);
        Wilson.Interval narrower = Wilson.interval(3, 10, 1.645);
        assertTrue(wider.lower() < narrower.lower() && wider.upper() > narrower.upper());
    }

    @Test
    void noTrialsAndBadInput() {
        assertEquals(new Wilson.Interval(0, 1), Wilson.interval(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Wilson.interval(3, 2));
        assertThrows(IllegalArgumentException.class, () -> Wilson.interval(-1, 2));
        assertThrows(IllegalArgumentException.class, () -> Wilson.interval(1, 2, 0));
    }
}
