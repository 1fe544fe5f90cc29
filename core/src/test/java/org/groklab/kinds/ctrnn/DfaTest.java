package org.groklab.kinds.ctrnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DfaTest {
    @Test
    void theSumModSixAcceptingZeroAndThreeMinimizesToTheModThreeAutomaton() {
        int[][] next = new int[6][3];
        boolean[] acc = new boolean[6];
        for (int s = 0; s < 6; s++) {
            for (int c = 0; c < 3; c++) {
                next[s][c] = (s + c) % 6;
            }
            acc[s] = s % 3 == 0;
        }
        Dfa mod6 = new Dfa(6, 3, 0, next, acc);
        Dfa min = mod6.minimize();
        assertEquals(3, min.states());
        assertTrue(min.equivalent(Dfa.modCounter(3, 3)));
        assertTrue(min.accepting()[0], "the start state (sum 0) accepts");
        assertArrayEquals(new int[] {0, 1, 2}, min.next()[0]);
    }

    @Test
    void unreachableStatesAreDroppedAndAMinimalAutomatonKeepsItsSize() {
        Dfa mod3 = Dfa.modCounter(3, 3);
        assertEquals(3, mod3.minimize().states());
        // a fourth state nobody reaches
        int[][] next = {{0, 1, 2}, {1, 2, 0}, {2, 0, 1}, {3, 0, 1}};
        Dfa withOrphan = new Dfa(4, 3, 0, next, new boolean[] {true, false, false, true});
        Dfa min = withOrphan.minimize();
        assertEquals(3, min.states());
        assertTrue(min.equivalent(mod3), min.toString());
        assertTrue(withOrphan.equivalent(mod3));
    }

    @Test
    void equivalenceTellsLanguagesApart() {
        Dfa mod3 = Dfa.modCounter(3, 3);
        Dfa mod3AcceptOne = new Dfa(3, 3, 0, mod3.next(), new boolean[] {false, true, false});
        assertFalse(mod3.equivalent(mod3AcceptOne));
        assertFalse(mod3.equivalent(Dfa.modCounter(4, 3)));
        // parity of the number of 1s versus "ends in 1": two-state automata with different languages
        Dfa parity = new Dfa(2, 2, 0, new int[][] {{0, 1}, {1, 0}}, new boolean[] {false, true});
        Dfa endsInOne = new Dfa(2, 2, 0, new int[][] {{0, 1}, {0, 1}}, new boolean[] {false, true});
        assertFalse(parity.equivalent(endsInOne));
        assertTrue(parity.accepts(1, 0, 0) && !parity.accepts(1, 1) && endsInOne.accepts(1, 1));
    }

    @Test
    void aRedundantThreeStateAutomatonForEndsInOneMinimizesToTwo() {
        // states 1 and 2 both mean "last symbol was 1"
        Dfa redundant = new Dfa(3, 2, 0, new int[][] {{0, 1}, {0, 2}, {0, 1}}, new boolean[] {false, true, true});
        Dfa min = redundant.minimize();
        assertEquals(2, min.states());
        assertTrue(min.equivalent(new Dfa(2, 2, 0, new int[][] {{0, 1}, {0, 1}}, new boolean[] {false, true})));
    }

    @Test
    void theModThreeAutomatonReadForThreeSymbolsAcceptsExactlyTheValidTriples() {
        Dfa task = Dfa.modCounterUpTo(3, 3, 3);
        Dfa min = task.minimize();
        // start, 3 sums after one symbol, 3 after two, accept after three, and one rejecting sink
        assertEquals(9, min.states());
        assertTrue(min.equivalent(task));
        for (int a = 0; a < 3; a++) {
            assertTrue(!task.accepts(a));
            for (int b = 0; b < 3; b++) {
                assertTrue(!task.accepts(a, b));
                for (int c = 0; c < 3; c++) {
                    assertEquals((a + b + c) % 3 == 0, task.accepts(a, b, c), a + "" + b + c);
                    assertTrue(!task.accepts(a, b, c, 0) && !task.accepts(a, b, c, 1, 2), "longer words");
                }
            }
        }
        assertTrue(!task.accepts(), "the empty word has three symbols too few");
        assertTrue(!min.equivalent(Dfa.modCounter(3, 3)));
    }
}
