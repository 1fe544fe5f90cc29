package org.groklab.kinds.ctrnn;

import static org.groklab.spec.Checks.range;
import static org.groklab.spec.Checks.require;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.groklab.spec.ModelSpec;
import org.groklab.spec.RunSpec;

/**
 * {@code model.type: ctrnn}: Murray's continuous-time recurrent network (000, Appendix B), tau dx/dt = -x + J r +
 * B u + b + noise, r = tanh(x), z = W r + b_out, Euler steps of dt.
 */
public record CtrnnSpec(String type, int neurons, double tauMs, double dtMs, double noiseStd, Glorot init,
                        int scoredSteps, double rateL2, double initialState, double accuracyMargin)
        implements ModelSpec {

    public enum Glorot {
        @JsonProperty("glorot_uniform") UNIFORM,
        @JsonProperty("glorot_normal") NORMAL
    }

    @Override
    public void validate(RunSpec s) {
        range("model.neurons", neurons, 1, 10_000);
        require(tauMs > 0 && Double.isFinite(tauMs), "model.tau_ms", "must be > 0, got " + tauMs);
        require(dtMs > 0 && dtMs <= tauMs, "model.dt_ms", "must be in (0, tau_ms], got " + dtMs);
        require(noiseStd >= 0 && Double.isFinite(noiseStd), "model.noise_std", "must be >= 0, got " + noiseStd);
        require(init != null, "model.init", "one of glorot_uniform, glorot_normal");
        require(Double.isFinite(initialState) && Math.abs(initialState) <= 100, "model.initial_state",
                "must be in [-100, 100], got " + initialState);
        require(accuracyMargin >= 0 && accuracyMargin <= 1e6, "model.accuracy_margin",
                "a number in [0, 1e6] (0 scores the sign alone), got " + accuracyMargin);
        require(rateL2 >= 0 && Double.isFinite(rateL2), "model.rate_l2", "must be >= 0, got " + rateL2);
        int steps = ((SetTaskSpec) s.task()).steps();
        require(scoredSteps >= 1 && scoredSteps <= steps, "model.scored_steps", "an integer in [1, task.steps = "
                + steps + "], got " + scoredSteps);
    }

    /** The network's settings, for trials with {@code inputDim} inputs. */
    public CtrnnConfig config(int inputDim) {
        return new CtrnnConfig(neurons, inputDim, tauMs, dtMs, noiseStd,
                init == Glorot.NORMAL ? GlorotInit.NORMAL : GlorotInit.UNIFORM, scoredSteps, rateL2, initialState,
                accuracyMargin);
    }
}
