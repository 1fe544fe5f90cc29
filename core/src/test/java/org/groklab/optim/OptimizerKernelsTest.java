package org.groklab.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.groklab.math.Kernels;
import org.groklab.model.Param;
import org.groklab.model.Precision;
import org.junit.jupiter.api.Test;

/**
 * Adam and SGD give the same bits with the vector kernels as with their plain twins, for float32 and float64
 * parameters whose lengths are not multiples of any vector width, every decay rule, with and without decay, over
 * several steps: weights and optimizer state. (The plain twins are the optimizers' own loops; OptimizerTest checks
 * those against PyTorch's update rules.)
 */
class OptimizerKernelsTest {
    private static final int[] SIZES = {1, 7, 37, 131};

    private static List<Param> params(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Param> ps = new java.util.ArrayList<>();
        for (int size : SIZES) {
            Param f = new Param("f" + size, size);
            Param d = new Param("d" + size, Precision.FLOAT64, size);
            for (int i = 0; i < size; i++) {
                f.data()[i] = (float) r.nextGaussian();
                d.values64()[i] = r.nextGaussian();
            }
            f.data()[0] = 0f;
            d.values64()[0] = -0.0;
            ps.add(f);
            ps.add(d);
        }
        return ps;
    }

    private static void gradients(List<Param> ps, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        for (Param p : ps) {
            for (int i = 0; i < p.size(); i++) {
                if (p.isFloat64()) {
                    p.grad64()[i] = r.nextGaussian() * 0.1;
                } else {
                    p.grad()[i] = (float) (r.nextGaussian() * 0.1);
                }
            }
        }
    }

    private static void assertSameBits(List<Param> want, List<Param> got, String what) {
        for (int k = 0; k < want.size(); k++) {
            Param a = want.get(k);
            Param b = got.get(k);
            for (int i = 0; i < a.size(); i++) {
                long x = a.isFloat64() ? Double.doubleToRawLongBits(a.values64()[i]) : Float.floatToRawIntBits(a.data()[i]);
                long y = b.isFloat64() ? Double.doubleToRawLongBits(b.values64()[i]) : Float.floatToRawIntBits(b.data()[i]);
                assertEquals(x, y, what + ": " + a.name() + "[" + i + "]");
            }
        }
    }

    private static void assertSameState(Optimizer a, Optimizer b, String what) {
        Map<String, float[]> sa = a.state();
        Map<String, float[]> sb = b.state();
        assertEquals(sa.keySet(), sb.keySet(), what);
        sa.forEach((k, v) -> {
            for (int i = 0; i < v.length; i++) {
                assertEquals(Float.floatToRawIntBits(v[i]), Float.floatToRawIntBits(sb.get(k)[i]), what + " " + k);
            }
        });
        Map<String, double[]> da = a.state64();
        Map<String, double[]> db = b.state64();
        assertEquals(da.keySet(), db.keySet(), what);
        da.forEach((k, v) -> {
            for (int i = 0; i < v.length; i++) {
                assertEquals(Double.doubleToRawLongBits(v[i]), Double.doubleToRawLongBits(db.get(k)[i]), what + " " + k);
            }
        });
    }

    private static void compare(Optimizer plain, Optimizer vector, boolean float64, String what) {
        List<Param> a = params(5);
        List<Param> b = params(5);
        if (!float64) {
            a = a.stream().filter(p -> !p.isFloat64()).toList();
            b = b.stream().filter(p -> !p.isFloat64()).toList();
        }
        for (int step = 1; step <= 3; step++) {
            gradients(a, step);
            gradients(b, step);
            plain.step(a, 1e-2f, 1e-2);
            vector.step(b, 1e-2f, 1e-2);
            assertSameBits(a, b, what + " step " + step);
        }
        assertSameState(plain, vector, what);
    }

    @Test
    void adamGivesTheSameBitsWithVectorAndPlainKernels() {
        for (WeightDecay decay : WeightDecay.values()) {
            for (double lambda : new double[] {0, 0.5}) {
                compare(new Adam(0.9, 0.98, 1e-8, lambda, decay, Kernels.plain()),
                        new Adam(0.9, 0.98, 1e-8, lambda, decay, Kernels.vector()), true,
                        "Adam " + decay + " lambda " + lambda);
            }
        }
    }

    @Test
    void sgdGivesTheSameBitsWithVectorAndPlainKernels() {
        for (WeightDecay decay : WeightDecay.values()) {
            for (double momentum : new double[] {0, 0.9}) {
                for (boolean nesterov : new boolean[] {false, true}) {
                    compare(new Sgd(momentum, nesterov, 0.5, decay, Kernels.plain()),
                            new Sgd(momentum, nesterov, 0.5, decay, Kernels.vector()), false,
                            "SGD " + decay + " momentum " + momentum + " nesterov " + nesterov);
                }
            }
        }
    }
}
