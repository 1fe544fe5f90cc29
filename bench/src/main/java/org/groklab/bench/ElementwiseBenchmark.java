package org.groklab.bench;

import java.util.SplittableRandom;
import org.groklab.math.AdamStep;
import org.groklab.math.DecayRule;
import org.groklab.math.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/** The element-wise and row kernels, vector against plain, on a parity layer (32 × 1000) and a Gromov one. */
public class ElementwiseBenchmark extends KernelProtocol {
    @Param({"32000", "2352000"})
    public int len;

    @Param({"vector", "plain"})
    public String kernels;

    private Kernels k;
    private float[] x, y, g, m, v;
    private int[] labels;
    private AdamStep adam;

    @Setup
    public void setup() {
        k = kernels(kernels);
        SplittableRandom rng = new SplittableRandom(2);
        x = new float[len];
        y = new float[len];
        g = new float[len];
        m = new float[len];
        v = new float[len];
        for (int i = 0; i < len; i++) {
            x[i] = (float) rng.nextDouble(-3, 3);
            g[i] = (float) rng.nextDouble(-0.1, 0.1);
        }
        labels = new int[len / 100];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(100);
        }
        adam = new AdamStep(0.9f, 0.98f, 1e-8f, 1e-3f, 1f, DecayRule.DECOUPLED, 1e-3f, 0.5f);
    }

    @Benchmark
    public float[] relu() {
        k.relu(x, 0, y, 0, len);
        return y;
    }

    @Benchmark
    public float[] tanh() {
        k.tanh(x, 0, y, 0, len);
        return y;
    }

    @Benchmark
    public float[] axpy() {
        k.axpy(1e-9f, x, 0, y, 0, len);
        return y;
    }

    @Benchmark
    public double sumSquares() {
        return k.sumSquares(x, 0, len);
    }

    @Benchmark
    public float[] adamUpdate() {
        k.adamUpdate(y, g, m, v, 0, len, adam);
        return y;
    }

    @Benchmark
    public double softmaxCrossEntropy() {
        return k.softmaxCrossEntropy(x, labels, labels.length, 100, 0.01f, g);
    }
}
