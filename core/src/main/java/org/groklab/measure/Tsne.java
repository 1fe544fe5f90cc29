package org.groklab.measure;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.groklab.math.Rng;

/**
 * Exact t-SNE (van der Maaten and Hinton 2008) into two dimensions, with scikit-learn's defaults (which the thesis's
 * {@code TSNE(n_components=2)} used for Figure 2.2): perplexity 30, early exaggeration 12 for the first 250 of 1000
 * iterations, momentum 0.5 then 0.8, learning rate max(N / 12 / 4, 50), delta-bar-delta gains (min 0.01), and a
 * PCA start scaled to a standard deviation of 1e-4 on the first axis. Exact (O(N²) per iteration) rather than
 * Barnes-Hut: the maps here have a few hundred to a few thousand points.
 *
 * <p>Written here rather than taken from a library: the Java options are Smile (large, GPL-licensed since 3.0) and
 * T-SNE-Java (unmaintained); the algorithm is a page. Deterministic: the same input gives the same map.
 */
public final class Tsne {
    private final double perplexity;
    private final int iterations;
    private final long seed;
    private final TsneGradient gradient;

    /**
     * With the gradient loops of {@link TsneGradient#preferred()}: the Vector API ones where it is accelerated, once
     * the process has mapped enough on the plain loops to repay compiling them.
     */
    public Tsne(double perplexity, int iterations, long seed) {
        this(perplexity, iterations, seed, TsneGradient.preferred());
    }

    private Tsne(double perplexity, int iterations, long seed, TsneGradient gradient) {
        this.perplexity = perplexity;
        this.iterations = iterations;
        this.seed = seed;
        this.gradient = gradient;
    }

    /** scikit-learn's defaults (perplexity 30, 1000 iterations); the perplexity is capped at (N − 1) / 3. */
    public static Tsne defaults() {
        return new Tsne(30, 1000, 0);
    }

    /** The same t-SNE with the gradient in straightforward loops: the same map bit for bit (tests, benchmarks). */
    public Tsne plainLoops() {
        return new Tsne(perplexity, iterations, seed, PlainTsneGradient.INSTANCE);
    }

    /**
     * The same t-SNE with the gradient on the Vector API whether or not it is accelerated here (where it is not, it
     * runs many times slower than the plain loops): the same map bit for bit, for tests and benchmarks.
     */
    public Tsne vectorLoops() {
        return new Tsne(perplexity, iterations, seed, VectorTsneGradient.INSTANCE);
    }

    /** The 2-D map of {@code rows} points of {@code dim} coordinates (row-major), as [rows × 2] row-major. */
    public double[] embed(float[] x, int rows, int dim) {
        if (rows < 2) {
            return new double[rows * 2];
        }
        double[] p = affinities(squaredDistances(x, rows, dim), rows, Math.min(perplexity, (rows - 1) / 3.0));
        double[] y = pcaStart(x, rows, dim);
        double[] update = new double[rows * 2];
        double[] gains = new double[rows * 2];
        java.util.Arrays.fill(gains, 1);
        double[] grad = new double[rows * 2];
        double[] num = new double[rows * rows];
        double exaggeration = 12;
        double rate = Math.max(rows / exaggeration / 4, 50);
        int exploration = Math.min(250, iterations);
        for (int it = 0; it < iterations; it++) {
            boolean early = it < exploration;
            double momentum = early ? 0.5 : 0.8;
            double scale = early ? exaggeration : 1;
            gradient.gradient(y, p, num, rows, scale, grad);
            for (int i = 0; i < grad.length; i++) {
                boolean flip = update[i] * grad[i] < 0;
                gains[i] = Math.max(flip ? gains[i] + 0.2 : gains[i] * 0.8, 0.01);
                update[i] = momentum * update[i] - rate * gains[i] * grad[i];
                y[i] += update[i];
            }
        }
        return y;
    }

    static double[] squaredDistances(float[] x, int rows, int dim) {
        double[] d = new double[rows * rows];
        for (int i = 0; i < rows; i++) {
            for (int j = i + 1; j < rows; j++) {
                double s = 0;
                for (int c = 0; c < dim; c++) {
                    double t = (double) x[i * dim + c] - x[j * dim + c];
                    s += t * t;
                }
                d[i * rows + j] = s;
                d[j * rows + i] = s;
            }
        }
        return d;
    }

    /** Symmetrised joint probabilities: each row's Gaussian tuned by bisection to the perplexity, then (P + Pᵀ)/2N. */
    static double[] affinities(double[] d, int rows, double perplexity) {
        double target = Math.log(perplexity);
        double[] cond = new double[rows * rows];
        double[] row = new double[rows];
        for (int i = 0; i < rows; i++) {
            double beta = 1;
            double lo = Double.NEGATIVE_INFINITY;
            double hi = Double.POSITIVE_INFINITY;
            for (int tries = 0; tries < 100; tries++) {
                double sum = 0;
                double dotDp = 0;
                for (int j = 0; j < rows; j++) {
                    row[j] = j == i ? 0 : Math.exp(-d[i * rows + j] * beta);
                    sum += row[j];
                }
                if (sum == 0) {
                    sum = 1e-300;
                }
                for (int j = 0; j < rows; j++) {
                    row[j] /= sum;
                    dotDp += d[i * rows + j] * row[j];
                }
                double entropy = Math.log(sum) + beta * dotDp;
                double diff = entropy - target;
                if (Math.abs(diff) < 1e-5) {
                    break;
                }
                if (diff > 0) {
                    lo = beta;
                    beta = hi == Double.POSITIVE_INFINITY ? beta * 2 : (beta + hi) / 2;
                } else {
                    hi = beta;
                    beta = lo == Double.NEGATIVE_INFINITY ? beta / 2 : (beta + lo) / 2;
                }
            }
            System.arraycopy(row, 0, cond, i * rows, rows);
        }
        double[] p = new double[rows * rows];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < rows; j++) {
                p[i * rows + j] = Math.max((cond[i * rows + j] + cond[j * rows + i]) / (2.0 * rows), 1e-12);
            }
        }
        return p;
    }

    /** The first two principal components, scaled so that the first has standard deviation 1e-4. */
    double[] pcaStart(float[] x, int rows, int dim) {
        DMatrixRMaj m = new DMatrixRMaj(rows, dim);
        for (int c = 0; c < dim; c++) {
            double mean = 0;
            for (int i = 0; i < rows; i++) {
                mean += x[i * dim + c];
            }
            mean /= rows;
            for (int i = 0; i < rows; i++) {
                m.data[i * dim + c] = x[i * dim + c] - mean;
            }
        }
        double[] y = new double[rows * 2];
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(rows, dim, true, false, true);
        if (dim >= 1 && svd.decompose(m)) {
            DMatrixRMaj u = svd.getU(null, false);
            double[] s = svd.getSingularValues();
            Integer[] order = new Integer[s.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(s[b], s[a]));
            for (int comp = 0; comp < Math.min(2, s.length); comp++) {
                int c = order[comp];
                for (int i = 0; i < rows; i++) {
                    y[2 * i + comp] = u.get(i, c) * s[c];
                }
            }
        }
        double std = 0;
        for (int i = 0; i < rows; i++) {
            std += y[2 * i] * y[2 * i];
        }
        std = Math.sqrt(std / rows);
        if (!(std > 0)) {
            Rng rng = Rng.stream(seed, "tsne");
            for (int i = 0; i < y.length; i++) {
                y[i] = 1e-4 * rng.nextGaussian();
            }
            return y;
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = y[i] / std * 1e-4;
        }
        return y;
    }
}
