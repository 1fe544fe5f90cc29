package org.groklab.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * A population's products give every member the bits of its own solo product: the vector population kernels, their
 * plain twin and one call of {@link Kernels#plain()} per member agree bit for bit, for every layout, with and without
 * accumulation, on odd shapes (1, 3, 5, 7 and the 4 × 4 blocks' edges) and on populations smaller than, equal to and
 * larger than a vector of members (a masked last group).
 */
class PopulationKernelsTest {
    private static final int L = FloatVector.SPECIES_PREFERRED.length();
    private static final int[] MEMBERS = {1, 3, L - 1, L, L + 3, 2 * L + 1};
    private static final int[][] SHAPES = {{1, 1, 1}, {3, 5, 7}, {4, 4, 4}, {5, 3, 1}, {9, 0, 6}, {8, 13, 9},
        {7, 32, 2}, {32, 50, 13}, {1, 24, 67}};

    private enum Op { MATMUL, TRANS_A, TRANS_B }

    @Test
    void everyMemberGetsTheBitsOfItsSoloProduct() {
        Rng rng = new Rng(11);
        for (int members : MEMBERS) {
            for (int[] s : SHAPES) {
                for (Op op : Op.values()) {
                    for (boolean acc : new boolean[] {false, true}) {
                        check(rng, members, op, s[0], s[1], s[2], acc);
                    }
                }
            }
        }
    }

    private static void check(Rng rng, int members, Op op, int m, int k, int n, boolean acc) {
        float[][] a = new float[members][];
        float[][] b = new float[members][];
        float[][] c = new float[members][];
        for (int i = 0; i < members; i++) {
            a[i] = random(rng, m * k);
            b[i] = random(rng, k * n);
            c[i] = random(rng, m * n);
        }
        float[] ai = new float[m * k * members];
        float[] bi = new float[k * n * members];
        float[] ci = new float[m * n * members];
        PopulationKernels.interleave(a, null, m * k, ai);
        PopulationKernels.interleave(b, null, k * n, bi);
        PopulationKernels.interleave(c, null, m * n, ci);
        float[] plain = ci.clone();
        float[] vector = ci.clone();
        run(PopulationKernels.plain(), op, members, ai, bi, plain, m, k, n, acc);
        run(PopulationKernels.vector(), op, members, ai, bi, vector, m, k, n, acc);
        float[][] plainOut = new float[members][m * n];
        float[][] vectorOut = new float[members][m * n];
        PopulationKernels.deinterleave(plain, m * n, plainOut);
        PopulationKernels.deinterleave(vector, m * n, vectorOut);
        for (int i = 0; i < members; i++) {
            float[] solo = c[i].clone();
            switch (op) {
                case MATMUL -> Kernels.plain().matmul(a[i], b[i], solo, m, k, n, acc);
                case TRANS_A -> Kernels.plain().matmulTransA(a[i], b[i], solo, m, k, n, acc);
                case TRANS_B -> Kernels.plain().matmulTransB(a[i], b[i], solo, m, k, n, acc);
            }
            for (int e = 0; e < m * n; e++) {
                String where = op + " " + m + "x" + k + "x" + n + " acc=" + acc + ", member " + i + " of " + members
                        + ", element " + e;
                assertEquals(Float.floatToRawIntBits(solo[e]), Float.floatToRawIntBits(plainOut[i][e]),
                        "plain population vs solo, " + where + ": " + solo[e] + " vs " + plainOut[i][e]);
                assertEquals(Float.floatToRawIntBits(solo[e]), Float.floatToRawIntBits(vectorOut[i][e]),
                        "vector population vs solo, " + where + ": " + solo[e] + " vs " + vectorOut[i][e]);
            }
        }
    }

    private static void run(PopulationKernels kern, Op op, int members, float[] a, float[] b, float[] c, int m,
                            int k, int n, boolean acc) {
        switch (op) {
            case MATMUL -> kern.matmul(members, a, b, c, m, k, n, acc);
            case TRANS_A -> kern.matmulTransA(members, a, b, c, m, k, n, acc);
            case TRANS_B -> kern.matmulTransB(members, a, b, c, m, k, n, acc);
        }
    }

    private static float[] random(Rng rng, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }
}
