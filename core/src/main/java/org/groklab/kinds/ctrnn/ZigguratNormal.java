package org.groklab.kinds.ctrnn;

import org.groklab.math.Rng;

/**
 * Standard normal draws by Marsaglia and Tsang's ziggurat ("The Ziggurat Method for Generating Random Variables",
 * J. Stat. Software 5(8), 2000), 128 layers: about 99% of draws cost one 64-bit random number, a multiply and a
 * compare, some ten times cheaper than the polar method, which matters for the neuron noise (N·T draws per trial).
 * The layer index and the value come from disjoint bits of one 64-bit draw (Doornik's fix of the original's
 * correlation). Tables are built once with StrictMath and the rare wedge and tail cases use StrictMath, so draws
 * are the same on every machine.
 */
public final class ZigguratNormal {
    private static final double R = 3.442619855899;
    private static final double V = 9.91256303526217e-3;
    private static final double M1 = 2147483648.0;
    private static final long[] KN = new long[128];
    private static final double[] WN = new double[128];
    private static final double[] FN = new double[128];

    static {
        double dn = R;
        double tn = dn;
        double q = V / StrictMath.exp(-0.5 * dn * dn);
        KN[0] = (long) ((dn / q) * M1);
        KN[1] = 0;
        WN[0] = q / M1;
        WN[127] = dn / M1;
        FN[0] = 1.0;
        FN[127] = StrictMath.exp(-0.5 * dn * dn);
        for (int i = 126; i >= 1; i--) {
            dn = StrictMath.sqrt(-2 * StrictMath.log(V / dn + StrictMath.exp(-0.5 * dn * dn)));
            KN[i + 1] = (long) ((dn / tn) * M1);
            tn = dn;
            FN[i] = StrictMath.exp(-0.5 * dn * dn);
            WN[i] = dn / M1;
        }
    }

    private ZigguratNormal() {
    }

    /** One standard normal draw from {@code rng}. */
    public static double next(Rng rng) {
        while (true) {
            long bits = rng.nextLong();
            int hz = (int) (bits >>> 32);
            int iz = (int) (bits & 127);
            double x = hz * WN[iz];
            if (Math.abs((long) hz) < KN[iz]) {
                return x;
            }
            if (iz == 0) {
                double xt;
                double y;
                do {
                    xt = -StrictMath.log(1 - rng.nextDouble()) / R;
                    y = -StrictMath.log(1 - rng.nextDouble());
                } while (y + y < xt * xt);
                return hz > 0 ? R + xt : -R - xt;
            }
            if (FN[iz] + rng.nextDouble() * (FN[iz - 1] - FN[iz]) < StrictMath.exp(-0.5 * x * x)) {
                return x;
            }
        }
    }
}
