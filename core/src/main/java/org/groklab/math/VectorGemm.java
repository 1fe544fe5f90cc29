package org.groklab.math;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * C (+)= A·B on the Vector API for any strides of A and B, in the BLIS arrangement: the shared dimension is cut into
 * blocks of KC, the rows into blocks of MC, the columns into panels of up to three vectors; an 8-row × 3-vector
 * micro-kernel keeps its 24 accumulators in registers while it walks one block of the shared dimension,
 * broadcasting A and loading B. A is read where it lies (only a last block of fewer than 8 rows is copied, with zero
 * rows); B is packed into contiguous panels (transposed B with gathers), or read where it lies when it is row-major
 * and A has few rows or B few columns. Edge tiles go through a small zero-padded tile.
 *
 * <p>The arithmetic of every output element is the one of {@link PlainKernels}: a chain of fused multiply-adds over
 * t = 0..k-1 in index order, starting from 0 (or from C when accumulating). Cutting the shared dimension into
 * blocks only stores the running sum into C (a float, exactly) and picks it up again for the next block. Padding
 * rows and columns hold zeros and their results are never written. So the bits do not depend on the vector width,
 * the block sizes, the layout of A and B, or whether a panel was packed.
 */
final class VectorGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of the micro-kernel (broadcasts from packed A). */
    static final int MR = 8;
    /** Vectors of the widest micro-kernel (loads from packed B). */
    static final int NV = 3;
    /** Block of the shared dimension: one B micro-panel (KC × 3 vectors) stays in the L1 cache. */
    private static final int KC = Integer.getInteger("groklab.gemm.kc", 192);
    /** Block of rows of A: an A block (MC × KC) stays in the L2 cache. */
    private static final int MC = Integer.getInteger("groklab.gemm.mc", 144) / MR * MR;
    /** Block of columns of B: a B block (KC × NC) stays in the L2/L3 cache. */
    private static final int NC = Math.max(NV * L, Integer.getInteger("groklab.gemm.nc", 2048) / (NV * L) * (NV * L));

    /** Up to this many columns of C, full row blocks of A are read in place rather than packed. */
    private static final int DIRECT_A_MAX_N = Integer.getInteger("groklab.gemm.directA", Integer.MAX_VALUE);

    /** Transposed B is packed with gathers (L columns at a time) rather than element by element. */
    private static final boolean GATHER = Boolean.parseBoolean(System.getProperty("groklab.gemm.gather", "true"));

    /** Up to this many rows of C (or columns), full panels of a row-major B are read in place, not packed. */
    private static final int DIRECT_B_MAX_M = Integer.getInteger("groklab.gemm.directB.m", 256);
    private static final int DIRECT_B_MAX_N = Integer.getInteger("groklab.gemm.directB.n", 128);

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        float[] a = new float[0];
        float[] b = new float[0];
        final float[] tile = new float[MR * NV * L];
        final int[] gather = new int[L];
        final int[] panelOff = new int[NC / L + 2];
        final int[] panelVec = new int[NC / L + 2];
    }

    private VectorGemm() {
    }

    /**
     * c[cOff + i·n + j] (+)= Σ_t A(i,t)·B(t,j) with A(i,t) = a[aOff + i·ars + t·acs] and
     * B(t,j) = b[bOff + t·brs + j·bcs].
     */
    static void gemm(float[] a, int aOff, int ars, int acs, float[] b, int bOff, int brs, int bcs, float[] c,
                     int cOff, int m, int k, int n, boolean acc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            if (!acc) {
                for (int i = 0; i < m; i++) {
                    Arrays.fill(c, cOff + i * n, cOff + i * n + n, 0f);
                }
            }
            return;
        }
        // A is read where it lies when n is small (each element of A serves only n / L vector FMAs, too few to
        // repay a packed copy); packed otherwise
        boolean directA = n <= DIRECT_A_MAX_N;
        // B (row-major) is read where it lies when A has few rows (each element of B serves only m / 8 micro-kernel
        // passes) or B few columns (its rows close together); its last, partial panel is still packed
        boolean directB = bcs == 1 && (m <= DIRECT_B_MAX_M || n <= DIRECT_B_MAX_N);
        Scratch s = SCRATCH.get();
        int[] gather = null;
        if (bcs != 1 && GATHER) {
            gather = s.gather;
            for (int l = 0; l < L; l++) {
                gather[l] = l * bcs;
            }
        }
        // blocks of the shared dimension of equal size (at most KC): no short last block
        int kcMax = (k + (k + KC - 1) / KC - 1) / ((k + KC - 1) / KC);
        int mcMax = Math.min(MC, roundUp(m, MR));
        int ncMax = Math.min(NC, roundUp(n, L) + NV * L);
        if (s.a.length < mcMax * kcMax) {
            s.a = new float[mcMax * kcMax];
        }
        if (s.b.length < ncMax * kcMax) {
            s.b = new float[ncMax * kcMax];
        }
        for (int jc = 0; jc < n; jc += NC) {
            int nc = Math.min(NC, n - jc);
            int panels = panelLayout(nc, s.panelOff, s.panelVec);
            for (int pc = 0; pc < k; pc += kcMax) {
                int kc = Math.min(kcMax, k - pc);
                boolean accBlock = acc || pc > 0;
                packB(b, bOff + pc * brs + jc * bcs, brs, bcs, kc, nc, panels, s.panelOff, s.panelVec, s.b, gather, directB);
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    int mcFull = mc - mc % MR;
                    if (!directA) {
                        packA(a, aOff + ic * ars + pc * acs, ars, acs, mc, kc, s.a);
                    } else if (mcFull < mc) {
                        packA(a, aOff + (ic + mcFull) * ars + pc * acs, ars, acs, mc - mcFull, kc, s.a);
                    }
                    for (int p = 0; p < panels; p++) {
                        int nv = s.panelVec[p];
                        int j0 = jc + p * NV * L;
                        int cols = Math.min(nv * L, n - j0);
                        float[] pb = s.b;
                        int bp = s.panelOff[p] * kc;
                        int ldb = nv * L;
                        if (directB && cols == nv * L) {
                            pb = b;
                            bp = bOff + pc * brs + j0;
                            ldb = brs;
                        }
                        for (int ir = 0; ir < mc; ir += MR) {
                            int rows = Math.min(MR, mc - ir);
                            float[] pa = s.a;
                            int a0 = directA ? 0 : ir * kc;
                            int rs = 1;
                            int ts = MR;
                            if (directA && rows == MR) {
                                pa = a;
                                a0 = aOff + (ic + ir) * ars + pc * acs;
                                rs = ars;
                                ts = acs;
                            }
                            int c0 = cOff + (ic + ir) * n + j0;
                            if (rows == MR && cols == nv * L) {
                                micro(nv, kc, pa, a0, rs, ts, pb, bp, ldb, c, c0, n, accBlock);
                            } else {
                                float[] t = s.tile;
                                int w = nv * L;
                                Arrays.fill(t, 0, MR * w, 0f);
                                if (accBlock) {
                                    for (int r = 0; r < rows; r++) {
                                        System.arraycopy(c, c0 + r * n, t, r * w, cols);
                                    }
                                }
                                micro(nv, kc, pa, a0, rs, ts, pb, bp, ldb, t, 0, w, true);
                                for (int r = 0; r < rows; r++) {
                                    System.arraycopy(t, r * w, c, c0 + r * n, cols);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private static int roundUp(int x, int to) {
        return (x + to - 1) / to * to;
    }

    /** Cuts nc columns into panels of NV vectors, the last one of as few vectors as cover the rest. */
    private static int panelLayout(int nc, int[] off, int[] vec) {
        int p = 0;
        int floats = 0;
        for (int j = 0; j < nc; j += NV * L) {
            int v = Math.min(NV, (nc - j + L - 1) / L);
            off[p] = floats;
            vec[p] = v;
            floats += v * L;
            p++;
        }
        return p;
    }

    /** Panel p of B (kc × vec[p]·L floats, row t after row t-1) at pb[off[p]·kc], zero beyond column nc. */
    private static void packB(float[] b, int b0, int brs, int bcs, int kc, int nc, int panels, int[] off, int[] vec,
                              float[] pb, int[] gather, boolean onlyPartial) {
        for (int p = 0; p < panels; p++) {
            int w = vec[p] * L;
            int j0 = p * NV * L;
            int cols = Math.min(w, nc - j0);
            if (onlyPartial && cols == w) {
                continue;
            }
            int dst = off[p] * kc;
            if (bcs == 1) {
                for (int t = 0; t < kc; t++) {
                    int d = dst + t * w;
                    System.arraycopy(b, b0 + t * brs + j0, pb, d, cols);
                    if (cols < w) {
                        Arrays.fill(pb, d + cols, d + w, 0f);
                    }
                }
            } else {
                if (cols < w) {
                    for (int t = 0; t < kc; t++) {
                        Arrays.fill(pb, dst + t * w + cols, dst + t * w + w, 0f);
                    }
                }
                int jj = 0;
                if (gather != null) {
                    // L columns at a time: one gather of B(t, j0+jj .. j0+jj+L-1) per t
                    for (; jj + L <= cols; jj += L) {
                        int src = b0 + (j0 + jj) * bcs;
                        for (int t = 0; t < kc; t++) {
                            FloatVector.fromArray(S, b, src + t * brs, gather, 0).intoArray(pb, dst + t * w + jj);
                        }
                    }
                }
                for (; jj < cols; jj++) {
                    int src = b0 + (j0 + jj) * bcs;
                    for (int t = 0; t < kc; t++) {
                        pb[dst + t * w + jj] = b[src + t * brs];
                    }
                }
            }
        }
    }

    /** Rows of A in panels of MR: pa[(ir·kc) + t·MR + r] = A(ir + r, t), zero beyond row mc. */
    private static void packA(float[] a, int a0, int ars, int acs, int mc, int kc, float[] pa) {
        for (int ir = 0; ir < mc; ir += MR) {
            int rows = Math.min(MR, mc - ir);
            int dst = ir * kc;
            if (ars == 1) {
                for (int t = 0; t < kc; t++) {
                    System.arraycopy(a, a0 + ir + t * acs, pa, dst + t * MR, rows);
                }
            } else {
                for (int r = 0; r < rows; r++) {
                    int src = a0 + (ir + r) * ars;
                    for (int t = 0; t < kc; t++) {
                        pa[dst + t * MR + r] = a[src + t * acs];
                    }
                }
            }
            if (rows < MR) {
                for (int t = 0; t < kc; t++) {
                    Arrays.fill(pa, dst + t * MR + rows, dst + t * MR + MR, 0f);
                }
            }
        }
    }

    /**
     * The 8 × nv·L tile of C at c0 (row stride ldc) (+)= A-rows · B-panel, A(r, t) = a[a0 + r·ars + t·acs] (the
     * packed panel: ars = 1, acs = MR; A where it lies otherwise), B(t, j) = b[b0 + t·ldb + j] (a packed panel, or
     * B where it lies).
     */
    private static void micro(int nv, int kc, float[] a, int a0, int ars, int acs, float[] b, int b0, int ldb,
                              float[] c, int c0, int ldc, boolean acc) {
        switch (nv) {
            case 3 -> micro8x3(kc, a, a0, ars, acs, b, b0, ldb, c, c0, ldc, acc);
            case 2 -> micro8x2(kc, a, a0, ars, acs, b, b0, ldb, c, c0, ldc, acc);
            default -> micro8x1(kc, a, a0, ars, acs, b, b0, ldb, c, c0, ldc, acc);
        }
    }

    private static FloatVector load(boolean acc, float[] c, int i) {
        return acc ? FloatVector.fromArray(S, c, i) : FloatVector.zero(S);
    }

    private static void micro8x3(int kc, float[] a, int a0, int ars, int acs, float[] pb, int bp, int ldb, float[] c,
                                 int c0, int ldc, boolean acc) {
        int r1 = c0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc, r7 = r6 + ldc;
        int q1 = a0 + ars, q2 = q1 + ars, q3 = q2 + ars, q4 = q3 + ars, q5 = q4 + ars, q6 = q5 + ars, q7 = q6 + ars;
        FloatVector s00 = load(acc, c, c0), s01 = load(acc, c, c0 + L), s02 = load(acc, c, c0 + 2 * L);
        FloatVector s10 = load(acc, c, r1), s11 = load(acc, c, r1 + L), s12 = load(acc, c, r1 + 2 * L);
        FloatVector s20 = load(acc, c, r2), s21 = load(acc, c, r2 + L), s22 = load(acc, c, r2 + 2 * L);
        FloatVector s30 = load(acc, c, r3), s31 = load(acc, c, r3 + L), s32 = load(acc, c, r3 + 2 * L);
        FloatVector s40 = load(acc, c, r4), s41 = load(acc, c, r4 + L), s42 = load(acc, c, r4 + 2 * L);
        FloatVector s50 = load(acc, c, r5), s51 = load(acc, c, r5 + L), s52 = load(acc, c, r5 + 2 * L);
        FloatVector s60 = load(acc, c, r6), s61 = load(acc, c, r6 + L), s62 = load(acc, c, r6 + 2 * L);
        FloatVector s70 = load(acc, c, r7), s71 = load(acc, c, r7 + L), s72 = load(acc, c, r7 + 2 * L);
        for (int t = 0; t < kc; t++) {
            int bi = bp + t * ldb;
            int ai = t * acs;
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector b1 = FloatVector.fromArray(S, pb, bi + L);
            FloatVector b2 = FloatVector.fromArray(S, pb, bi + 2 * L);
            FloatVector v = FloatVector.broadcast(S, a[a0 + ai]);
            s00 = v.fma(b0, s00);
            s01 = v.fma(b1, s01);
            s02 = v.fma(b2, s02);
            v = FloatVector.broadcast(S, a[q1 + ai]);
            s10 = v.fma(b0, s10);
            s11 = v.fma(b1, s11);
            s12 = v.fma(b2, s12);
            v = FloatVector.broadcast(S, a[q2 + ai]);
            s20 = v.fma(b0, s20);
            s21 = v.fma(b1, s21);
            s22 = v.fma(b2, s22);
            v = FloatVector.broadcast(S, a[q3 + ai]);
            s30 = v.fma(b0, s30);
            s31 = v.fma(b1, s31);
            s32 = v.fma(b2, s32);
            v = FloatVector.broadcast(S, a[q4 + ai]);
            s40 = v.fma(b0, s40);
            s41 = v.fma(b1, s41);
            s42 = v.fma(b2, s42);
            v = FloatVector.broadcast(S, a[q5 + ai]);
            s50 = v.fma(b0, s50);
            s51 = v.fma(b1, s51);
            s52 = v.fma(b2, s52);
            v = FloatVector.broadcast(S, a[q6 + ai]);
            s60 = v.fma(b0, s60);
            s61 = v.fma(b1, s61);
            s62 = v.fma(b2, s62);
            v = FloatVector.broadcast(S, a[q7 + ai]);
            s70 = v.fma(b0, s70);
            s71 = v.fma(b1, s71);
            s72 = v.fma(b2, s72);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + L);
        s02.intoArray(c, c0 + 2 * L);
        s10.intoArray(c, r1);
        s11.intoArray(c, r1 + L);
        s12.intoArray(c, r1 + 2 * L);
        s20.intoArray(c, r2);
        s21.intoArray(c, r2 + L);
        s22.intoArray(c, r2 + 2 * L);
        s30.intoArray(c, r3);
        s31.intoArray(c, r3 + L);
        s32.intoArray(c, r3 + 2 * L);
        s40.intoArray(c, r4);
        s41.intoArray(c, r4 + L);
        s42.intoArray(c, r4 + 2 * L);
        s50.intoArray(c, r5);
        s51.intoArray(c, r5 + L);
        s52.intoArray(c, r5 + 2 * L);
        s60.intoArray(c, r6);
        s61.intoArray(c, r6 + L);
        s62.intoArray(c, r6 + 2 * L);
        s70.intoArray(c, r7);
        s71.intoArray(c, r7 + L);
        s72.intoArray(c, r7 + 2 * L);
    }

    private static void micro8x2(int kc, float[] a, int a0, int ars, int acs, float[] pb, int bp, int ldb, float[] c,
                                 int c0, int ldc, boolean acc) {
        int r1 = c0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc, r7 = r6 + ldc;
        int q1 = a0 + ars, q2 = q1 + ars, q3 = q2 + ars, q4 = q3 + ars, q5 = q4 + ars, q6 = q5 + ars, q7 = q6 + ars;
        FloatVector s00 = load(acc, c, c0), s01 = load(acc, c, c0 + L);
        FloatVector s10 = load(acc, c, r1), s11 = load(acc, c, r1 + L);
        FloatVector s20 = load(acc, c, r2), s21 = load(acc, c, r2 + L);
        FloatVector s30 = load(acc, c, r3), s31 = load(acc, c, r3 + L);
        FloatVector s40 = load(acc, c, r4), s41 = load(acc, c, r4 + L);
        FloatVector s50 = load(acc, c, r5), s51 = load(acc, c, r5 + L);
        FloatVector s60 = load(acc, c, r6), s61 = load(acc, c, r6 + L);
        FloatVector s70 = load(acc, c, r7), s71 = load(acc, c, r7 + L);
        for (int t = 0; t < kc; t++) {
            int bi = bp + t * ldb;
            int ai = t * acs;
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector b1 = FloatVector.fromArray(S, pb, bi + L);
            FloatVector v = FloatVector.broadcast(S, a[a0 + ai]);
            s00 = v.fma(b0, s00);
            s01 = v.fma(b1, s01);
            v = FloatVector.broadcast(S, a[q1 + ai]);
            s10 = v.fma(b0, s10);
            s11 = v.fma(b1, s11);
            v = FloatVector.broadcast(S, a[q2 + ai]);
            s20 = v.fma(b0, s20);
            s21 = v.fma(b1, s21);
            v = FloatVector.broadcast(S, a[q3 + ai]);
            s30 = v.fma(b0, s30);
            s31 = v.fma(b1, s31);
            v = FloatVector.broadcast(S, a[q4 + ai]);
            s40 = v.fma(b0, s40);
            s41 = v.fma(b1, s41);
            v = FloatVector.broadcast(S, a[q5 + ai]);
            s50 = v.fma(b0, s50);
            s51 = v.fma(b1, s51);
            v = FloatVector.broadcast(S, a[q6 + ai]);
            s60 = v.fma(b0, s60);
            s61 = v.fma(b1, s61);
            v = FloatVector.broadcast(S, a[q7 + ai]);
            s70 = v.fma(b0, s70);
            s71 = v.fma(b1, s71);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + L);
        s10.intoArray(c, r1);
        s11.intoArray(c, r1 + L);
        s20.intoArray(c, r2);
        s21.intoArray(c, r2 + L);
        s30.intoArray(c, r3);
        s31.intoArray(c, r3 + L);
        s40.intoArray(c, r4);
        s41.intoArray(c, r4 + L);
        s50.intoArray(c, r5);
        s51.intoArray(c, r5 + L);
        s60.intoArray(c, r6);
        s61.intoArray(c, r6 + L);
        s70.intoArray(c, r7);
        s71.intoArray(c, r7 + L);
    }

    private static void micro8x1(int kc, float[] a, int a0, int ars, int acs, float[] pb, int bp, int ldb, float[] c,
                                 int c0, int ldc, boolean acc) {
        int r1 = c0 + ldc, r2 = r1 + ldc, r3 = r2 + ldc, r4 = r3 + ldc, r5 = r4 + ldc, r6 = r5 + ldc, r7 = r6 + ldc;
        int q1 = a0 + ars, q2 = q1 + ars, q3 = q2 + ars, q4 = q3 + ars, q5 = q4 + ars, q6 = q5 + ars, q7 = q6 + ars;
        FloatVector s00 = load(acc, c, c0);
        FloatVector s10 = load(acc, c, r1);
        FloatVector s20 = load(acc, c, r2);
        FloatVector s30 = load(acc, c, r3);
        FloatVector s40 = load(acc, c, r4);
        FloatVector s50 = load(acc, c, r5);
        FloatVector s60 = load(acc, c, r6);
        FloatVector s70 = load(acc, c, r7);
        for (int t = 0; t < kc; t++) {
            int bi = bp + t * ldb;
            int ai = t * acs;
            FloatVector b0 = FloatVector.fromArray(S, pb, bi);
            FloatVector v = FloatVector.broadcast(S, a[a0 + ai]);
            s00 = v.fma(b0, s00);
            v = FloatVector.broadcast(S, a[q1 + ai]);
            s10 = v.fma(b0, s10);
            v = FloatVector.broadcast(S, a[q2 + ai]);
            s20 = v.fma(b0, s20);
            v = FloatVector.broadcast(S, a[q3 + ai]);
            s30 = v.fma(b0, s30);
            v = FloatVector.broadcast(S, a[q4 + ai]);
            s40 = v.fma(b0, s40);
            v = FloatVector.broadcast(S, a[q5 + ai]);
            s50 = v.fma(b0, s50);
            v = FloatVector.broadcast(S, a[q6 + ai]);
            s60 = v.fma(b0, s60);
            v = FloatVector.broadcast(S, a[q7 + ai]);
            s70 = v.fma(b0, s70);
        }
        s00.intoArray(c, c0);
        s10.intoArray(c, r1);
        s20.intoArray(c, r2);
        s30.intoArray(c, r3);
        s40.intoArray(c, r4);
        s50.intoArray(c, r5);
        s60.intoArray(c, r6);
        s70.intoArray(c, r7);
    }
}
