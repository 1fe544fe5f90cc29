package org.groklab.math;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * The exponentials of {@link Exp#exp} and of {@link StrictMath#exp} on the Vector API, with the same bits lane by
 * lane: each lane runs the scalar function's own IEEE additions, multiplications and divisions in its order (never
 * a fused multiply-add), its rounding to an integer and its power-of-two scaling as an addition to the exponent
 * bits. Lanes where the scalar function takes another road (NaN, infinities, overflow, results near or below the
 * smallest normal number, where the scaling would round) are recomputed by the scalar function itself, so every
 * input gives the scalar bits.
 */
public final class VectorExp {
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final int L = D.length();
    /** Float and int lanes as many as D's, in half its width: the inputs of a float row, the table indices. */
    private static final VectorShape HALF = VectorShape.forBitSize(D.vectorBitSize() / 2);
    private static final VectorSpecies<Float> F = VectorSpecies.of(float.class, HALF);
    private static final VectorSpecies<Integer> I = VectorSpecies.of(int.class, HALF);

    /** 1.5·2^52: y + MAGIC − MAGIC is Math.rint(y) for |y| &lt; 2^51, and the low bits of y + MAGIC hold it. */
    private static final double MAGIC = 0x1.8p52;
    private static final long MAGIC_BITS = Double.doubleToRawLongBits(MAGIC);
    private static final long TWO_52_BITS = Double.doubleToRawLongBits(0x1p52);
    /**
     * Inputs of {@link Exp#exp} whose result is a normal number reached without rounding in the scaling: from
     * −708 (k ≥ −1022 with a mantissa of at least 1.47 at k = −1022, so 2^k times it stays normal) to 709.
     */
    private static final double EXP_LOW = -708;
    private static final double EXP_HIGH = 709;
    /** With 8 lanes the table is looked up by selections among four vectors, otherwise gathered. */
    private static final boolean TABLE_BY_SELECT = L == 8 && Exp.N == 32;
    private static final DoubleVector T0 = tablePart(0);
    private static final DoubleVector T1 = tablePart(1);
    private static final DoubleVector T2 = tablePart(2);
    private static final DoubleVector T3 = tablePart(3);

    // fdlibm's exp (java.lang.FdLibm.Exp, the definition of StrictMath.exp)
    private static final double LN2_HI = 0x1.62e42feep-1;
    private static final double LN2_LO = 0x1.a39ef35793c76p-33;
    private static final double INV_LN2 = 0x1.71547652b82fep0;
    private static final double P1 = 0x1.555555555553ep-3;
    private static final double P2 = -0x1.6c16c16bebd93p-9;
    private static final double P3 = 0x1.1566aaf25de2cp-14;
    private static final double P4 = -0x1.bbd41c5d26bf1p-20;
    private static final double P5 = 0x1.6376972bea4d0p-25;

    private VectorExp() {
    }

    private static DoubleVector tablePart(int part) {
        return TABLE_BY_SELECT ? DoubleVector.fromArray(D, Exp.TABLE, part * L) : DoubleVector.zero(D);
    }

