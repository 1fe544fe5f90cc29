import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.groklab.math.Kernels;

/**
 * groklab's side of bench/kernels.sh: GFLOP/s of each product of bench/gemm-shapes.txt with the active kernels,
 * and the core's fused multiply-add peak (12 independent vector FMA chains). The same method as
 * bench/gemm_torch.py: each repetition runs the product for at least 0.3 s; GFLOP/s from the wall clock and from
 * the thread's CPU time (the machine is shared: CPU time leaves out the time other processes held the core).
 * Prints one RESULT line per shape: median [min-max] over the repetitions.
 *
 *   java --add-modules jdk.incubator.vector -cp groklab.jar bench/GemmShapes.java bench/gemm-shapes.txt [reps]
 */
public class GemmShapes {
    static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        List<String[]> shapes = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                shapes.add(l.split("\\s+"));
            }
        }
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Kernels k = Kernels.get();
        System.out.println("kernels: " + Kernels.describeActive());
        peak(reps);
        for (String[] s : shapes) {
            String name = s[0], layout = s[1];
            int m = Integer.parseInt(s[2]), kk = Integer.parseInt(s[3]), n = Integer.parseInt(s[4]);
            SplittableRandom rng = new SplittableRandom(1);
            float[] a = new float[m * kk], b = new float[kk * n], c = new float[m * n];
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) rng.nextDouble(-1, 1);
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = (float) rng.nextDouble(-1, 1);
            }
            double flops = 2.0 * m * kk * n;
            Runnable op = switch (layout) {
                case "mm" -> () -> k.matmul(a, 0, b, 0, c, 0, m, kk, n, false);
                case "tA" -> () -> k.matmulTransA(a, 0, b, 0, c, 0, m, kk, n, false);
                case "tB" -> () -> k.matmulTransB(a, 0, b, 0, c, 0, m, kk, n, false);
                default -> throw new IllegalArgumentException(layout);
            };
            // warm-up: 3 s (the JIT compiles the kernels late on a loaded machine), then size a repetition to 0.3 s
            long calls = 1;
            long t0 = System.nanoTime();
            while (System.nanoTime() - t0 < 3_000_000_000L) {
                op.run();
                calls++;
            }
            long per = Math.max(1, (long) (calls * 0.1));
            double[] wall = new double[reps], cpu = new double[reps];
            for (int r = 0; r < reps; r++) {
                long c0 = MX.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                for (long q = 0; q < per; q++) {
                    op.run();
                }
                wall[r] = flops * per / (System.nanoTime() - w0);
                cpu[r] = flops * per / (MX.getCurrentThreadCpuTime() - c0);
            }
            System.out.printf("RESULT side=groklab name=%s layout=%s shape=%dx%dx%d %s %s%n", name, layout, m, kk, n,
                    stats("wall", wall), stats("cpu", cpu));
        }
    }

    static String stats(String key, double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return String.format("%s_gflops=%.1f %s_min=%.1f %s_max=%.1f", key, s[s.length / 2], key, s[0], key,
                s[s.length - 1]);
    }

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    /** Twelve independent chains of vector FMAs: enough to cover the FMA latency of two units. */
    static float chains(long iters) {
        FloatVector b = FloatVector.broadcast(S, 0.999f), c = FloatVector.broadcast(S, 0.001f);
        FloatVector a0 = c, a1 = c, a2 = c, a3 = c, a4 = c, a5 = c, a6 = c, a7 = c, a8 = c, a9 = c, a10 = c, a11 = c;
        for (long i = 0; i < iters; i++) {
            a0 = a0.fma(b, c);
            a1 = a1.fma(b, c);
            a2 = a2.fma(b, c);
            a3 = a3.fma(b, c);
            a4 = a4.fma(b, c);
            a5 = a5.fma(b, c);
            a6 = a6.fma(b, c);
            a7 = a7.fma(b, c);
            a8 = a8.fma(b, c);
            a9 = a9.fma(b, c);
            a10 = a10.fma(b, c);
            a11 = a11.fma(b, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(VectorOperators.ADD);
    }

    static void peak(int reps) {
        long iters = 20_000_000;
        float sink = 0;
        for (int w = 0; w < 3; w++) {
            sink += chains(iters);
        }
        double[] wall = new double[reps], cpu = new double[reps];
        for (int r = 0; r < reps; r++) {
            long c0 = MX.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            sink += chains(iters);
            double flops = 2.0 * 12 * S.length() * iters;
            wall[r] = flops / (System.nanoTime() - w0);
            cpu[r] = flops / (MX.getCurrentThreadCpuTime() - c0);
        }
        System.out.printf("RESULT side=groklab name=fma-peak layout=- shape=%d-lanes %s %s sink=%s%n", S.length(),
                stats("wall", wall), stats("cpu", cpu), sink > 0 ? "+" : "-");
    }
}
