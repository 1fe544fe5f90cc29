package org.groklab.kinds.modular.analysis;

/**
 * The real Fourier basis of functions on Z_p, orthonormal so that Parseval holds without factors:
 * <pre>
 * e_0(x)   = 1 / sqrt(p)                              the constant term
 * cos_k(x) = sqrt(2/p) cos(2 pi k x / p)               k = 1 .. floor(p/2)
 * sin_k(x) = sqrt(2/p) sin(2 pi k x / p)
 * </pre>
 * (for even p the Nyquist term k = p/2 is sqrt(1/p) cos(pi x) and has no sine). The coefficients of f are its inner
 * products with these vectors, so the sum of f(x)^2 equals the sum of the squared coefficients; the power of
 * frequency k is cos_k^2 + sin_k^2 and its phase phi = atan2(sin_k, cos_k): the frequency-k part of f is
 * sqrt(2 power / p) cos(2 pi k x / p - phi).
 */
public final class FourierBasis {
    private final int p;
    private final int frequencies;
    private final double[][] cos;
    private final double[][] sin;

    public FourierBasis(int p) {
        if (p < 2) {
            throw new IllegalArgumentException("p must be at least 2, got " + p);
        }
        this.p = p;
        this.frequencies = p / 2;
        this.cos = new double[frequencies + 1][p];
        this.sin = new double[frequencies + 1][p];
        double[] unitCos = new double[p];
        double[] unitSin = new double[p];
        for (int x = 0; x < p; x++) {
            unitCos[x] = StrictMath.cos(2 * StrictMath.PI * x / p);
            unitSin[x] = StrictMath.sin(2 * StrictMath.PI * x / p);
        }
        for (int k = 0; k <= frequencies; k++) {
            boolean real = k == 0 || 2 * k == p;
            double scale = real ? Math.sqrt(1.0 / p) : Math.sqrt(2.0 / p);
            for (int x = 0; x < p; x++) {
                int r = (int) ((long) k * x % p); // exact angle index: cos(2 pi k x / p) = cos(2 pi r / p)
                cos[k][x] = scale * unitCos[r];
                sin[k][x] = real ? 0 : scale * unitSin[r];
            }
        }
    }

    public int p() {
        return p;
    }

    /** The number of non-constant frequencies, floor(p/2). */
    public int frequencies() {
        return frequencies;
    }

    /** The basis vector cos_k (k = 0 gives the constant e_0). */
    public double cosine(int k, int x) {
        return cos[k][x];
    }

    /** The basis vector sin_k (zero for k = 0 and for the Nyquist frequency). */
    public double sine(int k, int x) {
        return sin[k][x];
    }

    /** The coefficients of {@code f}, a function on Z_p given by its p values. */
    public Coefficients transform(double[] f) {
        if (f.length != p) {
            throw new IllegalArgumentException("a signal on Z_" + p + " has " + p + " values, got " + f.length);
        }
        double c0 = 0;
        for (int x = 0; x < p; x++) {
            c0 += cos[0][x] * f[x];
        }
        double[] c = new double[frequencies];
        double[] s = new double[frequencies];
        for (int k = 1; k <= frequencies; k++) {
            double ck = 0;
            double sk = 0;
            double[] ct = cos[k];
            double[] st = sin[k];
            for (int x = 0; x < p; x++) {
                ck += ct[x] * f[x];
                sk += st[x] * f[x];
            }
            c[k - 1] = ck;
            s[k - 1] = sk;
        }
        return new Coefficients(c0, c, s);
    }

    /** The signal with these coefficients (the inverse transform). */
    public double[] inverse(Coefficients co) {
        double[] f = new double[p];
        for (int x = 0; x < p; x++) {
            double v = co.constant() * cos[0][x];
            for (int k = 1; k <= frequencies; k++) {
                v += co.cos(k) * cos[k][x] + co.sin(k) * sin[k][x];
            }
            f[x] = v;
        }
        return f;
    }

    /** The part of {@code f} at the given frequencies (k >= 1), the constant term left out. */
    public double[] keep(double[] f, int... ks) {
        Coefficients co = transform(f);
        double[] out = new double[p];
        for (int k : ks) {
            for (int x = 0; x < p; x++) {
                out[x] += co.cos(k) * cos[k][x] + co.sin(k) * sin[k][x];
            }
        }
        return out;
    }

    /**
     * The coefficients of one signal: the constant term and, for k = 1..floor(p/2), the cos and sin coefficients
     * (arrays indexed k - 1; use {@link #cos(int)} and {@link #sin(int)} with the frequency itself).
     */
    public record Coefficients(double constant, double[] cosines, double[] sines) {

        public int frequencies() {
            return cosines.length;
        }

        public double cos(int k) {
            return cosines[k - 1];
        }

        public double sin(int k) {
            return sines[k - 1];
        }

        /** cos_k^2 + sin_k^2. */
        public double power(int k) {
            return cosines[k - 1] * cosines[k - 1] + sines[k - 1] * sines[k - 1];
        }

        /** sqrt(power(k)): the norm of the frequency-k part of the signal. */
        public double norm(int k) {
            return Math.sqrt(power(k));
        }

        /** atan2(sin_k, cos_k) in (-pi, pi]: the frequency-k part peaks at x = phase * p / (2 pi k). */
        public double phase(int k) {
            return Math.atan2(sines[k - 1], cosines[k - 1]);
        }

        /** The summed power of frequencies 1..floor(p/2): the squared norm of the signal minus its mean. */
        public double nonConstantPower() {
            double t = 0;
            for (int k = 1; k <= frequencies(); k++) {
                t += power(k);
            }
            return t;
        }

        /**
         * The frequency with the largest power (the lowest one on ties); 0 for a constant signal (one whose
         * non-constant power is below 1e-20 of its squared norm: rounding noise).
         */
        public int dominant() {
            if (isConstant()) {
                return 0;
            }
            int best = 0;
            double bestPower = 0;
            for (int k = 1; k <= frequencies(); k++) {
                if (power(k) > bestPower) {
                    bestPower = power(k);
                    best = k;
                }
            }
            return best;
        }

        /** The share of the non-constant power that frequency k holds (0 for a constant signal). */
        public double share(int k) {
            return isConstant() ? 0 : power(k) / nonConstantPower();
        }

        /** True when the non-constant power is rounding noise: below 1e-20 of the squared norm (or zero). */
        public boolean isConstant() {
            double t = nonConstantPower();
            return t <= 1e-20 * (t + constant * constant) || t == 0;
        }
    }
}
