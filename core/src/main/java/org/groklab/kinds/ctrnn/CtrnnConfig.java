package org.groklab.kinds.ctrnn;

/**
 * Settings of Murray's continuous-time RNN (Appendix B, Table 1).
 *
 * @param neurons     N, the number of neurons (100)
 * @param inputDim    N_in, the input dimension (100)
 * @param tauMs       the time constant tau in ms (10 or 100; any positive value)
 * @param dtMs        the Euler step in ms (10)
 * @param noiseStd    the standard deviation of the neuron noise eta_i(t), drawn N(0, noiseStd²) independently per
 *                    neuron, trial and step; Table 1's N(0, 0.10) is read as a standard deviation of 0.1 (0 turns
 *                    the noise off). Like the recurrent input it enters the Euler step multiplied by dt/tau.
 * @param init        the initializer of J, B and W (Glorot uniform in the paper; Glorot normal as an option)
 * @param scoredSteps how many final outputs the squared error averages over (5, see {@link CtrnnLoss})
 * @param rateL2      lambda of the rate penalty (1e-4)
 * @param initialState x(0), the same value for every neuron and trial (the paper does not say; 0 here, 1 in the
 *                    author's published code, Flax's {@code ones_init} carry)
 * @param accuracyMargin a trial counts as correct when the mean output over the scored steps has its label's sign
 *                    and a magnitude above this (0.5, as the author's published code counts |z| > 0.5 with the
 *                    right sign: a network at the chance plateau, z near 0, is then wrong on every trial); 0 scores
 *                    the sign alone
 */
public record CtrnnConfig(int neurons, int inputDim, double tauMs, double dtMs, double noiseStd, GlorotInit init,
                          int scoredSteps, double rateL2, double initialState, double accuracyMargin) {

    /** Table 1 with tau = 100 ms (the attractive mechanism). */
    public static final CtrnnConfig MURRAY_100MS = new CtrnnConfig(100, 100, 100, 10, 0.1, GlorotInit.UNIFORM, 5,
            1e-4, 0, 0.5);
    /** Table 1 with tau = 10 ms (the oscillatory mechanism). */
    public static final CtrnnConfig MURRAY_10MS = MURRAY_100MS.withTau(10);

    public CtrnnConfig {
        if (neurons < 1 || inputDim < 1) {
            throw new IllegalArgumentException("model.neurons and model.input_dim must be >= 1: " + neurons + ", "
                    + inputDim);
        }
        if (!(tauMs > 0) || !(dtMs > 0)) {
            throw new IllegalArgumentException("model.tau_ms and model.dt_ms must be > 0: " + tauMs + ", " + dtMs);
        }
        if (!(noiseStd >= 0) || !(rateL2 >= 0)) {
            throw new IllegalArgumentException("model.noise_std and loss.rate_l2 must be >= 0: " + noiseStd + ", "
                    + rateL2);
        }
        if (init == null) {
            throw new IllegalArgumentException("model.init must be glorot_uniform or glorot_normal");
        }
        if (!Double.isFinite(initialState)) {
            throw new IllegalArgumentException("model.initial_state must be finite: " + initialState);
        }
        if (!(accuracyMargin >= 0) || Double.isInfinite(accuracyMargin)) {
            throw new IllegalArgumentException("model.accuracy_margin must be >= 0: " + accuracyMargin);
        }
        if (scoredSteps < 1) {
            throw new IllegalArgumentException("loss.scored_steps must be >= 1: " + scoredSteps);
        }
    }

    /** dt / tau, the fraction of the way the state moves toward its drive in one Euler step. */
    public double alpha() {
        return dtMs / tauMs;
    }

    /** dt in seconds, as the rate penalty of Eq. 7 uses it (0.01). */
    public double dtSeconds() {
        return dtMs / 1000;
    }

    public CtrnnConfig withTau(double tau) {
        return new CtrnnConfig(neurons, inputDim, tau, dtMs, noiseStd, init, scoredSteps, rateL2, initialState, accuracyMargin);
    }

    public CtrnnConfig withNeurons(int n) {
        return new CtrnnConfig(n, inputDim, tauMs, dtMs, noiseStd, init, scoredSteps, rateL2, initialState, accuracyMargin);
    }

    public CtrnnConfig withInputDim(int d) {
        return new CtrnnConfig(neurons, d, tauMs, dtMs, noiseStd, init, scoredSteps, rateL2, initialState, accuracyMargin);
    }

    public CtrnnConfig withNoise(double std) {
        return new CtrnnConfig(neurons, inputDim, tauMs, dtMs, std, init, scoredSteps, rateL2, initialState, accuracyMargin);
    }

    public CtrnnConfig withInit(GlorotInit i) {
        return new CtrnnConfig(neurons, inputDim, tauMs, dtMs, noiseStd, i, scoredSteps, rateL2, initialState, accuracyMargin);
    }

    public CtrnnConfig withInitialState(double x0) {
        return new CtrnnConfig(neurons, inputDim, tauMs, dtMs, noiseStd, init, scoredSteps, rateL2, x0, accuracyMargin);
    }

    public CtrnnConfig withAccuracyMargin(double margin) {
        return new CtrnnConfig(neurons, inputDim, tauMs, dtMs, noiseStd, init, scoredSteps, rateL2, initialState, margin);
    }

    public CtrnnConfig withLoss(int scored, double lambda) {
        return new CtrnnConfig(neurons, inputDim, tauMs, dtMs, noiseStd, init, scored, lambda, initialState, accuracyMargin);
    }
}
