package org.groklab.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.groklab.math.AdamStep;
import org.groklab.math.AdamStep64;
import org.groklab.math.Kernels;
import org.groklab.math.Kernels64;
import org.groklab.model.Param;

/**
 * Adam (Kingma and Ba) with PyTorch's arithmetic; with {@link WeightDecay#DECOUPLED} decay it is AdamW. A float32
 * parameter is updated in float32 (its moments float32, the hyperparameters rounded to float32); a float64 one in
 * float64 throughout (its moments float64, the hyperparameters and learning rate as given), the same formulas.
 */
public final class Adam implements Optimizer {
    private final float beta1;
    private final float beta2;
    private final float eps;
    private float lambda;
    private final WeightDecay decay;
    private final Map<String, float[]> m = new LinkedHashMap<>();
    private final Map<String, float[]> v = new LinkedHashMap<>();
    private final Map<String, double[]> m64 = new LinkedHashMap<>();
    private final Map<String, double[]> v64 = new LinkedHashMap<>();
    private final double beta1x;
    private final double beta2x;
    private final double epsx;
    private double lambdax;
    private long t;
    private final Kernels kernels;

    public Adam(double beta1, double beta2, double eps, double weightDecay, WeightDecay decay) {
        this(beta1, beta2, eps, weightDecay, decay, Kernels.preferred());
    }

    /** With the kernels that run the element-wise update (all kernels give the same bits). */
    public Adam(double beta1, double beta2, double eps, double weightDecay, WeightDecay decay, Kernels kernels) {
        this.kernels = kernels;
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.eps = (float) eps;
        this.lambda = (float) weightDecay;
        this.decay = decay;
        this.beta1x = beta1;
        this.beta2x = beta2;
        this.epsx = eps;
        this.lambdax = weightDecay;
    }

    @Override
    public void step(List<Param> params, float lr) {
        step(params, lr, lr);
    }

    @Override
    public void step(List<Param> params, float lr, double lrExact) {
        t++;
        double bc1 = 1 - StrictMath.pow(beta1, t);
        double bc2 = 1 - StrictMath.pow(beta2, t);
        float stepSize = (float) (lr / bc1);
        float bc2Sqrt = (float) Math.sqrt(bc2);
        for (Param p : params) {
            if (p.isFloat64()) {
                step64(p, lrExact);
                continue;
            }
            float[] w = p.data();
            float[] g = p.grad();
            float[] mp = m.computeIfAbsent(p.name(), k -> new float[w.length]);
            float[] vp = v.computeIfAbsent(p.name(), k -> new float[w.length]);
            // per element (Kernels.adamUpdate): gi = coupled(g, w); decoupled decay of w; m = β1·m + (1 − β1)·gi;
            // v = β2·v + (1 − β2)·gi·gi; w −= stepSize·m / (sqrt(v) / bc2Sqrt + eps), all in float
            kernels.adamUpdate(w, g, mp, vp, 0, w.length,
                    new AdamStep(beta1, beta2, eps, lr, lambda, decay.rule(), stepSize, bc2Sqrt));
        }
    }

    /** The update of a float64 parameter: the float32 loop's formulas, in float64. */
    private void step64(Param p, double lr) {
        double[] w = p.values64();
        double[] g = p.grad64();
        double[] mp = m64.computeIfAbsent(p.name(), k -> new double[w.length]);
        double[] vp = v64.computeIfAbsent(p.name(), k -> new double[w.length]);
        double stepSize = lr / (1 - StrictMath.pow(beta1x, t));
        double bc2Sqrt = Math.sqrt(1 - StrictMath.pow(beta2x, t));
        Kernels64.matching(kernels).adamUpdate(w, g, mp, vp, 0, w.length,
                new AdamStep64(beta1x, beta2x, epsx, lr, lambdax, decay.rule(), stepSize, bc2Sqrt));
        p.narrow();
    }

    @Override
    public void setWeightDecay(double weightDecay) {
        this.lambda = (float) weightDecay;
        this.lambdax = weightDecay;
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
    public Map<String, double[]> state64() {
        Map<String, double[]> s = new LinkedHashMap<>();
        m64.forEach((k, a) -> s.put("exp_avg." + k, a));
        v64.forEach((k, a) -> s.put("exp_avg_sq." + k, a));
        return s;
    }

    @Override
    public void restore64(Map<String, double[]> state) {
        m64.clear();
        v64.clear();
        state.forEach((k, a) -> {
            if (k.startsWith("exp_avg_sq.")) {
                v64.put(k.substring("exp_avg_sq.".length()), a.clone());
            } else if (k.startsWith("exp_avg.")) {
                m64.put(k.substring("exp_avg.".length()), a.clone());
            }
        });
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
