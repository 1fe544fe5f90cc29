package org.groklab.math;

/**
 * A float hyperbolic tangent from IEEE float additions, multiplications, fused multiply-adds and one division, so
 * the scalar code here and the vector code of {@link VectorKernels} give the same bits on every machine. Within
 * 2 ulp of StrictMath.tanh (checked by TanhTest). The steps, per element:
 * <pre>
 *   a = |x|
 *   small = fma(a·z, P(z), a)           z = a·a, P an odd Taylor polynomial of tanh in Horner form with fma
 *   e = 2^k · Q(r)                      y = 2·min(a, 20), k = rint(y / ln 2), r = y − k·ln 2 (two fma),
 *                                       Q the degree-7 Taylor polynomial of e^r in Horner form with fma
 *   large = 1 − 2 / (e + 1)
 *   tanh = copySign(a &lt; 0.55 ? small : large, x)
 * </pre>
 */
public final class Tanh {
    /** Below this |x| the Taylor polynomial, above it 1 − 2/(e^{2|x|} + 1). */
    static final float SWITCH = 0.55f;
    /** tanh(20) rounds to 1 in float; e^40 stays far from overflow. */
    static final float CLAMP = 20f;
    /** 1.5·2^23: (v + MAGIC) − MAGIC rounds v to the nearest integer (ties to even) for |v| &lt; 2^22. */
    static final float MAGIC = 12582912f;
    static final float INV_LN2 = 1.44269504088896341f;
    /** ln 2 split in two: LN2_HI has its low 12 bits zero. */
    static final float LN2_HI = 0.693145751953125f;
    static final float LN2_LO = 1.428606765330187045e-06f;
    /** Taylor coefficients of tanh(x)/x − 1 in z = x² (from x³ on): −1/3, 2/15, −17/315, ... */
    static final float[] T = {
        (float) (-1.0 / 3), (float) (2.0 / 15), (float) (-17.0 / 315), (float) (62.0 / 2835),
        (float) (-1382.0 / 155925), (float) (21844.0 / 6081075), (float) (-929569.0 / 638512875),
        (float) (6404582.0 / 10854718875.0), (float) (-443861162.0 / 1856156927625.0)};
    /** Taylor coefficients of e^r: 1/n! for n = 0..7. */
    static final float[] E = {1f, 1f, 0.5f, (float) (1.0 / 6), (float) (1.0 / 24), (float) (1.0 / 120),
        (float) (1.0 / 720), (float) (1.0 / 5040)};

    private Tanh() {
    }

    public static float tanh(float x) {
        float a = Math.abs(x);
        float z = a * a;
        float p = T[8];
        for (int i = 7; i >= 0; i--) {
            p = Math.fma(p, z, T[i]);
        }
        float small = Math.fma(a * z, p, a);
        float y = Math.min(a, CLAMP) * 2f;
        float kf = (y * INV_LN2 + MAGIC) - MAGIC;
        float r = Math.fma(kf, -LN2_HI, y);
        r = Math.fma(kf, -LN2_LO, r);
        float q = E[7];
        for (int i = 6; i >= 0; i--) {
            q = Math.fma(q, r, E[i]);
        }
        float e = q * Float.intBitsToFloat(((int) kf + 127) << 23);
        float large = 1f - 2f / (e + 1f);
        return Math.copySign(a < SWITCH ? small : large, x);
    }
}
