package org.groklab.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.groklab.math.Rng;
import org.junit.jupiter.api.Test;

class TsneTest {

    /** 4 clusters of 30 points in 20 dimensions: centres 10 apart, spread 0.3. */
    private static float[] clusters(int perCluster, int dim, int[] label) {
        Rng rng = new Rng(5);
        float[][] centres = new float[4][dim];
        for (int c = 0; c < 4; c++) {
            centres[c][c] = 10f;
        }
        float[] x = new float[4 * perCluster * dim];
        for (int c = 0; c < 4; c++) {
            for (int i = 0; i < perCluster; i++) {
                int row = c * perCluster + i;
                label[row] = c;
                for (int d = 0; d < dim; d++) {
                    x[row * dim + d] = centres[c][d] + (float) (0.3 * rng.nextGaussian());
                }
            }
        }
        return x;
    }

    @Test
    void wellSeparatedClustersStaySeparatedInTheMap() {
        int per = 30;
        int dim = 20;
        int[] label = new int[4 * per];
        float[] x = clusters(per, dim, label);
        double[] y = Tsne.defaults().embed(x, 4 * per, dim);
        int rows = 4 * per;
        // every point's nearest neighbour in the map is of its own cluster
        for (int i = 0; i < rows; i++) {
            int best = -1;
            double bestD = Double.POSITIVE_INFINITY;
            for (int j = 0; j < rows; j++) {
                if (j != i) {
                    double d = dist(y, i, j);
                    if (d < bestD) {
                        bestD = d;
                        best = j;
                    }
                }
            }
            assertEquals(label[i], label[best], "nearest neighbour of point " + i);
        }
        // the clusters are far apart compared with their size: min distance between clusters > 2 x max diameter
        double maxWithin = 0;
        double minBetween = Double.POSITIVE_INFINITY;
        for (int i = 0; i < rows; i++) {
            for (int j = i + 1; j < rows; j++) {
                double d = dist(y, i, j);
                if (label[i] == label[j]) {
                    maxWithin = Math.max(maxWithin, d);
                } else {
                    minBetween = Math.min(minBetween, d);
                }
            }
        }
        assertTrue(minBetween > 2 * maxWithin, "min distance between clusters " + minBetween
                + " vs max within a cluster " + maxWithin);
    }

    @Test
    void perplexityCalibrationHitsTheTargetEntropy() {
        int[] label = new int[40];
        float[] x = clusters(10, 5, label);
        double[] d = Tsne.squaredDistances(x, 40, 5);
        double[] p = Tsne.affinities(d, 40, 5);
        double total = 0;
        for (double v : p) {
            total += v;
        }
        assertEquals(1.0, total, 1e-6, "joint probabilities sum to 1");
        for (int i = 0; i < 40; i++) {
            for (int j = 0; j < 40; j++) {
                assertEquals(p[i * 40 + j], p[j * 40 + i], 1e-18, "symmetric");
            }
        }
    }

    @Test
    void deterministic() {
        int[] label = new int[40];
        float[] x = clusters(10, 6, label);
        assertArrayEquals(new Tsne(5, 300, 0).embed(x, 40, 6), new Tsne(5, 300, 0).embed(x, 40, 6),
                "same input, same map");
    }

    private static double dist(double[] y, int i, int j) {
        double dx = y[2 * i] - y[2 * j];
        double dy = y[2 * i + 1] - y[2 * j + 1];
        return Math.sqrt(dx * dx + dy * dy);
    }
}
