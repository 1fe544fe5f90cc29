package org.groklab.kinds.ctrnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The automaton read off two hand-made systems that implement the mod-3 automaton, one per mechanism: three
 * attractors on a circle that each colour's input rotates between, and an oscillator whose phase each colour's input
 * shifts by 0, +2π/3 or -2π/3 (Appendix C). Both must give the 3-state mod-3 automaton with its accepting state.
 */
class DfaExtractionTest {
    private static final SetTask TASK = SetTask.generate(SetTaskConfig.MURRAY.withInputDim(5), 3);

    /** Which colour an input vector is (by its first entry), or -1. */
    private static int colourOf(double[] input) {
        if (input == null) {
            return -1;
        }
        float[] c = TASK.colours();
        for (int k = 0; k < 3; k++) {
            if ((float) input[0] == c[k * 5]) {
                return k;
            }
        }
        throw new AssertionError("unknown input " + Arrays.toString(input));
    }

    /** A point (1 + x[0], x[1]) in the plane; x(0) = 0 is the point (1, 0). */
    private abstract static class PlaneMap implements StateMap {
        @Override
        public int dim() {
            return 2;
        }

        static double angle(double[] x) {
            return Math.atan2(x[1], 1 + x[0]);
        }

        static double[] at(double rho, double theta) {
            return new double[] {rho * Math.cos(theta) - 1, rho * Math.sin(theta)};
        }

        @Override
        public double[] jacobian(double[] x) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double readout(double[] x) {
            return Math.cos(angle(x)) - 0.5;
        }
    }

    /** Attractors at angles 0, 2π/3, 4π/3; colour c rotates by c·π/3 per input step (c·2π/3 per input). */
    private static final class Attractors extends PlaneMap {
        @Override
        public double[] step(double[] x, double[] input) {
            double theta = angle(x);
            int c = colourOf(input);
            if (c >= 0) {
                return at(1, theta + c * Math.PI / 3);
            }
            double nearest = 2 * Math.PI / 3 * Math.round(theta / (2 * Math.PI / 3));
            return at(1, theta + 0.5 * (nearest - theta));
        }
    }

    /** Rotation by 2π/50 per step, attracted to the unit circle; colour c adds c·π/3 per input step. */
    private static final class Oscillator extends PlaneMap {
        @Override
        public double[] step(double[] x, double[] input) {
            double rho = Math.hypot(1 + x[0], x[1]);
            int c = colourOf(input);
            double theta = angle(x) + 2 * Math.PI / 50 + (c > 0 ? c * Math.PI / 3 : 0);
            return at(rho + 0.1 * rho * (1 - rho * rho), theta);
        }
    }

    private static void assertMod3(ExtractedDfa dfa) {
        assertTrue(dfa.equivalentToMod3(), dfa.minimal().toString());
        assertEquals(3, dfa.minimal().states());
        assertTrue(dfa.minimal().accepting()[dfa.minimal().start()], "the start state (sum 0) accepts");
        assertEquals(1, dfa.acceptingStates().length);
        assertTrue(dfa.residuePure());
        assertEquals(1.0, dfa.consistency());
        assertEquals(1.0, dfa.wordAgreement());
        assertTrue(dfa.equivalentOnTaskWords(), dfa.taskMinimal().toString());
        assertEquals(9, dfa.taskMinimal().states(), "the mod-3 automaton read for three colours, with its sink");
    }

    /**
     * Counts of each colour seen (a "bag of colours", no running sum), read out as valid when the counts are
     * (3, 0, 0) in some order or (1, 1, 1); {@code wrong} flips the verdict on the multiset {0, 0, 1}.
     */
    private static final class ColourCounter implements StateMap {
        private final boolean wrong;

        ColourCounter(boolean wrong) {
            this.wrong = wrong;
        }

        @Override
        public int dim() {
            return 3;
        }

        @Override
        public double[] step(double[] x, double[] input) {
            double[] y = x.clone();
            int c = colourOf(input);
            if (c >= 0) {
                y[c] += 0.5;
            }
            return y;
        }

        @Override
        public double[] jacobian(double[] x) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double readout(double[] x) {
            long a = Math.round(x[0]);
            long b = Math.round(x[1]);
            long c = Math.round(x[2]);
            boolean valid = (a == 1 && b == 1 && c == 1) || a == 3 || b == 3 || c == 3;
            if (wrong && a == 2 && b == 1) {
                valid = true;
            }
            return valid ? 0.5 : -0.5;
        }
    }

