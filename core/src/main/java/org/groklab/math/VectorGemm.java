package org.groklab.math;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * C (+)= A·B on the Vector API for any strides of A and B, in the BLIS arrangement: the shared dimension is cut into
 * blocks of KC, the rows into blocks of MC, the columns into panels of up to three vectors; an 8-row × 3-vector
 * micro-kernel keeps its 24 accumulators in registers while it walks one block of the shared dimension,
 * broadcasting A and loading B. A is read where it lies (only a last block of fewer than 8 rows is copied, with zero
 * rows). B is packed into contiguous panels (a transposed B with gathers), or read where it lies when it is
 * row-major and A has few rows or B few columns; then a last, narrower panel is read in place too when A has few
 * rows against the shared dimension (copying it would cost more than the products it serves): its whole vectors
 * run past B's last column into the next row, lanes whose results are never stored, and only the last rows of B,
 * where they would run past the array's end, are copied. Edge tiles of C go through a small tile.
 *
 * <p>Shapes with one row of C, or one column (stored like one row) from a column-major A, go to a one-row kernel
 * instead: up to eight vectors of C at a time, B loaded (or gathered) where it lies, the whole shared dimension in
 * one pass. One column of C from a row-major A goes to dot-product rows: eight scalar chains side by side.
 *
 * <p>The arithmetic of every output element is the one of {@link PlainKernels}: a chain of fused multiply-adds over
 * t = 0..k-1 in index order, starting from 0 (or from C when accumulating). Cutting the shared dimension into
 * blocks only stores the running sum into C (a float, exactly) and picks it up again for the next block. Lanes
 * beyond the last column and padding rows are never written to C. So the bits do not depend on the vector width,
 * the block sizes, the layout of A and B, the path taken or whether a panel was packed.
 */
