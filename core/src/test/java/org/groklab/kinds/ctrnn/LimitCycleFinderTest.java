package org.groklab.kinds.ctrnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/**
 * A known oscillator: in polar coordinates, rho' = rho + 0.1 rho (1 - rho²) (the unit circle attracts) and
 * theta' = theta + omega + input[0], so its period is 2π/omega steps and an input of phi/2 shown for two steps
 * advances its phase by exactly phi: Appendix C's +2π/3, -2π/3 and 0.
 */
class LimitCycleFinderTest {
    private static final double OMEGA = 2 * Math.PI / 12.5;

    private static class Oscillator implements StateMap {
        private final double radialRate;

        Oscillator(double radialRate) {
            this.radialRate = radialRate;
        }

        @Override
        public int dim() {
            return 2;
        }

        @Override
        public double[] step(double[] x, double[] input) {
            double rho = Math.hypot(x[0], x[1]);
            double theta = Math.atan2(x[1], x[0]) + OMEGA + (input == null ? 0 : input[0]);
            double r = rho + radialRate * rho * (1 - rho * rho);
            return new double[] {r * Math.cos(theta), r * Math.sin(theta)};
        }

        @Override
        public double[] jacobian(double[] x) {
            throw new UnsupportedOperationException();
        }

        @Override
        public double readout(double[] x) {
            return x[0];
        }
    }

    @Test
    void findsThePeriodAndThePhaseShiftsOfTheInputs() {
        Oscillator osc = new Oscillator(0.1);
        LimitCycleFinder finder = new LimitCycleFinder(osc);
        LimitCycle cycle = finder.find(new double[] {0.3, 0.1});
        assertNotNull(cycle);
        assertEquals(12.5, cycle.periodSteps(), 1e-3);
        assertEquals(Math.sqrt(0.5), cycle.amplitude(), 1e-3, "a unit circle's projection has rms 1/sqrt(2)");
        double[] onCycle = {1, 0};
        double[][] inputs = {{Math.PI / 3}, {-Math.PI / 3}, {0}};
        double[] expected = {2 * Math.PI / 3, -2 * Math.PI / 3, 0};
        for (int c = 0; c < 3; c++) {
            double[] shift = finder.phaseShift(cycle, onCycle, inputs[c], 2, 8, 50);
            assertEquals(expected[c], shift[0], 1e-3, "colour " + c);
            assertEquals(1, shift[1], 1e-5, "the same shift from every phase");
        }
    }

    @Test
    void aDecayingSpiralHasNoCycle() {
        // rho' = rho - 0.1 rho (1 + rho²): the origin attracts, the oscillation dies out
        Oscillator spiral = new Oscillator(-0.1) {
            @Override
            public double[] step(double[] x, double[] input) {
                double rho = Math.hypot(x[0], x[1]);
                double theta = Math.atan2(x[1], x[0]) + OMEGA;
                double r = rho - 0.1 * rho * (1 + rho * rho);
                return new double[] {r * Math.cos(theta), r * Math.sin(theta)};
            }
        };
        assertNull(new LimitCycleFinder(spiral).find(new double[] {1, 0}));
    }
}
