package org.groklab.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link PopulationKernels} on the Vector API: lane l of every vector is member g + l of a group of L members, so
 * every fused multiply-add is a whole vector of members whatever the shape of one member's product. Output elements
 * are computed in register blocks of 4 rows × 4 columns (16 accumulators; 4 loads of A and 4 of B per step of the
 * shared dimension), the edges in blocks of 4 × 1, 1 × 4 and 1 × 1. Members past the last whole group of L run in
 * the plain twin's loops (a population keeps its width a multiple of {@link #lanes()} to avoid them). Each lane's
 * arithmetic is the plain twin's chain of fused multiply-adds over t in index order, so the bits do not depend on the
 * vector width or on the blocking.
 */
final class VectorPopulationKernels implements PopulationKernels {
    static final VectorPopulationKernels INSTANCE = new VectorPopulationKernels();
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private VectorPopulationKernels() {
    }

    @Override
    public String describe() {
        return "vector, " + S.vectorBitSize() + "-bit (" + L + " members per vector)";
    }

    @Override
    public int lanes() {
        return L;
    }

    @Override
    public void matmul(int members, float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        product(members, a, k, 1, b, n, 1, c, m, k, n, accumulate);
    }

    @Override
    public void matmulTransA(int members, float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        product(members, a, 1, m, b, n, 1, c, m, k, n, accumulate);
    }

    @Override
    public void matmulTransB(int members, float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate) {
        product(members, a, k, 1, b, 1, k, c, m, k, n, accumulate);
    }

    private static void product(int p, float[] a, int ars, int acs, float[] b, int brs, int bcs, float[] c, int m,
                                int k, int n, boolean acc) {
        // element strides in floats: A(r,t) at (r·ars + t·acs)·p + g
        int ar = ars * p, at = acs * p, bt = brs * p, bj = bcs * p;
        int m4 = m - m % 4, n4 = n - n % 4;
        int full = p - p % L;
        for (int g = 0; g < full; g += L) {
            for (int j = 0; j < n4; j += 4) {
                for (int r = 0; r < m4; r += 4) {
                    block4x4(a, r * ar + g, ar, at, b, j * bj + g, bj, bt, c, (r * n + j) * p + g, n * p, p, k, acc);
                }
                for (int r = m4; r < m; r++) {
                    block1x4(a, r * ar + g, at, b, j * bj + g, bj, bt, c, (r * n + j) * p + g, p, k, acc);
                }
            }
            for (int j = n4; j < n; j++) {
                for (int r = 0; r < m4; r += 4) {
                    block4x1(a, r * ar + g, ar, at, b, j * bj + g, bt, c, (r * n + j) * p + g, n * p, k, acc);
                }
                for (int r = m4; r < m; r++) {
                    FloatVector s = start(c, (r * n + j) * p + g, acc);
                    for (int t = 0, ai = r * ar + g, bi = j * bj + g; t < k; t++, ai += at, bi += bt) {
                        s = ld(a, ai).fma(ld(b, bi), s);
                    }
                    s.intoArray(c, (r * n + j) * p + g);
                }
            }
        }
        PlainPopulationKernels.product(p, full, p, a, ars, acs, b, brs, bcs, c, m, k, n, acc);
    }

    private static FloatVector ld(float[] x, int i) {
        return FloatVector.fromArray(S, x, i);
    }

    private static FloatVector start(float[] c, int i, boolean acc) {
        return acc ? FloatVector.fromArray(S, c, i) : FloatVector.zero(S);
    }

