package org.groklab.web;

/**
 * The discrete Fourier transform over the tokens 0..p-1 of each neuron's map: power per frequency k = 0..floor(p/2)
 * (k and p-k together), the frequency holding most of a neuron's non-constant power and its phase, and the whole
 * map's shares.
 */
record Spectrum(int p, double[][] power, int[] frequency, double[] share, double[] phase, double[] total) {

    /** {@code map} is row-major, {@code rows} neurons by {@code p} tokens. */
    static Spectrum of(float[] map, int rows, int p) {
        int kMax = p / 2;
        double[][] power = new double[rows][kMax + 1];
        int[] freq = new int[rows];
        double[] share = new double[rows];
        double[] phase = new double[rows];
        double[][] phases = new double[rows][kMax + 1];
        double[] total = new double[kMax + 1];
        
        
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k <= kMax; k++) {
                double re = 0;
                double im = 0;
                for (int a = 0; a < p; a++) {
                    double angle = 2 * Math.PI * ((long) k * a % p) / p;
                    re += map[r * p + a] * Math.cos(angle);
                    im -= map[r * p + a] * Math.sin(angle);
                }
                double pw = (re * re + im * im) / p;
                phases[r][k] = Math.atan2(im, re);
                power[r][k] = (k == 0 || 2 * k == p) ? pw : 2 * pw;
                total[k] += power[r][k];
            }
            double nonConstant = 0;
            int best = 0;
            for (int k = 1; k <= kMax; k++) {
                nonConstant += power[r][k];
                if (best == 0 || power[r][k] > power[r][best]) {
                    best = k;
                }
            }
            freq[r] = best;
            phase[r] = phases[r][best];
            share[r] = nonConstant > 0 ? power[r][best] / nonConstant : 0;
        }
        return new Spectrum(p, power, freq, share, phase, total);
    }

    /** Share of the non-constant power at each frequency k = 1..floor(p/2) (index k-1). */
    double[] shares() {
        int kMax = p / 2;
        double sum = 0;
        for (int k = 1; k <= kMax; k++) {
            sum += total[k];
        }
        double[] s = new double[kMax];
        for (int k = 1; k <= kMax; k++) {
            s[k - 1] = sum > 0 ? total[k] / sum : 0;
        }
        return s;
    }
}
