package org.groklab.measure;

import org.groklab.math.Kernels;

/**
 * One iteration of exact t-SNE's gradient, the loop that takes nearly all of a map's time. Two implementations give
 * the same bits on every input: {@link PlainTsneGradient} (straightforward loops, the oracle) and
 * {@link VectorTsneGradient} (the Vector API, a lane per point i). The order of the arithmetic is the contract:
 * <ul>
 *   <li>q(i, j) = 1 / (1 + dx·dx + dy·dy), dx = y[2i] − y[2j], dy = y[2i+1] − y[2j+1], written to num[i·rows + j]
 *       for every i ≠ j (q(j, i) has the same bits as q(i, j), since (−a)·(−a) = a·a);</li>
 *   <li>sumQ = 0, then sumQ += 2·q(i, j) for i ascending and, within it, j = i+1 ascending: one chain;</li>
 *   <li>for each i: gx = 0, then for j = 0..rows-1 ascending except j = i,
 *       m = (scale·p[i·rows + j] − max(q(i, j) / sumQ, 1e-12))·q(i, j) and gx += m·(y[2i] − y[2j]), likewise gy
 *       with the second coordinates; grad[2i] = 4·gx, grad[2i+1] = 4·gy.</li>
 * </ul>
 * No fused multiply-add anywhere. p must be symmetric bit for bit (the symmetrised affinities are).
 */
interface TsneGradient {

    /**
     * Writes the gradient of the map y ([rows × 2] row-major) to grad, with the affinities p ([rows × rows], each
     * multiplied by {@code scale}); num ([rows × rows]) is scratch space for the q(i, j).
     */
    void gradient(double[] y, double[] p, double[] num, int rows, double scale, double[] grad);

    /**
     * The Vector API loops where the Vector API runs on vector instructions here (the choice of
     * {@link Kernels#preferred()}: plain under {@code -Dgroklab.simd=false} or where it is not accelerated), begun on
     * the plain loops until the process has mapped enough to repay compiling them ({@link WarmingTsneGradient}; from
     * the first iteration on under {@code -Dgroklab.kernels.warmup=false}); the plain ones otherwise. All give the
     * same bits, so the choice never changes a map.
     */
    static TsneGradient preferred() {
        return Preferred.CHOICE;
    }

    /** The choice of {@link #preferred()}, made once. */
    final class Preferred {
        static final TsneGradient CHOICE = !Kernels.vectorPreferred() ? PlainTsneGradient.INSTANCE
                : Boolean.parseBoolean(System.getProperty("groklab.kernels.warmup", "true"))
                ? new WarmingTsneGradient(VectorTsneGradient.INSTANCE) : VectorTsneGradient.INSTANCE;

        private Preferred() {
        }
    }
}
