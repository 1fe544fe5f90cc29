package org.groklab.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.groklab.math.Kernels;
import org.groklab.math.SgdStep;
import org.groklab.model.Param;

/** Stochastic gradient descent with optional (Nesterov) momentum, with PyTorch's arithmetic. */
public final class Sgd implements Optimizer {
    private final float momentum;
    private final boolean nesterov;
    private float lambda;
    private final WeightDecay decay;
    private final Map<String, float[]> buffers = new LinkedHashMap<>();
    private long t;
    private final Kernels kernels;

    public Sgd(double momentum, boolean nesterov, double weightDecay, WeightDecay decay) {
        this(momentum, nesterov, weightDecay, decay, Kernels.preferred());
    }

    /** With the kernels that run the element-wise update (all kernels give the same bits). */
    public Sgd(double momentum, boolean nesterov, double weightDecay, WeightDecay decay, Kernels kernels) {
        this.kernels = kernels;
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
            // per element (Kernels.sgdUpdate): gi = coupled(g, w); decoupled decay of w; with momentum b = first ? gi
            // : momentum·b + gi, gi = nesterov ? gi + momentum·b : b; w −= lr·gi, all in float
            kernels.sgdUpdate(w, g, b, 0, w.length, new SgdStep(lr, momentum, nesterov, lambda, decay.rule(), t == 1));
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
