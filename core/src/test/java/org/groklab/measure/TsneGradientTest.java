package org.groklab.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.groklab.math.Kernels;
import org.groklab.math.Rng;
import org.junit.jupiter.api.Test;

/**
 * The vector t-SNE gradient gives its plain twin's bits: one iteration on maps of every size around the vector width
 * (including coincident points and signed zeros), whole maps of several sizes, duplicate and all-zero inputs, and a
 * map of a parity snapshot's size (300 points × width 64, scikit-learn's defaults).
 */
class TsneGradientTest {

    /** Bits, so that a −0.0 against a +0.0 or another NaN counts as a difference. */
    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }

    /** Joint probabilities of random points in 5 dimensions, symmetric bit for bit as the contract asks. */
    private static double[] affinities(int rows, Rng rng) {
        float[] x = gaussian(rows, 5, rng);
        return Tsne.affinities(Tsne.squaredDistances(x, rows, 5), rows, Math.min(30, (rows - 1) / 3.0));
    }

    private static float[] gaussian(int rows, int dim, Rng rng) {
        float[] x = new float[rows * dim];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        return x;
    }

    /** Hidden activations of a parity network: relu(W x) of random ±1 inputs over 50 bits, W Gaussian / √50. */
    static float[] parityHidden(int rows, int width, long seed) {
        Rng rng = new Rng(seed);
        float[] w = new float[width * 50];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rng.nextGaussian() / Math.sqrt(50));
        }
        float[] h = new float[rows * width];
        float[] x = new float[50];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < 50; c++) {
                x[c] = rng.nextGaussian() > 0 ? 1f : -1f;
            }
            for (int k = 0; k < width; k++) {
                float s = 0;
                for (int c = 0; c < 50; c++) {
                    s += w[k * 50 + c] * x[c];
                }
                h[i * width + k] = Math.max(s, 0f);
            }
        }
        return h;
    }

    private static void assertSameGradient(double[] y, double[] p, int rows, double scale, String what) {
        double[] want = new double[2 * rows];
        double[] got = new double[2 * rows];
        PlainTsneGradient.INSTANCE.gradient(y, p, new double[rows * rows], rows, scale, want);
        VectorTsneGradient.INSTANCE.gradient(y, p, new double[rows * rows], rows, scale, got);
        assertArrayEquals(bits(want), bits(got), what + ", " + rows + " points, scale " + scale);
    }

    @Test
    void oneIterationHasThePlainBitsOnEverySizeAroundTheVectorWidth() {
        Rng rng = new Rng(11);
        int lanes = VectorTsneGradient.lanes();
        for (int rows : new int[] {2, 3, 7, lanes - 1, lanes, lanes + 1, 2 * lanes + 1, 33, 64, 65}) {
            if (rows < 2) {
                continue;
            }
            double[] p = affinities(rows, rng);
            double[] y = new double[2 * rows];
            for (int i = 0; i < y.length; i++) {
                y[i] = rng.nextGaussian() * Math.pow(10, rng.nextInt(7) - 3);
            }
            assertSameGradient(y, p, rows, 12, "random map");
            assertSameGradient(y, p, rows, 1, "random map");
            // coincident points (q = 1, zero differences) and signed zeros
            double[] dup = y.clone();
            for (int i = 0; i + 1 < rows; i += 3) {
                dup[2 * i + 2] = dup[2 * i];
                dup[2 * i + 3] = dup[2 * i + 1];
            }
            dup[0] = -0.0;
            dup[1] = 0.0;
            assertSameGradient(dup, p, rows, 12, "coincident points");
            assertSameGradient(new double[2 * rows], p, rows, 1, "every point at 0");
        }
    }

    @Test
    void theSymmetrisedAffinitiesAreSymmetricBitForBit() {
        Rng rng = new Rng(3);
        for (int rows : new int[] {2, 9, 40}) {
            double[] p = affinities(rows, rng);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < rows; j++) {
                    assertEquals(Double.doubleToRawLongBits(p[i * rows + j]),
                            Double.doubleToRawLongBits(p[j * rows + i]), "p(" + i + ", " + j + ")");
                }
            }
        }
    }

    private static void assertSameMap(Tsne tsne, float[] x, int rows, int dim, String what) {
        double[] want = tsne.plainLoops().embed(x, rows, dim);
        double[] got = tsne.vectorLoops().embed(x, rows, dim);
        assertArrayEquals(bits(want), bits(got), what + ", " + rows + " × " + dim);
    }

    @Test
    void wholeMapsHaveThePlainBits() {
        // 300 iterations: both the exaggerated start (250) and the rest
        Tsne tsne = new Tsne(30, 300, 0);
        Rng rng = new Rng(5);
        for (int rows : new int[] {2, 7, 9, 33}) {
            assertSameMap(tsne, gaussian(rows, 6, rng), rows, 6, "Gaussian points");
        }
        float[] dup = gaussian(33, 4, rng);
        for (int i = 1; i < 33; i += 2) {
            System.arraycopy(dup, (i - 1) * 4, dup, i * 4, 4);
        }
        assertSameMap(tsne, dup, 33, 4, "every point twice");
        assertSameMap(tsne, new float[19 * 3], 19, 3, "all zeros (the random start)");
    }

    @Test
    void inputsWithNaNOrInfinityGiveThePlainMapToo() {
        // a run that diverged: NaN or infinite activations
        Tsne tsne = new Tsne(5, 300, 0);
        float[] nan = gaussian(20, 5, new Rng(2));
        nan[7] = Float.NaN;
        assertSameMap(tsne, nan, 20, 5, "one NaN");
        float[] inf = gaussian(20, 5, new Rng(2));
        inf[3] = Float.POSITIVE_INFINITY;
        assertSameMap(tsne, inf, 20, 5, "one infinity");
    }

    @Test
    void theLanewiseMaximumIsMathMax() {
        // the vector loops take max(q / sumQ, 1e-12) lane by lane: NaN and signed zeros as Math.max has them
        double[] v = {Double.NaN, -0.0, 0.0, 1e-13, 1e-11, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1e-12};
        int lanes = VectorTsneGradient.lanes();
        double[] padded = new double[(v.length + lanes - 1) / lanes * lanes];
        System.arraycopy(v, 0, padded, 0, v.length);
        double[] got = new double[padded.length];
        for (int i = 0; i < padded.length; i += lanes) {
            jdk.incubator.vector.DoubleVector.fromArray(jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED, padded, i)
                    .max(1e-12).intoArray(got, i);
        }
        for (int i = 0; i < padded.length; i++) {
            assertEquals(Double.doubleToRawLongBits(Math.max(padded[i], 1e-12)), Double.doubleToRawLongBits(got[i]),
                    "max(" + padded[i] + ", 1e-12)");
        }
        for (double a : new double[] {-0.0, 0.0}) {
            for (double b : new double[] {-0.0, 0.0}) {
                double lane = jdk.incubator.vector.DoubleVector.broadcast(
                        jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED, a).max(b).lane(0);
                assertEquals(Double.doubleToRawLongBits(Math.max(a, b)), Double.doubleToRawLongBits(lane),
                        "max(" + a + ", " + b + ")");
            }
        }
    }

    @Test
    void aParitySnapshotsMapHasThePlainBits() {
        assertSameMap(Tsne.defaults(), parityHidden(300, 64, 1), 300, 64, "hidden activations");
    }

    @Test
    void thePlainLoopsServeWhereTheKernelsArePlain() {
        boolean plainKernels = !Kernels.vectorPreferred();
        assertEquals(plainKernels, TsneGradient.preferred() == PlainTsneGradient.INSTANCE,
                "kernels: " + Kernels.describeActive());
    }

    private static final int WARM_ROWS = 45;

    private static double[][] warmingInput() {
        Rng rng = new Rng(9);
        double[] p = affinities(WARM_ROWS, rng);
        double[] y = new double[2 * WARM_ROWS];
        for (int i = 0; i < y.length; i++) {
            y[i] = rng.nextGaussian();
        }
        double[] want = new double[2 * WARM_ROWS];
        PlainTsneGradient.INSTANCE.gradient(y, p, new double[WARM_ROWS * WARM_ROWS], WARM_ROWS, 12, want);
        return new double[][] {y, p, want};
    }

    private static double[] step(TsneGradient g, double[][] in) {
        double[] grad = new double[2 * WARM_ROWS];
        g.gradient(in[0], in[1], new double[WARM_ROWS * WARM_ROWS], WARM_ROWS, 12, grad);
        return grad;
    }

    @Test
    void theWarmingGradientGivesThePlainBitsBeforeAndAfterItIsWarm() {
        WarmingTsneGradient g = new WarmingTsneGradient(VectorTsneGradient.INSTANCE, Long.MAX_VALUE);
        double[][] in = warmingInput();
        assertArrayEquals(bits(in[2]), bits(step(g, in)));
        assertFalse(g.started(), "maps start no warm-up before the threshold");
        assertFalse(g.warm());
        g.awaitWarm();
        assertTrue(g.warm());
        assertArrayEquals(bits(in[2]), bits(step(g, in)));
    }

    @Test
    void mapsStartTheWarmUpOnceThePlainLoopsHaveDoneEnough() {
        long pairs = (long) WARM_ROWS * WARM_ROWS;
        WarmingTsneGradient g = new WarmingTsneGradient(VectorTsneGradient.INSTANCE, 3 * pairs);
        double[][] in = warmingInput();
        step(g, in);
        step(g, in);
        assertFalse(g.started(), "2 iterations of 3 allowed");
        assertArrayEquals(bits(in[2]), bits(step(g, in)));
        assertTrue(g.started(), "started by the third iteration");
        g.awaitWarm();
        assertArrayEquals(bits(in[2]), bits(step(g, in)));
    }
}
