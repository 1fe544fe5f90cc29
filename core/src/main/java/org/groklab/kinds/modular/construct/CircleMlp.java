package org.groklab.kinds.modular.construct;

import java.util.List;
import java.util.Map;
import org.groklab.math.Rng;
import org.groklab.model.Activation;
import org.groklab.data.Batch;
import org.groklab.model.Init;
import org.groklab.model.Model;
import org.groklab.model.Param;

/**
 * PAIR's constructed circular solution (shared/seeds/002, "a head start on the problem" and Appendix A): the
 * embedding is fixed, placing each number x on the unit circle, e(x) = (cos 2 pi x / p, sin 2 pi x / p); only the
 * input map W_in (2 x n) and the output map W_out (n x 2) are trained, 4n parameters (20 for the post's five
 * neurons):
 * <pre>
 * h = phi(e(a) W_in + e(b) W_in),   logits_c = h W_out e(c)^T
 * </pre>
 * {@link #construct} sets PAIR's hand-made weights: neuron i points at angle theta_i = 2 pi i / n in W_in and at
 * the doubled angle 2 theta_i in W_out, so pre_i = cos(x_a - theta_i) + cos(x_b - theta_i) and logit_c =
 * sum_i h_i cos(2 theta_i - x_c). With phi(t) = t^2 and n = 3 or n >= 5 this is exactly
 * (n/2)(1 + cos(x_a - x_b)) cos(x_a + x_b - x_c), largest at c = a + b (the appendix's proof); with ReLU it is
 * close, and training W_in and W_out finishes the job.
 */
public final class CircleMlp implements Model {
    private final int p;
    private final int n;
    private final Activation phi;
    private final Param wIn;
    private final Param wOut;
    private final double[] cos;
    private final double[] sin;
    private Batch last;
    private float[] pre;
    private float[] act;

    public CircleMlp(int p, int neurons, Activation phi) {
        this.p = p;
        this.n = neurons;
        this.phi = phi;
        this.wIn = new Param("W_in", 2, neurons);
        this.wOut = new Param("W_out", neurons, 2);
        this.cos = new double[p];
        this.sin = new double[p];
        for (int x = 0; x < p; x++) {
            cos[x] = StrictMath.cos(2 * StrictMath.PI * x / p);
            sin[x] = StrictMath.sin(2 * StrictMath.PI * x / p);
        }
    }

    /** PAIR's hand-made weights: W_in column i at angle 2 pi i / n, W_out row i at twice that angle. */
    public CircleMlp construct() {
        for (int i = 0; i < n; i++) {
            double theta = 2 * Math.PI * i / n;
            wIn.data()[i] = (float) Math.cos(theta);
            wIn.data()[n + i] = (float) Math.sin(theta);
            wOut.data()[2 * i] = (float) Math.cos(2 * theta);
            wOut.data()[2 * i + 1] = (float) Math.sin(2 * theta);
        }
        return this;
    }

    /** Random weights, as a start for training: uniform in +-1/sqrt(fan_in) (PyTorch's default). */
    public CircleMlp initialize(Rng rng) {
        Init.uniformFanIn(wIn, rng, 2);
        Init.uniformFanIn(wOut, rng, n);
        return this;
    }

    public int p() {
        return p;
    }

    public int neurons() {
        return n;
    }

    @Override
    public List<Param> params() {
        return List.of(wIn, wOut);
    }

    @Override
    public int outputs() {
        return p;
    }

    @Override
    public float[] forward(Batch batch) {
        int size = batch.size();
        pre = new float[size * n];
        act = new float[size * n];
        float[] logits = new float[size * p];
        float[] win = wIn.data();
        float[] wout = wOut.data();
        for (int e = 0; e < size; e++) {
            int a = batch.token(e, 0);
            int b = batch.token(e, 1);
            double ex = cos[a] + cos[b];
            double ey = sin[a] + sin[b];
            double vx = 0;
            double vy = 0;
            for (int i = 0; i < n; i++) {
                float z = (float) (ex * win[i] + ey * win[n + i]);
                pre[e * n + i] = z;
                float h = phi.apply(z);
                act[e * n + i] = h;
                vx += h * wout[2 * i];
                vy += h * wout[2 * i + 1];
            }
            for (int c = 0; c < p; c++) {
                logits[e * p + c] = (float) (vx * cos[c] + vy * sin[c]);
            }
        }
        last = batch;
        return logits;
    }

    @Override
    public void backward(float[] dLogits) {
        zeroGrads();
        float[] win = wIn.data();
        float[] wout = wOut.data();
        float[] gIn = wIn.grad();
        float[] gOut = wOut.grad();
        for (int e = 0; e < last.size(); e++) {
            double dvx = 0;
            double dvy = 0;
            for (int c = 0; c < p; c++) {
                dvx += dLogits[e * p + c] * cos[c];
                dvy += dLogits[e * p + c] * sin[c];
            }
            int a = last.token(e, 0);
            int b = last.token(e, 1);
            double ex = cos[a] + cos[b];
            double ey = sin[a] + sin[b];
            for (int i = 0; i < n; i++) {
                float h = act[e * n + i];
                gOut[2 * i] += (float) (h * dvx);
                gOut[2 * i + 1] += (float) (h * dvy);
                double dPre = (dvx * wout[2 * i] + dvy * wout[2 * i + 1]) * phi.derivative(pre[e * n + i]);
                gIn[i] += (float) (ex * dPre);
                gIn[n + i] += (float) (ey * dPre);
            }
        }
    }

    @Override
    public Map<String, float[]> hidden(Batch batch) {
        forward(batch);
        return Map.of("pre", pre.clone(), "h", act.clone());
    }
}
