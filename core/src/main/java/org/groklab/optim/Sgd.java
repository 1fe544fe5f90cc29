package org.groklab.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.groklab.model.Param;

/** Stochastic gradient descent with optional (Nesterov) momentum, with PyTorch's arithmetic. */
public final class Sgd implements Optimizer {
    private final float momentum;
    private final boolean nesterov;
    private float lambda;
    private final WeightDecay decay;
    private final Map<String, float[]> buffers = new LinkedHashMap<>();
    private long t;

    public Sgd(double momentum, boolean nesterov, double weightDecay, WeightDecay decay) {
        this.momentum = (float) momentum;
        this.nesterov = nesterov;
        this.lambda = (float) weightDecay;
        this.decay = decay;
    }

    @Override
    public void step(List<Param> params, float lr) {
        t++;
        for (Param p : params) {
            float[] w = p.data();
            float[] g = p.grad();
            float[] b = momentum != 0 ? buffers.computeIfAbsent(p.name(), k -> new float[w.length]) : null;
            for (int i = 0; i < w.length; i++) {
                float gi = decay.coupled(g[i], w[i], lambda);
                if (lambda != 0) {
                    w[i] = decay.decoupled(w[i], lr, lambda);
                }
                if (b != null) {
                    b[i] = t == 1 ? gi : momentum * b[i] + gi;
                    gi = nesterov ? gi + momentum * b[i] : b[i];
                }
                w[i] -= lr * gi;
            }
        }
    }

    @Override
    public void setWeightDecay(double weightDecay) {
        this.lambda = (float) weightDecay;
    }

    @Override
    public long updates() {
        return t;
    }

    @Override
    public Map<String, float[]> state() {
        Map<String, float[]> s = new LinkedHashMap<>();
        buffers.forEach((k, a) -> s.put("momentum_buffer." + k, a));
        return s;
    }

    @Override
    public void restore(Map<String, float[]> state, long updates) {
        buffers.clear();
        state.forEach((k, a) -> {
            if (k.startsWith("momentum_buffer.")) {
                buffers.put(k.substring("momentum_buffer.".length()), a.clone());
            }
        });
        t = updates;
    }
}
