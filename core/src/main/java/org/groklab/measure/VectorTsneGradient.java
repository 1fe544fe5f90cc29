package org.groklab.measure;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The t-SNE gradient on the Vector API, with the bits of {@link PlainTsneGradient} (the order in
 * {@link TsneGradient}). The coordinates are split into two arrays, xs and ys, so that points i..i+L-1 lie side by
 * side.
 *
 * <p>The quotients: a row of q(i, j) at a time, a lane per j (the whole row, both sides of the diagonal, since
 * q(j, i) has the bits of q(i, j)); sumQ then added up in the plain order, one scalar chain.
 *
 * <p>The gradient: a lane per point i, L points at a time, each lane walking j = 0..rows-1 in order exactly as the
 * plain loop does for its point. Lanes i..i+L-1 of pair j read num[j·rows + i ..] and p[j·rows + i ..], contiguous,
 * which hold q(i, j) and p(i, j) because both matrices are symmetric bit for bit. The term j = i is left out by a
 * mask, as the plain loop skips it (it is not always zero: ∞ − ∞ is NaN). Multiplications and additions stay
 * separate operations, as in the plain loop (no fused multiply-add), and q / sumQ stays a division. The last
 * (rows mod L) points go through the plain loop.
 */
final class VectorTsneGradient implements TsneGradient {
    static final VectorTsneGradient INSTANCE = new VectorTsneGradient();
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorTsneGradient() {
    }

    /** Points per vector. */
    static int lanes() {
        return L;
    }

    @Override
    public void gradient(double[] y, double[] p, double[] num, int rows, double scale, double[] grad) {
        int full = rows - rows % L;
        if (full == 0) {
            PlainTsneGradient.INSTANCE.gradient(y, p, num, rows, scale, grad);
            return;
        }
        double[] xs = new double[rows];
        double[] ys = new double[rows];
        for (int i = 0; i < rows; i++) {
            xs[i] = y[2 * i];
            ys[i] = y[2 * i + 1];
        }
        double sumQ = quotients(xs, ys, num, rows, full);
        double[] gxs = new double[full];
        double[] gys = new double[full];
        for (int i = 0; i < full; i += L) {
            block(xs, ys, p, num, rows, scale, sumQ, i, gxs, gys);
        }
        for (int i = 0; i < full; i++) {
            grad[2 * i] = gxs[i];
            grad[2 * i + 1] = gys[i];
        }
        for (int i = full; i < rows; i++) {
            PlainTsneGradient.row(y, p, num, rows, scale, sumQ, i, grad);
        }
    }

    /** Writes every q(i, j) (and 1 on the diagonal, never read) and returns their sum in the plain order. */
    private static double quotients(double[] xs, double[] ys, double[] num, int rows, int full) {
        DoubleVector one = DoubleVector.broadcast(S, 1.0);
        double sumQ = 0;
        for (int i = 0; i < rows; i++) {
            double xi = xs[i];
            double yi = ys[i];
            DoubleVector xiv = DoubleVector.broadcast(S, xi);
            DoubleVector yiv = DoubleVector.broadcast(S, yi);
            int base = i * rows;
            int j = 0;
            for (; j < full; j += L) {
                DoubleVector dx = xiv.sub(DoubleVector.fromArray(S, xs, j));
                DoubleVector dy = yiv.sub(DoubleVector.fromArray(S, ys, j));
                one.div(one.add(dx.mul(dx)).add(dy.mul(dy))).intoArray(num, base + j);
            }
            for (; j < rows; j++) {
                double dx = xi - xs[j];
                double dy = yi - ys[j];
                num[base + j] = 1 / (1 + dx * dx + dy * dy);
            }
            for (j = i + 1; j < rows; j++) {
                sumQ += 2 * num[base + j];
            }
        }
        return sumQ;
    }

    /** 4·gx and 4·gy of the points i0..i0+L-1, into gxs and gys at i0. */
    private static void block(double[] xs, double[] ys, double[] p, double[] num, int rows, double scale, double sumQ,
                              int i0, double[] gxs, double[] gys) {
        DoubleVector xi = DoubleVector.fromArray(S, xs, i0);
        DoubleVector yi = DoubleVector.fromArray(S, ys, i0);
        DoubleVector gx = DoubleVector.zero(S);
        DoubleVector gy = DoubleVector.zero(S);
        int j = 0;
        for (; j < i0; j++) {
            DoubleVector m = weight(p, num, j * rows + i0, scale, sumQ);
            gx = gx.add(m.mul(xi.sub(xs[j])));
            gy = gy.add(m.mul(yi.sub(ys[j])));
        }
        DoubleVector lane = DoubleVector.zero(S).addIndex(1);
        for (; j < i0 + L; j++) {
            VectorMask<Double> other = lane.compare(VectorOperators.NE, j - i0);
            DoubleVector m = weight(p, num, j * rows + i0, scale, sumQ);
            gx = gx.blend(gx.add(m.mul(xi.sub(xs[j]))), other);
            gy = gy.blend(gy.add(m.mul(yi.sub(ys[j]))), other);
        }
        for (; j < rows; j++) {
            DoubleVector m = weight(p, num, j * rows + i0, scale, sumQ);
            gx = gx.add(m.mul(xi.sub(xs[j])));
            gy = gy.add(m.mul(yi.sub(ys[j])));
        }
        gx.mul(4.0).intoArray(gxs, i0);
        gy.mul(4.0).intoArray(gys, i0);
    }

    /** m = (scale·p − max(q / sumQ, 1e-12))·q of L pairs. */
    private static DoubleVector weight(double[] p, double[] num, int off, double scale, double sumQ) {
        DoubleVector q = DoubleVector.fromArray(S, num, off);
        return DoubleVector.fromArray(S, p, off).mul(scale).sub(q.div(sumQ).max(1e-12)).mul(q);
    }

}
