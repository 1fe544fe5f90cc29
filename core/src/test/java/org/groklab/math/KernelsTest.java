package org.groklab.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels must give the very bits of the plain kernels (same fma order), on every shape: size 1, odd
 * sizes, sizes that are not multiples of the vector width and sizes above four vector widths (the block4 path).
 * The plain kernels are checked against an independent float64 triple loop; their interleaved products (what calls
 * use while the vector kernels compile) must give the plain kernels' bits on the same shapes.
 */
class KernelsTest {
    private static final int L = FloatVector.SPECIES_PREFERRED.length();
    private static final int[] SIZES = {1, 3, 7, 16, 17, 31, 64, 65, 67, 100};
    /** Column counts around the vector width, two widths, a half width (a 256-bit tail) and four widths. */
    private static final int[] EXTRA_N = {L / 2, L / 2 + 1, L - 1, L, L + 1, L + L / 2, L + L / 2 + 1, 2 * L - 1,
        2 * L, 2 * L + 1, 2 * L + L / 2 + 3, 4 * L - 1, 4 * L, 4 * L + 1, 5 * L + 3};
    /** Row counts around the kernels' four-row tiles. */
    private static final int[] EXTRA_M = {1, 2, 3, 4, 5, 8, 9};

    private enum Op { MATMUL, TRANS_A, TRANS_B }

    private static float[] random(Rng rng, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }

    /** Runs one op on copies of (a, b, c) with the given kernels; returns the whole c array. */
    private static float[] run(Kernels kern, Op op, float[] a, int aOff, float[] b, int bOff, float[] c0, int cOff,
                               int m, int k, int n, boolean acc) {
        float[] c = c0.clone();
        switch (op) {
            case MATMUL -> kern.matmul(a.clone(), aOff, b.clone(), bOff, c, cOff, m, k, n, acc);
            case TRANS_A -> kern.matmulTransA(a.clone(), aOff, b.clone(), bOff, c, cOff, m, k, n, acc);
            case TRANS_B -> kern.matmulTransB(a.clone(), aOff, b.clone(), bOff, c, cOff, m, k, n, acc);
        }
        return c;
    }

