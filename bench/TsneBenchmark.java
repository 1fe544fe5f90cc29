/*
 * t-SNE benchmark (a program, not a test): ms per map of groklab's exact t-SNE (scikit-learn's defaults: perplexity
 * 30, 1,000 iterations) with the gradient in plain loops and on the Vector API, for maps of the size the parity
 * figures draw (300 points of hidden activations, widths 64 to 1,000). Run from the repository root with a JDK 25
 * after `mvn -B -q -pl core -DskipTests package`:
 *
 *   java --add-modules jdk.incubator.vector -cp core/target/groklab.jar bench/TsneBenchmark.java \
 *        [--points N] [--widths 64,500] [--warmup MAPS] [--reps R]
 *
 * Protocol: --warmup maps (default 3) of each variant and width untimed, then --reps (default 5) rounds, each
 * timing one plain map and one vector map in turn; prints the median and min-max of the wall clock and of the CPU
 * time of the thread (the figure to trust on a shared machine), and the map before its iterations (distances,
 * affinities and the PCA start, the same code for both variants). Both variants must give the same bits; the
 * program checks it. One thread, as each map of a run's figures is.
 *
 * The points: hidden activations of a parity network at initialisation, relu(W x) of random ±1 inputs over 50 bits,
 * W Gaussian with standard deviation 1/√50.
 */

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.groklab.math.Rng;
import org.groklab.measure.Tsne;

public class TsneBenchmark {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        int points = 300;
        int[] widths = {64, 500};
        int warmup = 3;
        int reps = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--points" -> points = Integer.parseInt(args[++i]);
                case "--widths" -> widths = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("unknown argument " + args[i]
                            + " (allowed: --points N, --widths W1,W2, --warmup MAPS, --reps R)");
                    System.exit(2);
                }
            }
        }
        System.out.printf("t-SNE benchmark: %d points, widths %s, %d warm-up maps, %d reps, JDK %s, %d cores%n",
                points, Arrays.toString(widths), warmup, reps, Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        System.out.println("ms per map: median (min-max); cpu = CPU time of the thread");
        Tsne tsne = Tsne.defaults();
        Tsne before = new Tsne(30, 0, 0); // no iterations: distances, affinities and the PCA start only
        for (int width : widths) {
            float[] x = hidden(points, width, 1);
            int n = points;
            for (int w = 0; w < warmup; w++) {
                tsne.plainLoops().embed(x, n, width);
                tsne.vectorLoops().embed(x, n, width);
                before.embed(x, n, width);
            }
            double[][] plain = new double[2][reps];
            double[][] vector = new double[2][reps];
            double[][] setup = new double[2][reps];
            double[] mapPlain = null;
            double[] mapVector = null;
            for (int r = 0; r < reps; r++) {
                mapPlain = time(() -> tsne.plainLoops().embed(x, n, width), plain, r);
                mapVector = time(() -> tsne.vectorLoops().embed(x, n, width), vector, r);
                time(() -> before.embed(x, n, width), setup, r);
            }
            boolean same = Arrays.equals(bits(mapPlain), bits(mapVector));
            double ratio = median(plain[1]) / median(vector[1]);
            System.out.printf("width %4d: plain %s cpu %s | vector %s cpu %s | before the iterations cpu %s"
                            + " | plain/vector (cpu) %.2f | same bits: %s%n", width, show(plain[0]), show(plain[1]),
                    show(vector[0]), show(vector[1]), show(setup[1]), ratio, same ? "yes" : "NO");
            if (!same) {
                System.exit(1);
            }
        }
    }

    /** Runs the map once; records wall and thread CPU ms at index r; returns the map. */
    private static double[] time(Supplier<double[]> map, double[][] ms, int r) {
        long c0 = CPU.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        double[] y = map.get();
        ms[0][r] = (System.nanoTime() - t0) / 1e6;
        ms[1][r] = (CPU.getCurrentThreadCpuTime() - c0) / 1e6;
        return y;
    }

    private static String show(double[] ms) {
        double[] s = ms.clone();
        Arrays.sort(s);
        return String.format("%.1f (%.1f-%.1f)", median(ms), s[0], s[s.length - 1]);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static long[] bits(double[] v) {
        long[] b = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = Double.doubleToRawLongBits(v[i]);
        }
        return b;
    }

    /** relu(W x) for random ±1 inputs x over 50 bits, W Gaussian / √50: [rows × width]. */
    private static float[] hidden(int rows, int width, long seed) {
        Rng rng = new Rng(seed);
        float[] w = new float[width * 50];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (rng.nextGaussian() / Math.sqrt(50));
        }
        float[] h = new float[rows * width];
        float[] in = new float[50];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < 50; c++) {
                in[c] = rng.nextGaussian() > 0 ? 1f : -1f;
            }
            for (int k = 0; k < width; k++) {
                float s = 0;
                for (int c = 0; c < 50; c++) {
                    s += w[k * 50 + c] * in[c];
                }
                h[i * width + k] = Math.max(s, 0f);
            }
        }
        return h;
    }
}
