package org.groklab.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * Each path of {@code VectorGemm} against the plain twin, bit for bit: the one-row kernel (one row of C; one column
 * of C from a column-major A), the dot-product rows (one column of C from a row-major A), a last narrower panel of B
 * read in place (its last rows copied where whole vectors would run past the array's end), packed edge panels, and
 * edge tiles of fewer than 8 rows. Arrays end exactly where the operands end (no slack after them), in every layout,
 * with and without accumulation, with offsets, so a vector that reached past an operand would fail or change a bit.
 */
class VectorGemmPathsTest {
    private static final int L = FloatVector.SPECIES_PREFERRED.length();

    private enum Op { MATMUL, TRANS_A, TRANS_B }

    /** Column counts around the one-row kernel's groups of 1, 2, 4 and 8 vectors. */
    private static final int[] ROW_N = {1, 2, L - 1, L, L + 1, 2 * L - 1, 2 * L, 2 * L + 1, 3 * L + 5, 4 * L,
        4 * L + 1, 5 * L + 3, 8 * L - 1, 8 * L, 8 * L + 1, 12 * L + 7, 16 * L + 3};

    private static float[] random(Rng rng, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }

    /** Compares the vector kernels with the plain ones on (m, k, n); the operands end at their arrays' ends. */
    private static void compare(Op op, int m, int k, int n, boolean acc, int off, Rng rng) {
        float[] a = random(rng, off + m * k);
        float[] b = random(rng, off + k * n);
        float[] c0 = random(rng, off + m * n);
        float[] plain = c0.clone();
        float[] vector = c0.clone();
        run(Kernels.plain(), op, a, b, plain, off, m, k, n, acc);
        run(Kernels.vector(), op, a, b, vector, off, m, k, n, acc);
        for (int i = 0; i < c0.length; i++) {
            if (Float.floatToRawIntBits(plain[i]) != Float.floatToRawIntBits(vector[i])) {
                fail(op + " m=" + m + " k=" + k + " n=" + n + " acc=" + acc + " offset=" + off + " L=" + L
                        + ": element " + i + " plain=" + plain[i] + " vector=" + vector[i]
                        + (i < off ? " (before the window)" : ""));
            }
        }
    }

    private static void run(Kernels kern, Op op, float[] a, float[] b, float[] c, int off, int m, int k, int n,
                            boolean acc) {
        switch (op) {
            case MATMUL -> kern.matmul(a, off, b, off, c, off, m, k, n, acc);
            case TRANS_A -> kern.matmulTransA(a, off, b, off, c, off, m, k, n, acc);
            case TRANS_B -> kern.matmulTransB(a, off, b, off, c, off, m, k, n, acc);
        }
    }

    private static int shapes(int[][] ms, int[] ks, int[] ns, int seed) {
        Rng rng = new Rng(seed);
        int count = 0;
        for (Op op : Op.values()) {
            for (int[] mRow : ms) {
                for (int m : mRow) {
                    for (int k : ks) {
                        for (int n : ns) {
                            for (boolean acc : new boolean[] {false, true}) {
                                compare(op, m, k, n, acc, count % 3, rng);
                                count++;
                            }
                        }
                    }
                }
            }
        }
        return count;
    }

    @Test
    void oneRowOfCIsBitIdenticalToPlainForEveryGroupOfVectorsAndEveryLayout() {
        // transposed B: gathered; row-major B: loaded where it lies, its last rows copied at the array's end
        int count = shapes(new int[][] {{1}}, new int[] {1, 2, 7, 32, 65}, ROW_N, 11);
        assertEquals(3 * 5 * ROW_N.length * 2, count);
    }

    @Test
    void oneColumnOfCIsBitIdenticalToPlainInEveryLayout() {
        // row-major A (A·B, A·Bᵀ): dot-product rows, 8 at a time and the rest one by one; Aᵀ·B: the one-row kernel
        int[] ms = {2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 8 * L + 3, 1200};
        int count = shapes(new int[][] {ms}, new int[] {1, 3, 50, 64}, new int[] {1}, 12);
        assertEquals(3 * ms.length * 4 * 2, count);
    }

    @Test
    void narrowLastPanelsReadInPlaceAreBitIdenticalToPlain() {
        // few rows against the shared dimension: the last panel (fewer columns than its vectors) is read in place;
        // n = 24 and 67 are PAIR's widths and p; k above the block of the shared dimension (192) splits it
        int[] ns = {3, L / 2, L + L / 2, 24, 2 * L + 3, 67, 3 * L + 1, 100};
        int count = shapes(new int[][] {{2, 8, 9, 24, 67}}, new int[] {40, 67, 193, 500}, ns, 13);
        assertEquals(3 * 5 * 4 * ns.length * 2, count);
    }

    @Test
    void packedEdgePanelsAndShortRowBlocksAreBitIdenticalToPlain() {
        // many rows against the shared dimension (the last panel copied), rows beyond a multiple of 8, and B packed
        // (transposed B, or many rows and columns)
        int[] ns = {2, L + 3, 24, 67, 129, 3 * L * 3 + 5};
        int count = shapes(new int[][] {{65, 300, 301}}, new int[] {1, 5, 24, 31}, ns, 14);
        assertEquals(3 * 3 * 4 * ns.length * 2, count);
    }

    @Test
    void theModelsSmallShapesAreBitIdenticalToPlainWithArraysEndingAtTheOperands() {
        int[][] shapes = {{67, 500, 24}, {24, 500, 67}, {911, 24, 67}, {24, 911, 67}, {911, 67, 24}, {24, 67, 500},
            {67, 24, 500}, {500, 67, 24}, {32, 50, 1000}, {1000, 32, 50}, {32, 500, 1}, {1, 32, 500}, {32, 1, 500},
            {32, 50, 64}, {64, 32, 50}, {1, 1200, 64}, {1200, 64, 1}, {1200, 1, 64}, {32, 50, 2}, {2, 32, 50}};
        Rng rng = new Rng(15);
        for (Op op : Op.values()) {
            for (int[] s : shapes) {
                compare(op, s[0], s[1], s[2], false, 0, rng);
                compare(op, s[0], s[1], s[2], true, 1, rng);
            }
        }
    }
}