    @Test
    void aColourCounterIsTheModThreeAutomatonOnTheTasksWordsButNotForLongerWords() {
        TrialRunner runner = new TrialRunner(new ColourCounter(false), TASK);
        ExtractedDfa dfa = new DfaExtraction(runner, TASK.timing()).extract(Mechanism.NEITHER, null);
        assertEquals(1.0, dfa.wordAgreement());
        assertTrue(dfa.equivalentOnTaskWords(), dfa.taskMinimal().toString());
        assertEquals(9, dfa.taskMinimal().states());
        // 1 + 3 + 6 + 10 multisets of at most three colours: it never reuses a state, so it is no mod-3 counter
        assertEquals(20, dfa.clusterSizes().length, Arrays.toString(dfa.clusterSizes()));
        assertTrue(!dfa.equivalentToMod3(), dfa.minimal().toString());

        ExtractedDfa wrong = new DfaExtraction(new TrialRunner(new ColourCounter(true), TASK), TASK.timing())
                .extract(Mechanism.NEITHER, null);
        assertEquals(24.0 / 27, wrong.wordAgreement(), 1e-12, "the three orders of {0, 0, 1} are misread");
        assertTrue(!wrong.equivalentOnTaskWords(), wrong.taskMinimal().toString());
    }

    @Test
    void attractorsThatInputsRotateBetweenGiveTheModThreeAutomaton() {
        TrialRunner runner = new TrialRunner(new Attractors(), TASK);
        ExtractedDfa dfa = new DfaExtraction(runner, TASK.timing()).extract(Mechanism.ATTRACTIVE, null);
        assertEquals(3, dfa.clusterSizes().length, Arrays.toString(dfa.clusterSizes()));
        assertMod3(dfa);
    }

    @Test
    void anOscillatorWhosePhaseInputsShiftGivesTheModThreeAutomaton() {
        Oscillator osc = new Oscillator();
        TrialRunner runner = new TrialRunner(osc, TASK);
        LimitCycle cycle = new LimitCycleFinder(osc).find(new double[2]);
        assertEquals(50, cycle.periodSteps(), 1e-3);
        ExtractedDfa dfa = new DfaExtraction(runner, TASK.timing(), 100, 0).extract(Mechanism.OSCILLATORY, cycle);
        assertMod3(dfa);
    }

    @Test
    void phasesChainedByNeighboursWithinTheThresholdAreOneState() {
        // a phase code whose shifts are 0.27, 2.41 and -1.83 rad, observed after every word of 0 to 3 inputs (as
        // the extraction observes a trial): the sums spread each running sum's phases over about 0.95 rad, in steps
        // under pi/6, and the three groups lie more than pi/6 apart
        double[] shifts = {0.27, 2.41, -1.83};
        java.util.List<double[]> phases = new java.util.ArrayList<>();
        java.util.List<Integer> residue = new java.util.ArrayList<>();
        phases.add(new double[] {0});
        residue.add(0);
        for (int word = 0; word < 3 + 9 + 27; word++) {
            int length = word < 3 ? 1 : word < 12 ? 2 : 3;
            int code = word < 3 ? word : word < 12 ? word - 3 : word - 12;
            double phase = 0;
            int sum = 0;
            for (int k = 0; k < length; k++, code /= 3) {
                phase += shifts[code % 3];
                sum += code % 3;
            }
            phases.add(new double[] {phase});
            residue.add(sum % 3);
        }
        int[] cluster = DfaExtraction.clusterAngles(phases, Math.PI / 6);
        assertEquals(3, Arrays.stream(cluster).max().getAsInt() + 1, "three states");
        for (int i = 0; i < cluster.length; i++) {
            for (int j = 0; j < cluster.length; j++) {
                assertEquals(residue.get(i).equals(residue.get(j)), cluster[i] == cluster[j],
                        "phases " + i + " and " + j + " share a state exactly when they share a running sum");
            }
        }
        assertEquals(0, cluster[0], "numbered in order of first appearance");
        int[] wrap = DfaExtraction.clusterAngles(java.util.List.of(new double[] {Math.PI - 0.1},
                new double[] {-Math.PI + 0.1}, new double[] {0}), Math.PI / 6);
        assertEquals(wrap[0], wrap[1], "neighbours across +-pi are one state");
        assertTrue(wrap[2] != wrap[0]);
        int[] ring = DfaExtraction.clusterAngles(java.util.stream.IntStream.range(0, 20)
                .mapToObj(k -> new double[] {2 * Math.PI * k / 20}).toList(), Math.PI / 6);
        assertEquals(0, Arrays.stream(ring).max().getAsInt(), "no gap: one state");
    }
}
