package org.groklab.bench;

import java.util.SplittableRandom;
import org.groklab.math.Kernels;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One matrix product per invocation, per layout and shape (the list of bench/gemm-shapes.txt); bench/kernels.sh
 * turns the average time into GFLOP/s (2·m·k·n per product).
 */
public class GemmBenchmark extends KernelProtocol {
    /** "layout m k n", as in bench/gemm-shapes.txt. */
    @Param({"mm 1024 1024 1024", "tA 1024 1024 1024", "tB 1024 1024 1024", "tB 4705 500 97", "tA 97 4705 500",
        "mm 4705 97 500", "mm 67 500 24", "tB 24 500 67", "mm 911 24 67", "tA 24 911 67", "tB 911 67 24",
        "mm 24 67 500", "tA 67 24 500", "tA 500 67 24", "tB 67 24 500", "tB 32 50 1000", "tA 1000 32 50",
        "tB 32 50 500", "tA 500 32 50", "mm 32 500 1", "tA 1 32 500", "mm 32 1 500", "tB 32 50 64", "tA 64 32 50",
        "tB 481 256 31", "tA 31 481 256", "mm 481 31 256", "mm 256 500 113"})
    public String shape;

    @Param({"vector"})
    public String kernels;

    private Kernels k;
    private String layout;
    private int m, kk, n;
    private float[] a, b, c;

    @Setup
    public void setup() {
        String[] f = shape.trim().split("\\s+");
        layout = f[0];
        m = Integer.parseInt(f[1]);
        kk = Integer.parseInt(f[2]);
        n = Integer.parseInt(f[3]);
        k = switch (kernels) {
            case "vector" -> Kernels.vector();
            case "plain" -> Kernels.plain();
            default -> Kernels.preferred();
        };
        SplittableRandom rng = new SplittableRandom(1);
        a = new float[m * kk];
        b = new float[kk * n];
        c = new float[m * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rng.nextDouble(-1, 1);
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) rng.nextDouble(-1, 1);
        }
    }

    @Benchmark
    public float[] product() {
        switch (layout) {
            case "mm" -> k.matmul(a, 0, b, 0, c, 0, m, kk, n, false);
            case "tA" -> k.matmulTransA(a, 0, b, 0, c, 0, m, kk, n, false);
            case "tB" -> k.matmulTransB(a, 0, b, 0, c, 0, m, kk, n, false);
            default -> throw new IllegalArgumentException("layout " + layout + ": expected mm, tA or tB");
        }
        return c;
    }
}
