package org.groklab.kinds.modular.model;

import org.groklab.model.Activation;
import org.groklab.model.Init;
import org.groklab.model.Model;
import org.groklab.model.Param;
import org.groklab.data.Batch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.groklab.math.Kernels;
import org.groklab.math.Rng;

/**
 * The model of Gromov (2023) as reproduced in Yuxi Liu's essay "Grokking Modular Arithmetics" (shared/seeds/001):
 * x = [onehot(a), onehot(b)], z = phi(W1 x / sqrt(M)), y = W2 z / N, no biases, N(0, 1) init, 3MN parameters.
 * With {@code layers = 2} a second hidden layer z2 = phi(W_mid z / sqrt(M)) sits before the readout (one of the
 * essay's extensions). Weights are stored as PyTorch stores them: W1 [M × 2N], W_mid [M × M], W2 [N × M].
 */
public final class GromovMlp implements Model {
    private final int p;
    private final int m;
    private final int layers;
    private final Activation phi;
    private final float s;
    private final float invP;
    private final Kernels k;
    private final Param w1;
    private final Param wMid;
    private final Param w2;
    private final List<Param> params = new ArrayList<>();

    private final float[] w1t;
    private final float[] dW1t;
    private final float[] scratch;
    private Batch last;
    private float[] pre1;
    private float[] h1;
    private float[] pre2;
    private float[] h2;
    /** Backward's buffers: dY / p, the gradient at the top hidden layer, and (two layers) at the first. */
    private float[] dYs;
    private float[] dTop;
    private float[] dHidden;

    public GromovMlp(int p, int width, int layers, Activation phi, Kernels kernels) {
        if (layers < 1 || layers > 2) {
            throw new IllegalArgumentException("layers must be 1 or 2, got " + layers);
        }
        this.k = kernels;
        this.p = p;
        this.m = width;
        this.layers = layers;
        this.phi = phi;
        this.s = (float) (1 / Math.sqrt(width));
        this.invP = 1f / p;
        w1 = new Param("W1", m, 2 * p);
        params.add(w1);
        if (layers == 2) {
            wMid = new Param("W_mid", m, m);
            params.add(wMid);
        } else {
            wMid = null;
        }
        w2 = new Param("W2", p, m);
        params.add(w2);
        w1t = new float[2 * p * m];
        dW1t = new float[2 * p * m];
        scratch = new float[Math.max(m * m, p * m)];
    }

    /** All entries N(0, 1), as in the essay. */
    public void initialize(Rng rng) {
        for (Param param : params) {
            Init.normal(param, rng, 1.0);
        }
    }

    @Override
    public List<Param> params() {
        return params;
    }

    @Override
    public int outputs() {
        return p;
    }

    @Override
    public float[] forward(Batch batch) {
        int n = batch.size();
        if (pre1 == null || pre1.length != n * m) {
            pre1 = new float[n * m];
            h1 = new float[n * m];
            if (layers == 2) {
                pre2 = new float[n * m];
                h2 = new float[n * m];
            }
        }
        k.transpose(w1.data(), w1t, m, 2 * p);
        if (phi == Activation.QUADRATIC) { // the first layer and its square in one pass over the rows
            for (int i = 0; i < n; i++) {
                k.addRowsScaledSquared(w1t, batch.token(i, 0) * m, (p + batch.token(i, 1)) * m, s, pre1, h1, i * m,
                        m);
            }
        } else {
            for (int i = 0; i < n; i++) {
                k.addRowsScaled(w1t, batch.token(i, 0) * m, (p + batch.token(i, 1)) * m, s, pre1, i * m, m);
            }
            activate(pre1, h1);
        }
        float[] top = h1;
        if (layers == 2) {
            k.matmulTransB(h1, wMid.data(), pre2, scratch, n, m, m, false);
            k.scale(s, pre2, 0, pre2.length);
            activate(pre2, h2);
            top = h2;
        }
        float[] y = new float[n * p];
        k.matmulTransB(top, w2.data(), y, scratch, n, m, p, false);
        k.scale(invP, y, 0, y.length);
        last = batch;
        return y;
    }

    @Override
    public void backward(float[] dY) {
        Batch batch = last;
        int n = batch.size();
        float[] top = layers == 2 ? h2 : h1;
        if (dYs == null || dYs.length != dY.length || dTop.length != n * m) { // reused: a step allocates nothing big
            dYs = new float[dY.length];
            dTop = new float[n * m];
            dHidden = layers == 2 ? new float[n * m] : null;
        }
        System.arraycopy(dY, 0, dYs, 0, dY.length);
        k.scale(invP, dYs, 0, dYs.length);
        // y = top · W2ᵀ / p
        k.matmulTransA(dYs, top, w2.grad(), p, n, m, false);
        k.matmul(dYs, w2.data(), dTop, n, p, m, false);
        float[] dPre1;
        if (layers == 2) {
            activationGradient(dTop, pre2, dTop); // dPre2, in place
            // pre2 = s · h1 · W_midᵀ
            k.matmulTransA(dTop, h1, wMid.grad(), m, n, m, false);
            k.matmul(dTop, wMid.data(), dHidden, n, m, m, false);
            dPre1 = dHidden;
        } else {
            dPre1 = dTop;
        }
        java.util.Arrays.fill(dW1t, 0f);
        if (phi == Activation.QUADRATIC) { // g_i and the two sums in one pass over the rows, as below
            for (int i = 0; i < n; i++) {
                k.squareBackwardScaledIntoRows(dPre1, i * m, pre1, i * m, s, dW1t, batch.token(i, 0) * m,
                        (p + batch.token(i, 1)) * m, m);
            }
        } else {
            activationGradient(dPre1, pre1, dPre1); // g_i, in place
            for (int i = 0; i < n; i++) {
                k.axpy(1f, dPre1, i * m, dW1t, batch.token(i, 0) * m, m); // dW1t[a] += g_i (1 · g exact: a plain sum)
                k.axpy(1f, dPre1, i * m, dW1t, (p + batch.token(i, 1)) * m, m);
            }
        }
        k.transpose(dW1t, w1.grad(), 2 * p, m);
    }

    @Override
    public Map<String, float[]> hidden(Batch batch) {
        forward(batch);
        Map<String, float[]> out = new LinkedHashMap<>();
        out.put("pre1", pre1.clone());
        out.put("h1", h1.clone());
        if (layers == 2) {
            out.put("pre2", pre2.clone());
            out.put("h2", h2.clone());
        }
        return out;
    }

    /** out = phi(z); the quadratic and the ReLU through the kernels (the same bits as {@link Activation#apply}). */
    private void activate(float[] z, float[] out) {
        switch (phi) {
            case QUADRATIC -> k.square(z, 0, out, 0, z.length);
            case RELU -> k.relu(z, 0, out, 0, z.length);
            default -> {
                for (int i = 0; i < z.length; i++) {
                    out[i] = phi.apply(z[i]);
                }
            }
        }
    }

    /** out = dOut · phi'(z) · s, multiplied in that order (out may be dOut); the quadratic's through the kernels. */
    private void activationGradient(float[] dOut, float[] z, float[] out) {
        if (phi == Activation.QUADRATIC) {
            k.squareBackwardScaled(dOut, 0, z, 0, s, out, 0, z.length);
            return;
        }
        for (int i = 0; i < z.length; i++) {
            out[i] = dOut[i] * phi.derivative(z[i]) * s;
        }
    }
}
