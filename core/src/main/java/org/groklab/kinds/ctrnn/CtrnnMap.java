package org.groklab.kinds.ctrnn;

/**
 * The noise-free Euler step of a trained CT-RNN in float64: F(x, u) = (1 - alpha) x + alpha (J tanh(x) + B u + b),
 * its Jacobian (1 - alpha) I + alpha J diag(1 - tanh²(x)), and the readout z = W tanh(x) + b_out.
 */
public final class CtrnnMap implements StateMap {
    private final int n;
    private final int nIn;
    private final double alpha;
    private final double[] j;
    private final double[] bIn;
    private final double[] bias;
    private final double[] w;
    private final double bOut;

    public CtrnnMap(Ctrnn model) {
        CtrnnConfig c = model.config();
        this.n = c.neurons();
        this.nIn = c.inputDim();
        this.alpha = c.alpha();
        this.j = widen(model.param("J").data());
        this.bIn = widen(model.param("B").data());
        this.bias = widen(model.param("b_rec").data());
        this.w = widen(model.param("W").data());
        this.bOut = model.param("b_out").data()[0];
    }

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Override
    public int dim() {
        return n;
    }

    @Override
    public double[] step(double[] x, double[] input) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = Math.tanh(x[i]);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double pre = bias[i];
            for (int k = 0; k < n; k++) {
                pre += j[i * n + k] * r[k];
            }
            if (input != null) {
                for (int k = 0; k < nIn; k++) {
                    pre += bIn[i * nIn + k] * input[k];
                }
            }
            out[i] = (1 - alpha) * x[i] + alpha * pre;
        }
        return out;
    }

    @Override
    public double[] jacobian(double[] x) {
        double[] d = new double[n * n];
        for (int k = 0; k < n; k++) {
            double t = Math.tanh(x[k]);
            double slope = 1 - t * t;
            for (int i = 0; i < n; i++) {
                d[i * n + k] = alpha * j[i * n + k] * slope;
            }
        }
        for (int i = 0; i < n; i++) {
            d[i * n + i] += 1 - alpha;
        }
        return d;
    }

    @Override
    public double readout(double[] x) {
        double z = bOut;
        for (int i = 0; i < n; i++) {
            z += w[i] * Math.tanh(x[i]);
        }
        return z;
    }
}
