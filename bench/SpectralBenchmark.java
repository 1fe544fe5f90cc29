import java.util.Arrays;
import org.groklab.math.Rng;
import org.groklab.measure.Spectral;

/**
 * The spectral norm of a parity network's weights, which a parity run measures at every evaluation (sn_W1, sn_W2):
 * the largest singular value from EJML's full SVD (how groklab computed it first) against the square root of the
 * largest eigenvalue of the Gram matrix ({@code Spectral.spectralNorm}, now). Prints the median ms per call of each,
 * on 1 thread, after 3 s of warm-up per shape, and the largest relative difference between the two.
 *
 *   java -cp core/target/groklab.jar bench/SpectralBenchmark.java
 */
public class SpectralBenchmark {
    public static void main(String[] args) {
        int[][] shapes = {{500, 51}, {1000, 51}, {500, 31}, {500, 71}, {64, 51}, {1, 500}};
        System.out.println("| W (rows x cols) | SVD, ms | Gram eigenvalue, ms | SVD / Gram | largest relative difference |");
        System.out.println("| --- | ---: | ---: | ---: | ---: |");
        for (int[] s : shapes) {
            int rows = s[0];
            int cols = s[1];
            float[] w = new float[rows * cols];
            Rng rng = new Rng(rows * 131L + cols);
            for (int i = 0; i < w.length; i++) {
                w[i] = (float) (0.05 * rng.nextGaussian() + (i % cols < 2 ? rng.nextGaussian() : 0));
            }
            double diff = Math.abs(Spectral.singularValues(w, rows, cols)[0] - Spectral.spectralNorm(w, rows, cols))
                    / Spectral.singularValues(w, rows, cols)[0];
            warm(w, rows, cols);
            double svd = median(w, rows, cols, true);
            double gram = median(w, rows, cols, false);
            System.out.printf("| %d x %d | %.3f | %.3f | %.1fx | %.1e |%n", rows, cols, svd, gram, svd / gram, diff);
        }
    }

    private static double sink;

    private static void warm(float[] w, int rows, int cols) {
        long end = System.nanoTime() + 3_000_000_000L;
        while (System.nanoTime() < end) {
            sink += Spectral.singularValues(w, rows, cols)[0] + Spectral.spectralNorm(w, rows, cols);
        }
    }

    /** Median over 15 batches of the ms per call. */
    private static double median(float[] w, int rows, int cols, boolean svd) {
        double[] ms = new double[15];
        for (int b = 0; b < ms.length; b++) {
            int calls = 50;
            long t0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                sink += svd ? Spectral.singularValues(w, rows, cols)[0] : Spectral.spectralNorm(w, rows, cols);
            }
            ms[b] = (System.nanoTime() - t0) / 1e6 / calls;
        }
        Arrays.sort(ms);
        return ms[ms.length / 2];
    }
}
