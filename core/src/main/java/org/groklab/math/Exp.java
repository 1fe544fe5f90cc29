package org.groklab.math;

/**
 * A deterministic exponential for the hot loops of the losses: only IEEE additions and multiplications (and an
 * exact power-of-two scaling), so it gives the same bits on every machine, like StrictMath.exp, at a fraction of
 * its cost. Relative error below 1e-15 against StrictMath.exp on [-745, 709] (checked by ExpTest).
 */
public final class Exp {
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double INV_LN2 = 1.44269504088896338700e+00;
    private static final double[] INV_FACTORIAL = new double[14];

    static {
        double f = 1;
        for (int i = 0; i < INV_FACTORIAL.length; i++) {
            if (i > 0) {
                f *= i;
            }
            INV_FACTORIAL[i] = 1 / f;
        }
    }

    private Exp() {
    }

    public static double exp(double x) {
        if (!(x > -746)) {
            return Double.isNaN(x) ? x : 0.0;
        }
        if (x > 709.78) {
            return Double.POSITIVE_INFINITY;
        }
        // x = k·ln2 + r with |r| <= ln2/2, then e^r by its Taylor series (13 terms suffice for |r| < 0.35)
        double k = Math.rint(x * INV_LN2);
        double r = (x - k * LN2_HI) - k * LN2_LO;
        double p = INV_FACTORIAL[13];
        for (int i = 12; i >= 0; i--) {
            p = p * r + INV_FACTORIAL[i];
        }
        return Math.scalb(p, (int) k);
    }
}
