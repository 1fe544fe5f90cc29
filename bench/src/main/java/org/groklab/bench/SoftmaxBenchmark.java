package org.groklab.bench;

import java.util.SplittableRandom;
import org.groklab.math.Kernels;
import org.groklab.math.Kernels64;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * The softmax cross-entropy with its gradient, vector against plain, in float32 and float64, on the full batches of
 * pair-modadd (911 training pairs × 67 classes) and of a 5,107 × 113 batch (p = 113 at a 40% split).
 */
public class SoftmaxBenchmark extends KernelProtocol {
    @Param({"911x67", "5107x113"})
    public String shape;

    @Param({"vector", "plain"})
    public String kernels;

    private Kernels k;
    private Kernels64 k64;
    private int n;
    private int classes;
    private float[] out;
    private float[] dOut;
    private double[] out64;
    private double[] dOut64;
    private int[] labels;

    @Setup
    public void setup() {
        k = kernels(kernels);
        k64 = kernels.equals("plain") ? Kernels64.plain() : Kernels64.vector();
        int[] s = shape(shape);
        n = s[0];
        classes = s[1];
        SplittableRandom rng = new SplittableRandom(3);
        out = new float[n * classes];
        dOut = new float[n * classes];
        out64 = new double[n * classes];
        dOut64 = new double[n * classes];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (rng.nextGaussian() * 3);
            out64[i] = out[i];
        }
        labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = rng.nextInt(classes);
        }
    }

    @Benchmark
    public double float32() {
        return k.softmaxCrossEntropy(out, labels, n, classes, 1f / n, dOut);
    }

    @Benchmark
    public double float64() {
        return k64.softmaxCrossEntropy(out64, labels, n, classes, n, dOut64);
    }
}
