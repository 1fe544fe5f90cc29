import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.groklab.math.KernelSpeed;
import org.groklab.math.Kernels;

/**
 * groklab's side of bench/kernels.sh: GFLOP/s of each product of bench/gemm-shapes.txt with the active kernels,
 * and the core's fused multiply-add peak, measured by {@link KernelSpeed}. The same method as bench/gemm_torch.py:
 * 3 s of warm-up per shape, then repetitions of about 0.3 s; GFLOP/s from the wall clock and from the thread's CPU
 * time. Prints one RESULT line per shape: median [min-max] over the repetitions, labelled with the side (default
 * groklab; bench/kernels.sh --baseline labels an older jar's lines "baseline").
 *
 *   java --add-modules jdk.incubator.vector -cp groklab.jar bench/GemmShapes.java bench/gemm-shapes.txt [reps] [side]
 */
public class GemmShapes {
    static String side = "groklab";

    public static void main(String[] args) throws Exception {
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        side = args.length > 2 ? args[2] : "groklab";
        Kernels k = Kernels.preferred();
        Kernels.awaitPreferredWarm();
        System.out.println("kernels: " + Kernels.describeActive());
        print("fma-peak", "-", "peak", KernelSpeed.fmaPeak(3000, reps, 300));
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            String[] s = l.split("\\s+");
            int m = Integer.parseInt(s[2]), kk = Integer.parseInt(s[3]), n = Integer.parseInt(s[4]);
            KernelSpeed.Layout layout = KernelSpeed.Layout.valueOf(s[1].toUpperCase(Locale.ROOT));
            print(s[0], s[1], m + "x" + kk + "x" + n, KernelSpeed.product(k, layout, m, kk, n, 3000, reps, 300));
        }
    }

    static void print(String name, String layout, String shape, KernelSpeed.Speed sp) {
        System.out.printf(Locale.ROOT, "RESULT side=%s name=%s layout=%s shape=%s wall_gflops=%.1f wall_min=%.1f "
                + "wall_max=%.1f cpu_gflops=%.1f cpu_min=%.1f cpu_max=%.1f%n", side, name, layout, shape, sp.wall(),
                sp.wallMin(), sp.wallMax(), sp.cpu(), sp.cpuMin(), sp.cpuMax());
    }
}
