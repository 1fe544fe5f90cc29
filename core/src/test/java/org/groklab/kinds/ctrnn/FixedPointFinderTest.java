package org.groklab.kinds.ctrnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.groklab.math.Kernels;
import org.groklab.math.Rng;
import org.junit.jupiter.api.Test;

/**
 * A CT-RNN with J = 2 I and no bias has, per neuron, the fixed points of x = 2 tanh(x): 0 and ±1.91501... So two
 * neurons have 9 fixed points: 4 stable (both at ±1.915), 4 saddles (one at 0) and the unstable origin.
 */
class FixedPointFinderTest {
    /** The positive root of x = 2 tanh(x), by bisection here. */
    private static double root() {
        double lo = 1;
        double hi = 3;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (mid - 2 * Math.tanh(mid) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    @Test
    void findsTheNineFixedPointsOfTwoSelfExcitingNeuronsAndClassifiesThem() {
        CtrnnConfig c = CtrnnConfig.MURRAY_100MS.withNeurons(2).withInputDim(1);
        Ctrnn model = new Ctrnn(c, Kernels.plain());
        float[] j = model.param("J").data();
        j[0] = 2;
        j[3] = 2;
        model.param("W").data()[0] = 1;
        CtrnnMap map = new CtrnnMap(model);
        Rng rng = new Rng(1);
        List<double[]> starts = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            starts.add(new double[] {6 * rng.nextDouble() - 3, 6 * rng.nextDouble() - 3});
        }
        FixedPointFinder.Result r = new FixedPointFinder(map).find(starts);
        assertEquals(9, r.points().size(), r.points().toString());
        assertEquals(4, r.count(FixedPoint.Stability.STABLE));
        assertEquals(4, r.count(FixedPoint.Stability.SADDLE));
        assertEquals(1, r.count(FixedPoint.Stability.UNSTABLE));
        double x = root();
        for (FixedPoint p : r.points()) {
            int zeros = 0;
            for (double v : p.x()) {
                boolean atZero = Math.abs(v) < 1e-6;
                assertTrue(atZero || Math.abs(Math.abs(v) - x) < 1e-6, "coordinate " + v);
                zeros += atZero ? 1 : 0;
            }
            FixedPoint.Stability want = zeros == 0 ? FixedPoint.Stability.STABLE
                    : zeros == 1 ? FixedPoint.Stability.SADDLE : FixedPoint.Stability.UNSTABLE;
            assertEquals(want, p.stability(), java.util.Arrays.toString(p.x()));
            // the Jacobian is diagonal: (1 - alpha) + alpha * 2 (1 - tanh²) per coordinate
            double top = 0;
            for (double v : p.x()) {
                double t = Math.tanh(v);
                top = Math.max(top, 0.9 + 0.1 * 2 * (1 - t * t));
            }
            assertEquals(top, p.maxModulus(), 1e-9);
        }
        assertEquals(Math.tanh(x), r.points().get(0).readout(), 1e-9, "highest readout first");
    }
}
