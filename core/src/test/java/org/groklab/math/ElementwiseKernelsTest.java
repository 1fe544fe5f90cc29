package org.groklab.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jdk.incubator.vector.FloatVector;
import org.junit.jupiter.api.Test;

/**
 * Every element-wise and row operation of {@link Kernels#vector()} gives the bits of {@link Kernels#plain()}, at
 * every length from 0 to past two vector widths, at several offsets, on data with signed zeros, infinities,
 * NaN, tiny and huge values; nothing outside the given window changes. The plain twins are checked against
 * independent arithmetic (float64 sums, StrictMath.tanh) in {@link #plainReductionsAgreeWithFloat64} and TanhTest.
 */
class ElementwiseKernelsTest {
    private static final int L = FloatVector.SPECIES_PREFERRED.length();
    private static final int MAX_LEN = 2 * L + 19;
    private static final int[] OFFSETS = {0, 1, 3};
    private static final float[] SPECIAL = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, 1e-20f, -1e-20f, 0.55f, -0.55f, 0.5499999f, 20f, -25f, 9f};

    /** Random values, one in eight from {@link #SPECIAL} when {@code specials}. */
    private static float[] data(Rng rng, int len, boolean specials) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = specials && rng.nextInt(8) == 0 ? SPECIAL[rng.nextInt(SPECIAL.length)]
                    : (float) (rng.nextGaussian() * (rng.nextInt(4) == 0 ? 10 : 1));
        }
        return x;
    }

    private static void assertSameBits(float[] plain, float[] vector, String what) {
        assertEquals(plain.length, vector.length, what + ": lengths");
        for (int i = 0; i < plain.length; i++) {
            int p = Float.floatToRawIntBits(plain[i]);
            int v = Float.floatToRawIntBits(vector[i]);
            boolean bothNaN = Float.isNaN(plain[i]) && Float.isNaN(vector[i]);
            if (p != v && !bothNaN) {
                fail(what + ": element " + i + " plain=" + plain[i] + " (0x" + Integer.toHexString(p) + ") vector="
                        + vector[i] + " (0x" + Integer.toHexString(v) + ")");
            }
        }
    }

    /**
     * Runs {@code op} with both kernel sets on copies of the same arrays, for every length and offset, and
     * compares every array afterwards.
     */
    private interface Op {
        void run(Kernels k, float[][] arrays, int off, int len);
    }

    private static void check(String name, int arrays, boolean specials, Op op) {
        Rng rng = new Rng(name.hashCode());
        int cases = 0;
        for (int len = 0; len <= MAX_LEN; len++) {
            for (int off : OFFSETS) {
                float[][] in = new float[arrays][];
                for (int a = 0; a < arrays; a++) {
                    in[a] = data(rng, off + len + 5, specials);
                }
                float[][] p = copy(in);
                float[][] v = copy(in);
                op.run(Kernels.plain(), p, off, len);
                op.run(Kernels.vector(), v, off, len);
                for (int a = 0; a < arrays; a++) {
                    String what = name + " len=" + len + " off=" + off + " array " + a + " L=" + L;
                    assertSameBits(p[a], v[a], what);
                    for (int i = 0; i < in[a].length; i++) {
                        if (i < off || i >= off + len) {
                            assertEquals(Float.floatToRawIntBits(in[a][i]), Float.floatToRawIntBits(v[a][i]),
                                    what + ": element " + i + " outside the window changed");
                        }
                    }
                }
                cases++;
            }
        }
        assertEquals((MAX_LEN + 1) * OFFSETS.length, cases, name + ": cases");
    }

    private static float[][] copy(float[][] in) {
        float[][] out = new float[in.length][];
        for (int i = 0; i < in.length; i++) {
            out[i] = in[i].clone();
        }
        return out;
    }

    @Test
    void reluForwardAndBackwardMatchTheirPlainTwins() {
        check("relu", 2, true, (k, a, off, len) -> k.relu(a[0], off, a[1], off, len));
        check("relu in place", 1, true, (k, a, off, len) -> k.relu(a[0], off, a[0], off, len));
        check("reluBackward", 2, true, (k, a, off, len) -> k.reluBackward(a[0], off, a[1], off, len));
    }

    @Test
    void tanhAndItsDerivativeMatchTheirPlainTwins() {
        check("tanh", 2, true, (k, a, off, len) -> k.tanh(a[0], off, a[1], off, len));
        check("tanhBackward", 2, true, (k, a, off, len) -> k.tanhBackward(a[0], off, a[1], off, len));
    }

    @Test
    void squareAxpyAndScaleMatchTheirPlainTwins() {
        check("square", 2, true, (k, a, off, len) -> k.square(a[0], off, a[1], off, len));
        check("axpy", 2, true, (k, a, off, len) -> k.axpy(-0.37f, a[0], off, a[1], off, len));
        check("scale", 1, true, (k, a, off, len) -> k.scale(1.7f, a[0], off, len));
    }

    @Test
    void rowSumsAndTheSquaresGradientMatchTheirPlainTwins() {
        check("addRowsScaled", 2, true, (k, a, off, len) -> k.addRowsScaled(a[0], off, 4, 0.7f, a[1], off, len));
        check("squareBackwardScaled", 3, true,
                (k, a, off, len) -> k.squareBackwardScaled(a[0], off, a[1], off, 1.3f, a[2], off, len));
        check("squareBackwardScaled in place", 2, true,
                (k, a, off, len) -> k.squareBackwardScaled(a[0], off, a[1], off, -0.3f, a[0], off, len));
    }

    @Test
    void biasAddAndColumnSumsMatchTheirPlainTwinsForEveryRowWidth() {
        Rng rng = new Rng(3);
        int cases = 0;
        for (int cols = 0; cols <= MAX_LEN; cols++) {
            for (int rows : new int[] {0, 1, 2, 5, 33}) {
                for (int off : OFFSETS) {
                    String what = " rows=" + rows + " cols=" + cols + " off=" + off + " L=" + L;
                    float[] x = data(rng, off + rows * cols + 3, true);
                    float[] b = data(rng, off + cols + 3, true);
                    float[] px = x.clone(), vx = x.clone();
                    Kernels.plain().addBias(px, off, rows, cols, b, off);
                    Kernels.vector().addBias(vx, off, rows, cols, b, off);
                    assertSameBits(px, vx, "addBias" + what);
                    assertUntouched(x, vx, off, rows * cols, "addBias" + what);
                    for (boolean acc : new boolean[] {false, true}) {
                        float[] pd = b.clone(), vd = b.clone();
                        Kernels.plain().sumRows(x, off, rows, cols, pd, off, acc);
                        Kernels.vector().sumRows(x, off, rows, cols, vd, off, acc);
                        assertSameBits(pd, vd, "sumRows acc=" + acc + what);
                        assertUntouched(b, vd, off, cols, "sumRows" + what);
                    }
                    cases++;
                }
            }
        }
        assertEquals((MAX_LEN + 1) * 5 * OFFSETS.length, cases, "cases");
    }

    private static void assertUntouched(float[] before, float[] after, int off, int len, String what) {
        for (int i = 0; i < before.length; i++) {
            if (i < off || i >= off + len) {
                assertEquals(Float.floatToRawIntBits(before[i]), Float.floatToRawIntBits(after[i]),
                        what + ": element " + i + " outside the window changed");
            }
        }
    }

    @Test
    void sumsOfSquaresAndAbsoluteValuesMatchTheirPlainTwinsBitForBit() {
        Rng rng = new Rng(11);
        for (int len = 0; len <= 4 * Reductions.STRIPES + MAX_LEN; len++) {
            for (int off : OFFSETS) {
                float[] x = data(rng, off + len + 2, false);
                for (boolean squares : new boolean[] {true, false}) {
                    double p = squares ? Kernels.plain().sumSquares(x, off, len) : Kernels.plain().sumAbs(x, off, len);
                    double v = squares ? Kernels.vector().sumSquares(x, off, len)
                            : Kernels.vector().sumAbs(x, off, len);
                    assertEquals(Double.doubleToRawLongBits(p), Double.doubleToRawLongBits(v),
                            (squares ? "sumSquares" : "sumAbs") + " len=" + len + " off=" + off + ": plain=" + p
                                    + " vector=" + v);
                }
            }
        }
    }

    /** The plain sums against a float64 sum in index order, and against the documented order written out here. */
    @Test
    void plainReductionsAgreeWithFloat64() {
        Rng rng = new Rng(12);
        for (int len : new int[] {0, 1, 15, 16, 17, 100, 1000, 12345}) {
            float[] x = data(rng, len, false);
            double sq = 0, ab = 0;
            double[] stripes = new double[16];
            int full = len - len % 16;
            for (int i = 0; i < len; i++) {
                sq += (double) x[i] * x[i];
                ab += Math.abs((double) x[i]);
                if (i < full) {
                    stripes[i % 16] += (double) x[i] * x[i];
                }
            }
            double[] s = stripes;
            double ordered = ((((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7])))
                    + (((s[8] + s[9]) + (s[10] + s[11])) + ((s[12] + s[13]) + (s[14] + s[15]))));
            for (int i = full; i < len; i++) {
                ordered += (double) x[i] * x[i];
            }
            double gotSq = Kernels.plain().sumSquares(x, 0, len);
            assertEquals(Double.doubleToRawLongBits(ordered), Double.doubleToRawLongBits(gotSq),
                    "sumSquares len=" + len + " follows the documented order");
            assertTrue(Math.abs(gotSq - sq) <= 1e-12 * sq, "sumSquares len=" + len + ": " + gotSq + " vs " + sq);
            double gotAb = Kernels.plain().sumAbs(x, 0, len);
            assertTrue(Math.abs(gotAb - ab) <= 1e-12 * ab, "sumAbs len=" + len + ": " + gotAb + " vs " + ab);
        }
    }

    @Test
    void plainElementwiseOpsFollowTheirDocumentedExpressions() {
        Rng rng = new Rng(13);
        float[] x = data(rng, 200, true);
        float[] y = data(rng, 200, true);
        float[] r = new float[200];
        Kernels.plain().relu(x, 0, r, 0, 200);
        float[] g = y.clone();
        Kernels.plain().reluBackward(g, 0, x, 0, 200);
        float[] ax = y.clone();
        Kernels.plain().axpy(0.3f, x, 0, ax, 0, 200);
        for (int i = 0; i < 200; i++) {
            float relu = x[i] > 0 ? x[i] : 0f;
            assertEquals(Float.floatToRawIntBits(relu), Float.floatToRawIntBits(r[i]), "relu " + x[i]);
            float back = x[i] <= 0 ? 0f : y[i];
            assertSameBits(new float[] {back}, new float[] {g[i]}, "reluBackward at " + x[i]);
            assertSameBits(new float[] {y[i] + 0.3f * x[i]}, new float[] {ax[i]}, "axpy");
        }
    }
}