    /** Reference C (m×n) in double: A as stored for the op, B as stored for the op. */
    private static double[] reference(Op op, float[] a, int aOff, float[] b, int bOff, float[] c0, int cOff,
                                      int m, int k, int n, boolean acc) {
        double[] r = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = acc ? c0[cOff + i * n + j] : 0;
                for (int t = 0; t < k; t++) {
                    double av = switch (op) {
                        case MATMUL, TRANS_B -> a[aOff + i * k + t];
                        case TRANS_A -> a[aOff + t * m + i];
                    };
                    double bv = switch (op) {
                        case MATMUL, TRANS_A -> b[bOff + t * n + j];
                        case TRANS_B -> b[bOff + j * k + t];
                    };
                    s += av * bv;
                }
                r[i * n + j] = s;
            }
        }
        return r;
    }

    private static void assertBitIdentical(float[] plain, float[] vector, String what) {
        assertEquals(plain.length, vector.length, what + ": lengths");
        for (int i = 0; i < plain.length; i++) {
            if (Float.floatToIntBits(plain[i]) != Float.floatToIntBits(vector[i])) {
                fail(what + ": element " + i + " plain=" + plain[i] + " (0x"
                        + Integer.toHexString(Float.floatToIntBits(plain[i])) + ") vector=" + vector[i] + " (0x"
                        + Integer.toHexString(Float.floatToIntBits(vector[i])) + ")");
            }
        }
    }

    private static void compareOnShape(Op op, int m, int k, int n, boolean acc, Rng rng) {
        int aOff = 1 + rng.nextInt(5);
        int bOff = 1 + rng.nextInt(5);
        int cOff = 1 + rng.nextInt(5);
        int tail = 3;
        float[] a = random(rng, aOff + m * k + tail);
        float[] b = random(rng, bOff + k * n + tail);
        float[] c0 = random(rng, cOff + m * n + tail);
        float[] plain = run(Kernels.plain(), op, a, aOff, b, bOff, c0, cOff, m, k, n, acc);
        float[] vector = run(Kernels.vector(), op, a, aOff, b, bOff, c0, cOff, m, k, n, acc);
        String what = op + " m=" + m + " k=" + k + " n=" + n + " acc=" + acc + " offsets a/b/c=" + aOff + "/"
                + bOff + "/" + cOff + " L=" + L;
        assertBitIdentical(plain, vector, what);
        assertBitIdentical(plain, run(PlainKernels.INTERLEAVED, op, a, aOff, b, bOff, c0, cOff, m, k, n, acc),
                what + " (plain, products in interleaved chains)");
        // outside the written window, c is untouched
        for (int i = 0; i < cOff; i++) {
            assertEquals(Float.floatToIntBits(c0[i]), Float.floatToIntBits(plain[i]), what + ": prefix " + i);
        }
        for (int i = cOff + m * n; i < c0.length; i++) {
            assertEquals(Float.floatToIntBits(c0[i]), Float.floatToIntBits(vector[i]), what + ": tail " + i);
        }
    }

    private static void sweep(Op op) {
        Rng rng = new Rng(1234 + op.ordinal());
        int shapes = 0;
        for (int m : SIZES) {
            for (int k : SIZES) {
                for (int n : SIZES) {
                    for (boolean acc : new boolean[] {false, true}) {
                        compareOnShape(op, m, k, n, acc, rng);
                        shapes++;
                    }
                }
            }
        }
        for (int n : EXTRA_N) {
            for (int m : EXTRA_M) {
                for (int k : new int[] {1, 5, 17}) {
                    compareOnShape(op, m, k, n, true, rng);
                    compareOnShape(op, m, k, n, false, rng);
                    shapes += 2;
                }
            }
        }
        assertEquals(2 * SIZES.length * SIZES.length * SIZES.length + 6 * EXTRA_M.length * EXTRA_N.length,
                shapes,
                "number of shapes compared");
    }

    @Test
    void vectorMatmulIsBitIdenticalToPlainOnAllShapesOffsetsAndAccumulateModes() {
        sweep(Op.MATMUL);
    }

    @Test
    void vectorMatmulTransAIsBitIdenticalToPlainOnAllShapesOffsetsAndAccumulateModes() {
        sweep(Op.TRANS_A);
    }

    @Test
    void vectorMatmulTransBIsBitIdenticalToPlainOnAllShapesOffsetsAndAccumulateModes() {
        sweep(Op.TRANS_B);
    }

    @Test
    void plainKernelsMatchAFloat64TripleLoop() {
        Rng rng = new Rng(99);
        for (Op op : Op.values()) {
            for (int[] shape : new int[][] {{1, 1, 1}, {3, 7, 17}, {17, 31, 65}, {65, 100, 3}, {7, 64, 67}}) {
                for (boolean acc : new boolean[] {false, true}) {
                    int m = shape[0], k = shape[1], n = shape[2];
                    int aOff = 2, bOff = 3, cOff = 4;
                    float[] a = random(rng, aOff + m * k);
                    float[] b = random(rng, bOff + k * n);
                    float[] c0 = random(rng, cOff + m * n);
                    float[] got = run(Kernels.plain(), op, a, aOff, b, bOff, c0, cOff, m, k, n, acc);
                    double[] want = reference(op, a, aOff, b, bOff, c0, cOff, m, k, n, acc);
                    for (int i = 0; i < m * n; i++) {
                        // |error| of a float32 fma chain is bounded by ~k·eps·Σ|terms|; Σ|terms| ≲ k here
                        double tol = 1e-5 * (k + 1) + 1e-5 * Math.abs(want[i]);
                        double g = got[cOff + i];
                        assertTrue(Math.abs(g - want[i]) <= tol, op + " m=" + m + " k=" + k + " n=" + n + " acc="
                                + acc + " element " + i + ": plain=" + g + " float64=" + want[i] + " |diff|="
                                + Math.abs(g - want[i]) + " tol=" + tol);
                    }
                }
            }
        }
    }

    /** Shapes that cross the cache blocks (KC = 192 of the shared dimension, MC = 144 rows, NC = 2048 columns). */
    @Test
    void vectorIsBitIdenticalToPlainAcrossCacheBlocks() {
        Rng rng = new Rng(77);
        int[][] shapes = {{150, 400, 70}, {9, 385, 2 * 2048 + 37}, {300, 193, 3 * L + 1}, {145, 1, 49}};
        for (Op op : Op.values()) {
            for (int[] s : shapes) {
                for (boolean acc : new boolean[] {false, true}) {
                    compareOnShape(op, s[0], s[1], s[2], acc, rng);
                }
            }
        }
    }

    /** The models' shapes: p = 67..113, widths 24..1000, batches 32..256, d_embed 500, parity n = 50 inputs. */
    @Test
    void vectorIsBitIdenticalToPlainOnTheModelsShapes() {
        Rng rng = new Rng(78);
        int[][] shapes = {{32, 50, 1000}, {32, 1000, 1}, {1000, 32, 50}, {1, 32, 1000}, {256, 113, 500},
            {97, 500, 24}, {226, 113, 113}, {256, 67, 67}};
        for (Op op : Op.values()) {
            for (int[] s : shapes) {
                compareOnShape(op, s[0], s[1], s[2], false, rng);
                compareOnShape(op, s[0], s[1], s[2], true, rng);
            }
        }
    }

    @Test
    void matmulTransBEqualsMatmulWithExplicitlyTransposedB() {
        Rng rng = new Rng(5);
        int m = 7, k = 17, n = 65;
        float[] a = random(rng, m * k);
        float[] bt = random(rng, n * k); // stored [n×k]
        float[] b = Tensors.transpose(bt, n, k); // [k×n]
        for (Kernels kern : new Kernels[] {Kernels.plain(), Kernels.vector()}) {
            float[] c1 = new float[m * n];
            float[] c2 = new float[m * n];
            float[] c3 = new float[m * n];
            kern.matmulTransB(a, bt, c1, m, k, n, false);
            kern.matmul(a, b, c2, m, k, n, false);
            kern.matmulTransB(a, bt, c3, new float[n * k], m, k, n, false);
            assertBitIdentical(c2, c1, "transB vs explicit transpose with " + kern.describe());
            assertBitIdentical(c2, c3, "transB (scratch form) vs explicit transpose with " + kern.describe());
        }
    }

    /** Class counts of the softmax rows: 1, 2, around the float and double vector widths, the presets' primes. */
    static final int[] SOFTMAX_CLASSES = {1, 2, 3, 7, 8, 9, 15, 16, 17, 19, 31, 33, 67, 97, 113};

    /**
     * 13 softmax rows (groups of four and a last row alone): Gaussian logits at scales 1, 10 and 400 (differences
     * past −708 reach the exponentials' scalar lanes), a repeated maximum, rows of ±0, a huge last and a hugely
     * negative first logit; then rows with a NaN, +∞, −∞, all −∞ at random places, and a last ordinary row.
     */
    static double[][] softmaxRows(Rng rng, int classes) {
        double[][] rows = new double[13][classes];
        double[] scales = {1, 10, 400, 1, 0, 0, 1, 1, 1, 1, 1, 1, 3};
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < classes; c++) {
                rows[r][c] = rng.nextGaussian() * scales[r];
            }
        }
        rows[3][rng.nextInt(classes)] = 50;
        rows[3][rng.nextInt(classes)] = 50;
        java.util.Arrays.fill(rows[4], -0.0);
        rows[4][rng.nextInt(classes)] = 0.0;
        java.util.Arrays.fill(rows[5], 0.0);
        rows[5][rng.nextInt(classes)] = -0.0;
        rows[6][classes - 1] = 1e6;
        rows[7][0] = -1e30;
        rows[8][rng.nextInt(classes)] = Double.NaN;
        rows[9][rng.nextInt(classes)] = Double.POSITIVE_INFINITY;
        rows[10][rng.nextInt(classes)] = Double.NEGATIVE_INFINITY;
        java.util.Arrays.fill(rows[11], Double.NEGATIVE_INFINITY);
        return rows;
    }

    /**
     * The raw bits of x, one value for every NaN: the sign and payload of a NaN that an operation makes are not fixed
     * in Java (the same scalar code gives a positive or a negative NaN depending on how the JIT compiled it).
     */
    static long bits(double x) {
        return Double.isNaN(x) ? 0x7ff8000000000000L : Double.doubleToRawLongBits(x);
    }

    static long bits(float x) {
        return Float.isNaN(x) ? 0x7fc00000L : Float.floatToRawIntBits(x);
    }

    /** The fused first-layer kernels of the Gromov MLP: the values of the kernels they fuse, and plain = vector. */
    @Test
    void fusedFirstLayerKernelsGiveTheValuesOfTheKernelsTheyFuse() {
        Rng rng = new Rng(69);
        for (int len : new int[] {1, 7, 16, 17, 33, 62, 256, 500}) {
            float[] x = random(rng, 3 * len + 5);
            float[] g = random(rng, len + 2);
            float scale = 0.37f;
            int a = 1, b = 2 * len + 3; // two rows of x (of acc) that do not overlap
            // (x[a] + x[b]) · scale, then squared
            float[] wantPre = new float[len + 4];
            float[] wantOut = new float[len + 4];
            Kernels.plain().addRowsScaled(x, a, b, scale, wantPre, 4, len);
            Kernels.plain().square(wantPre, 4, wantOut, 4, len);
            for (Kernels k : new Kernels[] {Kernels.plain(), Kernels.vector()}) {
                float[] pre = new float[len + 4];
                float[] out = new float[len + 4];
                k.addRowsScaledSquared(x, a, b, scale, pre, out, 4, len);
                assertBitIdentical(wantPre, pre, "pre, len " + len + ", " + k.describe());
                assertBitIdentical(wantOut, out, "out, len " + len + ", " + k.describe());
            }
            // g · (2x) · scale added into two rows of acc
            float[] want = random(rng, 3 * len + 5);
            float[] start = want.clone();
            float[] d = new float[len];
            Kernels.plain().squareBackwardScaled(g, 2, x, 1, scale, d, 0, len);
            Kernels.plain().axpy(1f, d, 0, want, a, len);
            Kernels.plain().axpy(1f, d, 0, want, b, len);
            for (Kernels k : new Kernels[] {Kernels.plain(), Kernels.vector()}) {
                float[] acc = start.clone();
                k.squareBackwardScaledIntoRows(g, 2, x, 1, scale, acc, a, b, len);
                assertBitIdentical(want, acc, "acc, len " + len + ", " + k.describe());
            }
        }
    }

    /** Every shape up to 19 × 19 (no, part and several 8 × 8 tiles, ragged edges) and the models' own. */
    @Test
    void vectorTransposeCopiesEveryValueToItsPlaceAsThePlainOneDoes() {
        Rng rng = new Rng(68);
        List<int[]> shapes = new ArrayList<>(List.of(new int[] {256, 62}, new int[] {62, 256},
                new int[] {500, 194}, new int[] {194, 500}, new int[] {100, 100}, new int[] {100, 3}));
        for (int r = 1; r <= 19; r++) {
            for (int c = 1; c <= 19; c++) {
                shapes.add(new int[] {r, c});
            }
        }
        for (int[] s : shapes) {
            int r = s[0], c = s[1];
            float[] src = random(rng, r * c);
            float[] plain = new float[r * c];
            float[] vector = new float[r * c];
            java.util.Arrays.fill(vector, Float.NaN); // every place must be written
            Kernels.plain().transpose(src, plain, r, c);
            Kernels.vector().transpose(src, vector, r, c);
            for (int i = 0; i < r; i++) {
                for (int j = 0; j < c; j++) {
                    assertEquals(src[i * c + j], plain[j * r + i], "plain " + r + "x" + c + " (" + i + ", " + j + ")");
                }
            }
            assertBitIdentical(plain, vector, "transpose " + r + "x" + c);
        }
    }

    @Test
    void vectorSoftmaxCrossEntropyGivesThePlainBitsOnEveryRowLength() {
        Rng rng = new Rng(67);
        for (int classes : SOFTMAX_CLASSES) {
            double[][] rows = softmaxRows(rng, classes);
            int n = rows.length;
            float[] out = new float[n * classes];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < classes; c++) {
                    out[i * classes + c] = (float) rows[i][c];
                }
                labels[i] = rng.nextInt(classes);
            }
            float scale = 1f / (n * classes);
            for (boolean gradient : new boolean[] {true, false}) {
                float[] dPlain = gradient ? new float[n * classes] : null;
                float[] dVector = gradient ? new float[n * classes] : null;
                double plain = Kernels.plain().softmaxCrossEntropy(out, labels, n, classes, scale, dPlain);
                double vector = Kernels.vector().softmaxCrossEntropy(out, labels, n, classes, scale, dVector);
                assertEquals(KernelsTest.bits(plain), KernelsTest.bits(vector),
                        "loss, classes=" + classes + ": plain " + plain + " vector " + vector);
                // each row alone, so that a finite row's loss is checked even where another row's NaN hides it
                for (int i = 0; i < n; i++) {
                    float[] row = java.util.Arrays.copyOfRange(out, i * classes, (i + 1) * classes);
                    int[] label = {labels[i]};
                    assertEquals(bits(Kernels.plain().softmaxCrossEntropy(row, label, 1, classes, scale, null)),
                            bits(Kernels.vector().softmaxCrossEntropy(row, label, 1, classes, scale, null)),
                            "loss of row " + i + ", classes=" + classes);
                }
                if (gradient) {
                    for (int i = 0; i < dPlain.length; i++) {
                        assertEquals(bits(dPlain[i]), bits(dVector[i]),
                                "dOut[" + i + "], classes=" + classes + ": plain " + dPlain[i] + " vector "
                                        + dVector[i]);
                    }
                }
            }
        }
    }
}
