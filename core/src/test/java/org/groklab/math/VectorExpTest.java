package org.groklab.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** VectorExp against the scalar functions it twins, bit for bit (raw bits, so NaN payloads and −0 count too). */
class VectorExpTest {
    private static final int RANDOM = 1 << 20;

    /** Random doubles: uniform over the interesting range, raw bit patterns, small magnitudes, [−2, 2]. */
    private static double[] randomInputs(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[RANDOM];
        for (int i = 0; i < RANDOM; i++) {
            x[i] = switch (i % 4) {
                case 0 -> -760 + 1480 * r.nextDouble();
                case 1 -> Double.longBitsToDouble(r.nextLong());
                case 2 -> (r.nextBoolean() ? -1 : 1) * Math.scalb(r.nextDouble(), -r.nextInt(64));
                default -> -2 + 4 * r.nextDouble();
            };
        }
        return x;
    }

    /** 0, ±0, tiny, the thresholds of both functions and their neighbours, subnormal results, NaNs, infinities. */
    private static double[] edgeInputs() {
        List<Double> v = new ArrayList<>();
        double[] points = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 0x1p-28, -0x1p-28,
            0x1p-29, 1e-300, 0.5 * Math.log(2), -0.5 * Math.log(2), 1.5 * Math.log(2), -1.5 * Math.log(2), 1, -1,
            -708, -708.39, -708.4, -709, -709.08, -709.78, -720, -744.44, -745.13321910194110842,
            -745.1332191019411, -745.2, -745.3, -746, -1000, 708, 709, 709.5, 709.78, 0x1.62e42fefa39efp9, 709.79,
            710, 1000, Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
            Double.NaN, Double.longBitsToDouble(0x7ff0000000000001L), Double.longBitsToDouble(0xfff8000000000123L)};
        for (double p : points) {
            v.add(p);
            v.add(Math.nextUp(p));
            v.add(Math.nextDown(p));
            for (int s = 1; s <= 40; s++) {
                v.add(p + s * 1e-3);
                v.add(p - s * 1e-3);
            }
        }
        for (double p = -750; p <= 715; p += 0.0625) {
            v.add(p);
        }
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void assertSameBits(double[] x, double[] got, java.util.function.DoubleUnaryOperator f,
                                       String name) {
        for (int i = 0; i < x.length; i++) {
            long want = Double.doubleToRawLongBits(f.applyAsDouble(x[i]));
            if (want != Double.doubleToRawLongBits(got[i])) {
                assertEquals(Double.toHexString(f.applyAsDouble(x[i])), Double.toHexString(got[i]),
                        name + " at x = " + x[i] + " (" + Double.toHexString(x[i]) + ")");
                assertEquals(want, Double.doubleToRawLongBits(got[i]), name + " raw bits at x = " + x[i]);
            }
        }
    }

    @Test
    void expGivesTheBitsOfExpOnRandomAndEdgeInputs() {
        for (double[] x : new double[][] {randomInputs(11), randomInputs(12), edgeInputs()}) {
            double[] y = new double[x.length];
            VectorExp.exp(x, 0, y, 0, x.length);
            assertSameBits(x, y, Exp::exp, "VectorExp.exp");
        }
    }

    @Test
    void strictExpGivesTheBitsOfStrictMathOnRandomAndEdgeInputs() {
        for (double[] x : new double[][] {randomInputs(21), randomInputs(22), edgeInputs()}) {
            double[] y = new double[x.length];
            VectorExp.strictExp(x, 0, y, 0, x.length);
            assertSameBits(x, y, StrictMath::exp, "VectorExp.strictExp");
        }
    }

    @Test
    void shiftedFormsSubtractFirstAndRespectOffsetsAndTails() {
        SplittableRandom r = new SplittableRandom(3);
        for (float shift : new float[] {3.25f, 1e6f, -1e6f}) {
            for (int len : new int[] {0, 1, 2, 7, 8, 9, 15, 16, 17, 67, 97, 113}) {
                float[] xf = new float[len + 5];
                double[] xd = new double[len + 5];
                for (int i = 0; i < xf.length; i++) {
                    xf[i] = (float) (r.nextDouble() * 40 - 30);
                    xd[i] = r.nextDouble() * 1600 - 800;
                }
                xf[4] = Float.NaN;
                double dShift = shift == 3.25f ? 700.5 : shift;
                double[] y = new double[len + 6];
                double[] z = new double[len + 6];
                y[0] = 42;
                z[0] = 42;
                VectorExp.expShifted(xf, 3, shift, y, 1, len);
                VectorExp.strictExpShifted(xd, 3, dShift, z, 1, len);
                assertEquals(42, y[0]);
                assertEquals(42, z[0]);
                for (int i = 0; i < len; i++) {
                    assertEquals(Double.doubleToRawLongBits(Exp.exp(xf[3 + i] - shift)),
                            Double.doubleToRawLongBits(y[1 + i]), "shift " + shift + " len " + len + " i " + i);
                    assertEquals(Double.doubleToRawLongBits(StrictMath.exp(xd[3 + i] - dShift)),
                            Double.doubleToRawLongBits(z[1 + i]), "shift " + dShift + " len " + len + " i " + i);
                }
                for (int i = len + 1; i < y.length; i++) {
                    assertEquals(0, y[i], "written past the window: y[" + i + "]");
                    assertEquals(0, z[i], "written past the window: z[" + i + "]");
                }
            }
        }
    }
}