    /** Rows r..r+3 × columns j..j+3: a0 = A(r,0), b0 = B(0,j), c0 = C(r,j) of lane 0; cr, cj the strides of C. */
    private static void block4x4(float[] a, int a0, int ar, int at, float[] b, int b0, int bj, int bt, float[] c,
                                 int c0, int cr, int cj, int k, boolean acc) {
        FloatVector s00 = start(c, c0, acc), s01 = start(c, c0 + cj, acc);
        FloatVector s02 = start(c, c0 + 2 * cj, acc), s03 = start(c, c0 + 3 * cj, acc);
        FloatVector s10 = start(c, c0 + cr, acc), s11 = start(c, c0 + cr + cj, acc);
        FloatVector s12 = start(c, c0 + cr + 2 * cj, acc), s13 = start(c, c0 + cr + 3 * cj, acc);
        FloatVector s20 = start(c, c0 + 2 * cr, acc), s21 = start(c, c0 + 2 * cr + cj, acc);
        FloatVector s22 = start(c, c0 + 2 * cr + 2 * cj, acc);
        FloatVector s23 = start(c, c0 + 2 * cr + 3 * cj, acc);
        FloatVector s30 = start(c, c0 + 3 * cr, acc), s31 = start(c, c0 + 3 * cr + cj, acc);
        FloatVector s32 = start(c, c0 + 3 * cr + 2 * cj, acc);
        FloatVector s33 = start(c, c0 + 3 * cr + 3 * cj, acc);
        for (int t = 0, ai = a0, bi = b0; t < k; t++, ai += at, bi += bt) {
            FloatVector x0 = ld(a, ai), x1 = ld(a, ai + ar);
            FloatVector x2 = ld(a, ai + 2 * ar), x3 = ld(a, ai + 3 * ar);
            FloatVector y0 = ld(b, bi), y1 = ld(b, bi + bj);
            FloatVector y2 = ld(b, bi + 2 * bj), y3 = ld(b, bi + 3 * bj);
            s00 = x0.fma(y0, s00);
            s01 = x0.fma(y1, s01);
            s02 = x0.fma(y2, s02);
            s03 = x0.fma(y3, s03);
            s10 = x1.fma(y0, s10);
            s11 = x1.fma(y1, s11);
            s12 = x1.fma(y2, s12);
            s13 = x1.fma(y3, s13);
            s20 = x2.fma(y0, s20);
            s21 = x2.fma(y1, s21);
            s22 = x2.fma(y2, s22);
            s23 = x2.fma(y3, s23);
            s30 = x3.fma(y0, s30);
            s31 = x3.fma(y1, s31);
            s32 = x3.fma(y2, s32);
            s33 = x3.fma(y3, s33);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + cj);
        s02.intoArray(c, c0 + 2 * cj);
        s03.intoArray(c, c0 + 3 * cj);
        s10.intoArray(c, c0 + cr);
        s11.intoArray(c, c0 + cr + cj);
        s12.intoArray(c, c0 + cr + 2 * cj);
        s13.intoArray(c, c0 + cr + 3 * cj);
        s20.intoArray(c, c0 + 2 * cr);
        s21.intoArray(c, c0 + 2 * cr + cj);
        s22.intoArray(c, c0 + 2 * cr + 2 * cj);
        s23.intoArray(c, c0 + 2 * cr + 3 * cj);
        s30.intoArray(c, c0 + 3 * cr);
        s31.intoArray(c, c0 + 3 * cr + cj);
        s32.intoArray(c, c0 + 3 * cr + 2 * cj);
        s33.intoArray(c, c0 + 3 * cr + 3 * cj);
    }

    /** One row × columns j..j+3. */
    private static void block1x4(float[] a, int a0, int at, float[] b, int b0, int bj, int bt, float[] c, int c0,
                                 int cj, int k, boolean acc) {
        FloatVector s0 = start(c, c0, acc), s1 = start(c, c0 + cj, acc);
        FloatVector s2 = start(c, c0 + 2 * cj, acc), s3 = start(c, c0 + 3 * cj, acc);
        for (int t = 0, ai = a0, bi = b0; t < k; t++, ai += at, bi += bt) {
            FloatVector x = ld(a, ai);
            s0 = x.fma(ld(b, bi), s0);
            s1 = x.fma(ld(b, bi + bj), s1);
            s2 = x.fma(ld(b, bi + 2 * bj), s2);
            s3 = x.fma(ld(b, bi + 3 * bj), s3);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + cj);
        s2.intoArray(c, c0 + 2 * cj);
        s3.intoArray(c, c0 + 3 * cj);
    }

    /** Rows r..r+3 × one column. */
    private static void block4x1(float[] a, int a0, int ar, int at, float[] b, int b0, int bt, float[] c, int c0,
                                 int cr, int k, boolean acc) {
        FloatVector s0 = start(c, c0, acc), s1 = start(c, c0 + cr, acc);
        FloatVector s2 = start(c, c0 + 2 * cr, acc), s3 = start(c, c0 + 3 * cr, acc);
        for (int t = 0, ai = a0, bi = b0; t < k; t++, ai += at, bi += bt) {
            FloatVector y = ld(b, bi);
            s0 = ld(a, ai).fma(y, s0);
            s1 = ld(a, ai + ar).fma(y, s1);
            s2 = ld(a, ai + 2 * ar).fma(y, s2);
            s3 = ld(a, ai + 3 * ar).fma(y, s3);
        }
        s0.intoArray(c, c0);
        s1.intoArray(c, c0 + cr);
        s2.intoArray(c, c0 + 2 * cr);
        s3.intoArray(c, c0 + 3 * cr);
    }
}
