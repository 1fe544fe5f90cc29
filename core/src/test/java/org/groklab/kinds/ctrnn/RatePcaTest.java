package org.groklab.kinds.ctrnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatePcaTest {
    @Test
    void findsTheAxesOfRatesThatVaryAlongKnownDirectionsAndTracksTheRunningSum() {
        // rates r = tanh(x) built to vary along e0 with std 0.3 and along e1 with std 0.1, constant elsewhere
        SetTask task = SetTask.generate(SetTaskConfig.MURRAY.withInputDim(3), 1);
        List<SetTrial> trials = new ArrayList<>();
        List<List<double[]>> states = new ArrayList<>();
        for (int k = 0; k < 40; k++) {
            SetTrial trial = task.trial(k * 17);
            trials.add(trial);
            List<double[]> traj = new ArrayList<>();
            for (int s = 0; s <= 50; s++) {
                double a = 0.3 * Math.sin(0.7 * s + k);
                double b = 0.1 * Math.cos(1.3 * s + 2 * k);
                traj.add(new double[] {atanh(0.2 + a), atanh(-0.1 + b), atanh(0.5), atanh(0)});
            }
            states.add(traj);
        }
        RatePca pca = RatePca.fit(states, trials, task.timing(), 3);
        assertArrayEquals(new double[] {1, 0, 0, 0}, pca.components()[0], 0.02);
        assertArrayEquals(new double[] {0, 1, 0, 0}, pca.components()[1], 0.05);
        assertEquals(0.9, pca.explainedRatio()[0], 0.02, "variance 0.045 of 0.05");
        assertEquals(0.1, pca.explainedRatio()[1], 0.02);
        assertEquals(0.5, pca.mean()[2], 1e-12);
        assertEquals(0.3 * Math.sin(0.7 * 10 + 2) - (pca.mean()[0] - 0.2), pca.projections()[2][10][0], 0.02);
        SetTrial t = trials.get(5);
        int end1 = t.o1() + 2;
        assertEquals(0, pca.runningSum()[5][end1 - 1], "the first input has not ended");
        assertEquals(t.a() % 3, pca.runningSum()[5][end1]);
        assertEquals((t.a() + t.b() + t.c()) % 3, pca.runningSum()[5][50]);
    }

    private static double atanh(double r) {
        return 0.5 * Math.log((1 + r) / (1 - r));
    }
}
