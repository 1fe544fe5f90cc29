package org.groklab.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.groklab.model.Param;

/**
 * Adam (Kingma and Ba) with PyTorch's arithmetic; with {@link WeightDecay#DECOUPLED} decay it is AdamW.
 */
public final class Adam implements Optimizer {
    private final float beta1;
    private final float beta2;
    private final float eps;
    private float lambda;
    private final WeightDecay decay;
    private final Map<String, float[]> m = new LinkedHashMap<>();
    private final Map<String, float[]> v = new LinkedHashMap<>();
    private long t;

    public Adam(double beta1, double beta2, double eps, double weightDecay, WeightDecay decay) {
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.eps = (float) eps;
        this.lambda = (float) weightDecay;
        this.decay = decay;
    }

    @Override
    public void step(List<Param> params, float lr) {
        t++;
        double bc1 = 1 - StrictMath.pow(beta1, t);
        double bc2 = 1 - StrictMath.pow(beta2, t);
        float stepSize = (float) (lr / bc1);
        float bc2Sqrt = (float) Math.sqrt(bc2);
        for (Param p : params) {
            float[] w = p.data();
            float[] g = p.grad();
            float[] mp = m.computeIfAbsent(p.name(), k -> new float[w.length]);
            float[] vp = v.computeIfAbsent(p.name(), k -> new float[w.length]);
            for (int i = 0; i < w.length; i++) {
                float gi = decay.coupled(g[i], w[i], lambda);
                if (lambda != 0) {
                    w[i] = decay.decoupled(w[i], lr, lambda);
                }
                mp[i] = beta1 * mp[i] + (1 - beta1) * gi;
                vp[i] = beta2 * vp[i] + (1 - beta2) * gi * gi;
                float denom = (float) Math.sqrt(vp[i]) / bc2Sqrt + eps;
                w[i] -= stepSize * mp[i] / denom;
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
        m.forEach((k, a) -> s.put("exp_avg." + k, a));
        v.forEach((k, a) -> s.put("exp_avg_sq." + k, a));
        return s;
    }

    @Override
    public void restore(Map<String, float[]> state, long updates) {
        m.clear();
        v.clear();
        state.forEach((k, a) -> {
            if (k.startsWith("exp_avg_sq.")) {
                v.put(k.substring("exp_avg_sq.".length()), a.clone());
            } else if (k.startsWith("exp_avg.")) {
                m.put(k.substring("exp_avg.".length()), a.clone());
            }
        });
        t = updates;
    }
}