    /** y[yOff + i] = {@link Exp#exp}(x[xOff + i]) for i &lt; len. x and y may be the same window. */
    public static void exp(double[] x, int xOff, double[] y, int yOff, int len) {
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            DoubleVector v = DoubleVector.fromArray(D, x, xOff + i);
            exp(v).intoArray(y, yOff + i);
            checkExp(v, D.maskAll(true), y, yOff + i);
        }
        if (full < len) {
            VectorMask<Double> m = D.indexInRange(full, len);
            DoubleVector v = DoubleVector.fromArray(D, x, xOff + full, m);
            exp(v).intoArray(y, yOff + full, m);
            checkExp(v, m, y, yOff + full);
        }
    }

    /**
     * y[yOff + i] = {@link Exp#exp}((double) (x[xOff + i] − shift)) for i &lt; len, the subtraction in float: the
     * exponentials of a softmax row with its maximum as the shift.
     */
    public static void expShifted(float[] x, int xOff, float shift, double[] y, int yOff, int len) {
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            DoubleVector v = (DoubleVector) FloatVector.fromArray(F, x, xOff + i).sub(shift)
                    .convertShape(VectorOperators.F2D, D, 0);
            exp(v).intoArray(y, yOff + i);
            checkExp(v, D.maskAll(true), y, yOff + i);
        }
        if (full < len) {
            // the last lanes masked: lanes past the end read as 0 and are not written
            DoubleVector v = (DoubleVector) FloatVector.fromArray(F, x, xOff + full, F.indexInRange(full, len))
                    .sub(shift).convertShape(VectorOperators.F2D, D, 0);
            VectorMask<Double> m = D.indexInRange(full, len);
            exp(v).intoArray(y, yOff + full, m);
            checkExp(v, m, y, yOff + full);
        }
    }

    /**
     * {@link Exp#exp} lane by lane for the lanes from {@link #EXP_LOW} to {@link #EXP_HIGH}; the others are
     * overwritten by {@link #checkExp}.
     */
    private static DoubleVector exp(DoubleVector x) {
        // kj = rint(x·N/ln2) = n, x = n·ln2/N + r, e^x = 2^(n >> BITS) · TABLE[n & (N − 1)] · e^r
        DoubleVector t = x.mul(Exp.N_OVER_LN2).add(MAGIC);
        DoubleVector kj = t.sub(MAGIC);
        DoubleVector r = x.sub(kj.mul(Exp.LN2_OVER_N_HI)).sub(kj.mul(Exp.LN2_OVER_N_LO));
        LongVector n = t.reinterpretAsLongs().sub(MAGIC_BITS);
        DoubleVector table = table(n.and(Exp.N - 1));
        DoubleVector p = r.mul(1.0 / 720).add(1.0 / 120);
        p = r.mul(p).add(1.0 / 24);
        p = r.mul(p).add(1.0 / 6);
        p = r.mul(p).add(0.5);
        p = r.mul(p).add(1);
        p = r.mul(p).add(1);
        LongVector scale = n.lanewise(VectorOperators.ASHR, Exp.BITS).lanewise(VectorOperators.LSHL, 52);
        return table.mul(p).reinterpretAsLongs().add(scale).reinterpretAsDoubles();
    }

    /** TABLE[j] lane by lane, j in 0..N−1. */
    private static DoubleVector table(LongVector j) {
        if (TABLE_BY_SELECT) {
            // 8 lanes: the 32 entries are four vectors; two-vector selections of 16 entries each, then a blend
            // (double) (j & 15) by the bits of 2^52 + (j & 15), less 2^52
            DoubleVector index = j.and(15).or(TWO_52_BITS).reinterpretAsDoubles().sub(0x1p52);
            DoubleVector low = index.selectFrom(T0, T1);
            DoubleVector high = index.selectFrom(T2, T3);
            return low.blend(high, j.compare(VectorOperators.GE, 16).cast(D));
        }
        int[] index = new int[L];
        j.convertShape(VectorOperators.L2I, I, 0).reinterpretAsInts().intoArray(index, 0);
        return DoubleVector.fromArray(D, Exp.TABLE, 0, index, 0);
    }

    /** Recomputes with {@link Exp#exp} the lanes of y (written from x) in {@code lanes} outside the vector road. */
    private static void checkExp(DoubleVector x, VectorMask<Double> lanes, double[] y, int yOff) {
        VectorMask<Double> fast = x.compare(VectorOperators.GE, EXP_LOW).and(x.compare(VectorOperators.LE, EXP_HIGH))
                .or(lanes.not());
        if (!fast.allTrue()) {
            for (int lane = 0; lane < L; lane++) {
                if (!fast.laneIsSet(lane)) {
                    y[yOff + lane] = Exp.exp(x.lane(lane));
                }
            }
        }
    }

    /** y[yOff + i] = {@link StrictMath#exp}(x[xOff + i]) for i &lt; len. x and y may be the same window. */
    public static void strictExp(double[] x, int xOff, double[] y, int yOff, int len) {
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            strictExp(DoubleVector.fromArray(D, x, xOff + i), y, yOff + i);
        }
        for (int i = full; i < len; i++) {
            y[yOff + i] = StrictMath.exp(x[xOff + i]);
        }
    }

    /**
     * y[yOff + i] = {@link StrictMath#exp}(x[xOff + i] − shift) for i &lt; len: the exponentials of a float64 softmax
     * row with its maximum as the shift.
     */
    public static void strictExpShifted(double[] x, int xOff, double shift, double[] y, int yOff, int len) {
        int full = len - len % L;
        for (int i = 0; i < full; i += L) {
            strictExp(DoubleVector.fromArray(D, x, xOff + i).sub(shift), y, yOff + i);
        }
        for (int i = full; i < len; i++) {
            y[yOff + i] = StrictMath.exp(x[xOff + i] - shift);
        }
    }

    /**
     * y[yOff + lane] = {@link StrictMath#exp}(x.lane(lane)): fdlibm's e_exp.c with its branches as lane masks. With
     * hx the high word of |x|: |x| &gt; 0.5·ln2 reduces x = k·ln2 + hi − lo (k = ±1 below 1.5·ln2, else
     * (int) (x/ln2 ± 0.5)); |x| below 2^-28 gives 1 + x; between, k = 0. Lanes with |x| ≥ 709.78 (also NaN and
     * infinities) or k &lt; −1021 take the scalar function.
     */
    static void strictExp(DoubleVector x, double[] y, int yOff) {
        LongVector bits = x.reinterpretAsLongs();
        LongVector hx = bits.lanewise(VectorOperators.LSHR, 32).and(0x7fffffffL);
        LongVector xsb = bits.lanewise(VectorOperators.LSHR, 63);
        VectorMask<Long> reduce = hx.compare(VectorOperators.GT, 0x3fd62e42L);
        VectorMask<Long> oneLn2 = reduce.and(hx.compare(VectorOperators.LT, 0x3FF0A2B2L));
        VectorMask<Long> tiny = hx.compare(VectorOperators.LT, 0x3e300000L);
        VectorMask<Double> neg = x.compare(VectorOperators.LT, 0);
        // k = (int) (invln2·x + half[xsb]); k = 1 − 2·xsb between 0.5 and 1.5 ln2; 0 at or below 0.5 ln2
        DoubleVector half = DoubleVector.broadcast(D, 0.5).blend(-0.5, neg);
        LongVector k = (LongVector) x.mul(INV_LN2).add(half).convert(VectorOperators.D2L, 0);
        k = k.blend(xsb.mul(-2).add(1), oneLn2).blend(0, reduce.not());
        DoubleVector tk = (DoubleVector) k.convert(VectorOperators.L2D, 0);
        DoubleVector hi = x.sub(tk.mul(LN2_HI));
        DoubleVector lo = tk.mul(LN2_LO);
        VectorMask<Double> reduceD = reduce.cast(D);
        DoubleVector xr = hi.sub(lo).blend(x, reduceD.not());
        DoubleVector t = xr.mul(xr);
        DoubleVector c = xr.sub(t.mul(t.mul(t.mul(t.mul(t.mul(P5).add(P4)).add(P3)).add(P2)).add(P1)));
        DoubleVector xc = xr.mul(c);
        // k == 0: 1 − ((x·c)/(c − 2) − x); else y = 1 − ((lo − (x·c)/(2 − c)) − hi) scaled by 2^k
        DoubleVector small = DoubleVector.broadcast(D, 1.0).sub(xc.div(c.sub(2.0)).sub(xr));
        DoubleVector scaled = DoubleVector.broadcast(D, 1.0).sub(lo.sub(xc.div(DoubleVector.broadcast(D, 2.0).sub(c)))
                .sub(hi)).reinterpretAsLongs().add(k.lanewise(VectorOperators.LSHL, 52)).reinterpretAsDoubles();
        DoubleVector result = scaled.blend(small, reduceD.not()).blend(x.add(1.0), tiny.cast(D));
        result.intoArray(y, yOff);
        VectorMask<Long> fast = hx.compare(VectorOperators.LT, 0x40862E42L).and(k.compare(VectorOperators.GE, -1021));
        if (!fast.allTrue()) {
            for (int lane = 0; lane < L; lane++) {
                if (!fast.laneIsSet(lane)) {
                    y[yOff + lane] = StrictMath.exp(x.lane(lane));
                }
            }
        }
    }
}
