package org.groklab.bench;

import java.util.SplittableRandom;
import org.groklab.math.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The transpose, vector against plain, on the Gromov MLP's first layer: quick-modadd's 256 × 62 weights (and their
 * gradient, 62 × 256) and gromov-quadratic's 500 × 194; the model transposes both every step.
 */
public class TransposeBenchmark extends KernelProtocol {
    @Param({"256x62", "62x256", "500x194"})
    public String shape;

    @Param({"vector", "plain"})
    public String kernels;

    private Kernels k;
    private float[] src, dst;
    private int rows, cols;

    @Setup
    public void setup() {
        k = kernels(kernels);
        int[] rc = shape(shape);
        rows = rc[0];
        cols = rc[1];
        SplittableRandom rng = new SplittableRandom(3);
        src = new float[rows * cols];
        dst = new float[rows * cols];
        for (int i = 0; i < src.length; i++) {
            src[i] = (float) rng.nextDouble(-3, 3);
        }
    }

    @Benchmark
    public float[] transpose() {
        k.transpose(src, dst, rows, cols);
        return dst;
    }
}