final class VectorGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of the micro-kernel (broadcasts from A). */
    static final int MR = 8;
    /** Vectors of the widest micro-kernel (loads from B). */
    static final int NV = 3;
    /** Vectors of C the one-row kernel keeps in registers: enough independent chains to cover the FMA latency. */
    static final int ROW_NV = 8;
    /** Block of the shared dimension: one B micro-panel (KC × 3 vectors) stays in the L1 cache. */
    private static final int KC = Integer.getInteger("groklab.gemm.kc", 192);
    /** Block of rows of A: an A block (MC × KC) stays in the L2 cache. */
    private static final int MC = Integer.getInteger("groklab.gemm.mc", 144) / MR * MR;
    /** Block of columns of B: a B block (KC × NC) stays in the L2/L3 cache. */
    private static final int NC = Math.max(NV * L, Integer.getInteger("groklab.gemm.nc", 2048) / (NV * L) * (NV * L));

    /** Transposed B is packed with gathers (L columns at a time) rather than element by element. */
    private static final boolean GATHER = Boolean.parseBoolean(System.getProperty("groklab.gemm.gather", "true"));

    /** A last, narrower panel of B is read in place when A has at most this many rows per step of a block of k. */
    private static final int EDGE_ROWS_PER_K = Integer.getInteger("groklab.gemm.edgeRowsPerK", 2);

    /** Up to this many rows of C (or columns), full panels of a row-major B are read in place, not packed. */
    private static final int DIRECT_B_MAX_M = Integer.getInteger("groklab.gemm.directB.m", 256);
    private static final int DIRECT_B_MAX_N = Integer.getInteger("groklab.gemm.directB.n", 128);

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static final class Scratch {
        float[] a = new float[0];
        float[] b = new float[0];
        /** The last rows of a partial panel of B read in place, copied with zeros beyond its columns. */
        float[] edge = new float[0];
        final float[] tile = new float[MR * NV * L];
        final int[] gather = new int[L];
        final int[] rowGather = new int[ROW_NV * L];
        final float[] rowTile = new float[ROW_NV * L];
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
        if (m == 1) {
            oneRow(a, aOff, acs, b, bOff, brs, bcs, c, cOff, k, n, acc);
        } else if (n == 1 && acs == 1) {
            dotRows(a, aOff, ars, b, bOff, brs, c, cOff, m, k, acc);
        } else if (n == 1) {
            // C (m × 1) is stored as Cᵀ (1 × m): Cᵀ = Bᵀ·Aᵀ, one row, the roles of A and B exchanged
            oneRow(b, bOff, brs, a, aOff, acs, ars, c, cOff, k, m, acc);
        } else {
            blocked(a, aOff, ars, acs, b, bOff, brs, bcs, c, cOff, m, k, n, acc);
        }
    }

    private static void blocked(float[] a, int aOff, int ars, int acs, float[] b, int bOff, int brs, int bcs,
                                float[] c, int cOff, int m, int k, int n, boolean acc) {
        // B (row-major) is read where it lies when A has few rows (each element of B serves only m / 8 micro-kernel
        // passes) or B few columns (its rows close together)
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
        int ncMax = Math.min(NC, roundUp(n, L) + NV * L);
        // a last, narrower panel of B is read in place too when copying its rows (one short copy each) would cost
        // more than the extra pass over its last rows that each block of 8 rows of A then needs
        boolean directEdge = directB && m <= EDGE_ROWS_PER_K * kcMax;
        if (s.a.length < MR * kcMax) {
            s.a = new float[MR * kcMax];
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
                if (!directEdge) {
                    packB(b, bOff + pc * brs + jc * bcs, brs, bcs, kc, nc, panels, s.panelOff, s.panelVec, s.b,
                            gather, directB);
                }
                for (int ic = 0; ic < m; ic += MC) {
                    int mc = Math.min(MC, m - ic);
                    int mcFull = mc - mc % MR;
                    if (mcFull < mc) {
                        packA(a, aOff + (ic + mcFull) * ars + pc * acs, ars, acs, mc - mcFull, kc, s.a);
                    }
                    for (int p = 0; p < panels; p++) {
                        int nv = s.panelVec[p];
                        int w = nv * L;
                        int j0 = jc + p * NV * L;
                        int cols = Math.min(w, n - j0);
                        float[] pb = s.b;
                        int bp = s.panelOff[p] * kc;
                        int ldb = w;
                        int safe = kc;
                        if (directB && (cols == w || directEdge)) {
                            pb = b;
                            bp = bOff + pc * brs + j0;
                            ldb = brs;
                            if (cols < w) {
                                safe = safeRows(b.length, bp, ldb, w, kc);
                                if (safe < kc) {
                                    s.edge = packRows(b, bp + safe * ldb, ldb, kc - safe, cols, w, s.edge);
                                }
                            }
                        }
                        for (int ir = 0; ir < mc; ir += MR) {
                            int rows = Math.min(MR, mc - ir);
                            float[] pa = s.a;
                            int a0 = 0;
                            int rs = 1;
                            int ts = MR;
                            if (rows == MR) {
                                pa = a;
                                a0 = aOff + (ic + ir) * ars + pc * acs;
                                rs = ars;
                                ts = acs;
                            }
                            int c0 = cOff + (ic + ir) * n + j0;
                            if (rows == MR && cols == w) {
                                micro(nv, kc, pa, a0, rs, ts, pb, bp, ldb, c, c0, n, accBlock);
                                continue;
                            }
                            // an edge tile: through a small tile of C (lanes beyond the last column, rows beyond
                            // the last row are computed there and never stored)
                            float[] t = s.tile;
                            if (accBlock) {
                                for (int r = 0; r < rows; r++) {
                                    System.arraycopy(c, c0 + r * n, t, r * w, cols);
                                }
                            }
                            if (safe > 0) {
                                micro(nv, safe, pa, a0, rs, ts, pb, bp, ldb, t, 0, w, accBlock);
                            }
                            if (safe < kc) {
                                micro(nv, kc - safe, pa, a0 + safe * ts, rs, ts, s.edge, 0, w, t, 0, w,
                                        accBlock || safe > 0);
                            }
                            for (int r = 0; r < rows; r++) {
                                System.arraycopy(t, r * w, c, c0 + r * n, cols);
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
                        gatherColumns(b, b0 + (j0 + jj) * bcs, brs, kc, gather, pb, dst + jj, w);
                    }
                }
                for (; jj < cols; jj++) {
                    copyColumn(b, b0 + (j0 + jj) * bcs, brs, kc, pb, dst + jj, w);
                }
            }
        }
    }

    /**
     * L columns of B into a packed panel: pb[dst + t·w + l] = b[src + t·brs + gather[l]] for t &lt; kc. A method of its
     * own, so that the compiler compiles this loop by itself, whatever the state of the loops around it.
     */
    private static void gatherColumns(float[] b, int src, int brs, int kc, int[] gather, float[] pb, int dst, int w) {
        for (int t = 0; t < kc; t++) {
            FloatVector.fromArray(S, b, src + t * brs, gather, 0).intoArray(pb, dst + t * w);
        }
    }

    /** One column of B into a packed panel: pb[dst + t·w] = b[src + t·brs] for t &lt; kc. */
    private static void copyColumn(float[] b, int src, int brs, int kc, float[] pb, int dst, int w) {
        for (int t = 0; t < kc; t++) {
            pb[dst + t * w] = b[src + t * brs];
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

    /** How many of the rows t &lt; kc of B at bp (stride ldb) can be read as w floats within an array of length len. */
    private static int safeRows(int len, int bp, int ldb, int w, int kc) {
        if (bp + w > len) {
            return 0;
        }
        return (int) Math.min(kc, (long) (len - w - bp) / ldb + 1);
    }

    /** Copies {@code rows} rows of {@code cols} floats (stride ld) into rows of w floats, zero beyond cols. */
    private static float[] packRows(float[] b, int b0, int ld, int rows, int cols, int w, float[] dst) {
        float[] d = dst.length >= rows * w ? dst : new float[rows * w];
        for (int t = 0; t < rows; t++) {
            System.arraycopy(b, b0 + t * ld, d, t * w, cols);
            Arrays.fill(d, t * w + cols, t * w + w, 0f);
        }
        return d;
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

    /**
     * C (m × 1) (+)= A·B for A's rows contiguous (acs = 1): columns of A would have to be gathered, so eight rows at a
     * time run as eight scalar chains of fused multiply-adds side by side, each in index order.
     */
    private static void dotRows(float[] a, int a0, int ars, float[] b, int b0, int brs, float[] c, int c0, int m,
                                int k, boolean acc) {
        int i = 0;
        for (; i + 8 <= m; i += 8) {
            int p0 = a0 + i * ars, p1 = p0 + ars, p2 = p1 + ars, p3 = p2 + ars;
            int p4 = p3 + ars, p5 = p4 + ars, p6 = p5 + ars, p7 = p6 + ars;
            int ci = c0 + i;
            float s0 = acc ? c[ci] : 0f, s1 = acc ? c[ci + 1] : 0f, s2 = acc ? c[ci + 2] : 0f;
            float s3 = acc ? c[ci + 3] : 0f, s4 = acc ? c[ci + 4] : 0f, s5 = acc ? c[ci + 5] : 0f;
            float s6 = acc ? c[ci + 6] : 0f, s7 = acc ? c[ci + 7] : 0f;
            for (int t = 0; t < k; t++) {
                float x = b[b0 + t * brs];
                s0 = Math.fma(a[p0 + t], x, s0);
                s1 = Math.fma(a[p1 + t], x, s1);
                s2 = Math.fma(a[p2 + t], x, s2);
                s3 = Math.fma(a[p3 + t], x, s3);
                s4 = Math.fma(a[p4 + t], x, s4);
                s5 = Math.fma(a[p5 + t], x, s5);
                s6 = Math.fma(a[p6 + t], x, s6);
                s7 = Math.fma(a[p7 + t], x, s7);
            }
            c[ci] = s0;
            c[ci + 1] = s1;
            c[ci + 2] = s2;
            c[ci + 3] = s3;
            c[ci + 4] = s4;
            c[ci + 5] = s5;
            c[ci + 6] = s6;
            c[ci + 7] = s7;
        }
        for (; i < m; i++) {
            int p = a0 + i * ars;
            float acc0 = acc ? c[c0 + i] : 0f;
            for (int t = 0; t < k; t++) {
                acc0 = Math.fma(a[p + t], b[b0 + t * brs], acc0);
            }
            c[c0 + i] = acc0;
        }
    }

    /**
     * One row of C: c[c0 + j] (+)= Σ_t A(t)·B(t, j) for j &lt; n, A(t) = a[a0 + t·acs], B(t, j) = b[b0 + t·brs + j·bcs]
     * loaded where it lies (gathered when bcs ≠ 1), up to {@link #ROW_NV} vectors of C at a time over the whole
     * shared dimension. A last group of fewer columns goes through a small tile of C; its lanes beyond the last
     * column load the next row of B (never stored), the gathered ones repeat the last column, and the last rows of
     * B, whose whole vectors would run past the array's end, are copied with zeros.
     */
    private static void oneRow(float[] a, int a0, int acs, float[] b, int b0, int brs, int bcs, float[] c, int c0,
                               int k, int n, boolean acc) {
        Scratch s = SCRATCH.get();
        int[] gather = bcs != 1 ? s.rowGather : null;
        int j = 0;
        while (j < n) {
            int cols = Math.min(n - j, ROW_NV * L);
            int vecs = (cols + L - 1) / L;
            int nv = vecs > 4 ? 8 : vecs > 2 ? 4 : vecs;
            int w = nv * L;
            int bj = b0 + j * bcs;
            if (gather != null) {
                for (int q = 0; q < w; q++) {
                    gather[q] = Math.min(q, cols - 1) * bcs;
                }
            }
            if (cols == w) {
                row(nv, k, a, a0, acs, b, bj, brs, gather, c, c0 + j, acc);
            } else {
                float[] e = s.rowTile;
                if (acc) {
                    System.arraycopy(c, c0 + j, e, 0, cols);
                }
                int safe = gather != null ? k : safeRows(b.length, bj, brs, w, k);
                if (safe > 0) {
                    row(nv, safe, a, a0, acs, b, bj, brs, gather, e, 0, acc);
                }
                if (safe < k) {
                    s.edge = packRows(b, bj + safe * brs, brs, k - safe, cols, w, s.edge);
                    row(nv, k - safe, a, a0 + safe * acs, acs, s.edge, 0, w, null, e, 0, acc || safe > 0);
                }
                System.arraycopy(e, 0, c, c0 + j, cols);
            }
            j += cols;
        }
    }

    private static void row(int nv, int k, float[] a, int a0, int acs, float[] b, int bp, int brs, int[] gather,
                            float[] c, int c0, boolean acc) {
        switch (nv) {
            case 8 -> row8(k, a, a0, acs, b, bp, brs, gather, c, c0, acc);
            case 4 -> row4(k, a, a0, acs, b, bp, brs, gather, c, c0, acc);
            case 2 -> row2(k, a, a0, acs, b, bp, brs, gather, c, c0, acc);
            default -> row1(k, a, a0, acs, b, bp, brs, gather, c, c0, acc);
        }
    }

    private static void row8(int k, float[] a, int a0, int acs, float[] b, int bp, int brs, int[] gather,
                             float[] c, int c0, boolean acc) {
        FloatVector x0 = load(acc, c, c0);
        FloatVector x1 = load(acc, c, c0 + L);
        FloatVector x2 = load(acc, c, c0 + 2 * L);
        FloatVector x3 = load(acc, c, c0 + 3 * L);
        FloatVector x4 = load(acc, c, c0 + 4 * L);
        FloatVector x5 = load(acc, c, c0 + 5 * L);
        FloatVector x6 = load(acc, c, c0 + 6 * L);
        FloatVector x7 = load(acc, c, c0 + 7 * L);
        if (gather == null) {
            for (int t = 0; t < k; t++) {
                FloatVector v = FloatVector.broadcast(S, a[a0 + t * acs]);
                int bi = bp + t * brs;
                x0 = v.fma(FloatVector.fromArray(S, b, bi), x0);
                x1 = v.fma(FloatVector.fromArray(S, b, bi + L), x1);
                x2 = v.fma(FloatVector.fromArray(S, b, bi + 2 * L), x2);
                x3 = v.fma(FloatVector.fromArray(S, b, bi + 3 * L), x3);
                x4 = v.fma(FloatVector.fromArray(S, b, bi + 4 * L), x4);
                x5 = v.fma(FloatVector.fromArray(S, b, bi + 5 * L), x5);
                x6 = v.fma(FloatVector.fromArray(S, b, bi + 6 * L), x6);
                x7 = v.fma(FloatVector.fromArray(S, b, bi + 7 * L), x7);
            }
        } else {
            for (int t = 0; t < k; t++) {
                FloatVector v = FloatVector.broadcast(S, a[a0 + t * acs]);
                int bi = bp + t * brs;
                x0 = v.fma(FloatVector.fromArray(S, b, bi, gather, 0), x0);
                x1 = v.fma(FloatVector.fromArray(S, b, bi, gather, L), x1);
                x2 = v.fma(FloatVector.fromArray(S, b, bi, gather, 2 * L), x2);
                x3 = v.fma(FloatVector.fromArray(S, b, bi, gather, 3 * L), x3);
                x4 = v.fma(FloatVector.fromArray(S, b, bi, gather, 4 * L), x4);
                x5 = v.fma(FloatVector.fromArray(S, b, bi, gather, 5 * L), x5);
                x6 = v.fma(FloatVector.fromArray(S, b, bi, gather, 6 * L), x6);
                x7 = v.fma(FloatVector.fromArray(S, b, bi, gather, 7 * L), x7);
            }
        }
        x0.intoArray(c, c0);
        x1.intoArray(c, c0 + L);
        x2.intoArray(c, c0 + 2 * L);
        x3.intoArray(c, c0 + 3 * L);
        x4.intoArray(c, c0 + 4 * L);
        x5.intoArray(c, c0 + 5 * L);
        x6.intoArray(c, c0 + 6 * L);
        x7.intoArray(c, c0 + 7 * L);
    }

    private static void row4(int k, float[] a, int a0, int acs, float[] b, int bp, int brs, int[] gather,
                             float[] c, int c0, boolean acc) {
        FloatVector x0 = load(acc, c, c0);
        FloatVector x1 = load(acc, c, c0 + L);
        FloatVector x2 = load(acc, c, c0 + 2 * L);
        FloatVector x3 = load(acc, c, c0 + 3 * L);
        if (gather == null) {
            for (int t = 0; t < k; t++) {
                FloatVector v = FloatVector.broadcast(S, a[a0 + t * acs]);
                int bi = bp + t * brs;
                x0 = v.fma(FloatVector.fromArray(S, b, bi), x0);
                x1 = v.fma(FloatVector.fromArray(S, b, bi + L), x1);
                x2 = v.fma(FloatVector.fromArray(S, b, bi + 2 * L), x2);
                x3 = v.fma(FloatVector.fromArray(S, b, bi + 3 * L), x3);
            }
        } else {
            for (int t = 0; t < k; t++) {
                FloatVector v = FloatVector.broadcast(S, a[a0 + t * acs]);
                int bi = bp + t * brs;
                x0 = v.fma(FloatVector.fromArray(S, b, bi, gather, 0), x0);
                x1 = v.fma(FloatVector.fromArray(S, b, bi, gather, L), x1);
                x2 = v.fma(FloatVector.fromArray(S, b, bi, gather, 2 * L), x2);
                x3 = v.fma(FloatVector.fromArray(S, b, bi, gather, 3 * L), x3);
            }
        }
        x0.intoArray(c, c0);
        x1.intoArray(c, c0 + L);
        x2.intoArray(c, c0 + 2 * L);
        x3.intoArray(c, c0 + 3 * L);
    }

    private static void row2(int k, float[] a, int a0, int acs, float[] b, int bp, int brs, int[] gather,
                             float[] c, int c0, boolean acc) {
        FloatVector x0 = load(acc, c, c0);
        FloatVector x1 = load(acc, c, c0 + L);
        if (gather == null) {
            for (int t = 0; t < k; t++) {
                FloatVector v = FloatVector.broadcast(S, a[a0 + t * acs]);
                int bi = bp + t * brs;
                x0 = v.fma(FloatVector.fromArray(S, b, bi), x0);
                x1 = v.fma(FloatVector.fromArray(S, b, bi + L), x1);
            }
        } else {
            for (int t = 0; t < k; t++) {
                FloatVector v = FloatVector.broadcast(S, a[a0 + t * acs]);
                int bi = bp + t * brs;
                x0 = v.fma(FloatVector.fromArray(S, b, bi, gather, 0), x0);
                x1 = v.fma(FloatVector.fromArray(S, b, bi, gather, L), x1);
            }
        }
        x0.intoArray(c, c0);
        x1.intoArray(c, c0 + L);
    }

    private static void row1(int k, float[] a, int a0, int acs, float[] b, int bp, int brs, int[] gather,
                             float[] c, int c0, boolean acc) {
        FloatVector x0 = load(acc, c, c0);
        if (gather == null) {
            for (int t = 0; t < k; t++) {
                FloatVector v = FloatVector.broadcast(S, a[a0 + t * acs]);
                int bi = bp + t * brs;
                x0 = v.fma(FloatVector.fromArray(S, b, bi), x0);
            }
        } else {
            for (int t = 0; t < k; t++) {
                FloatVector v = FloatVector.broadcast(S, a[a0 + t * acs]);
                int bi = bp + t * brs;
                x0 = v.fma(FloatVector.fromArray(S, b, bi, gather, 0), x0);
            }
        }
        x0.intoArray(c, c0);
    }
}
