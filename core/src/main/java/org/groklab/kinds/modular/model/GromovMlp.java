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
import org.groklab.math.Tensors;

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
        Tensors.transpose(w1.data(), w1t, m, 2 * p);
        for (int i = 0; i < n; i++) {
            int ra = batch.token(i, 0) * m;
            int rb = (p + batch.token(i, 1)) * m;
            int row = i * m;
            for (int j = 0; j < m; j++) {
                float z = (w1t[ra + j] + w1t[rb + j]) * s;
                pre1[row + j] = z;
                h1[row + j] = phi.apply(z);
            }
        }
        float[] top = h1;
        if (layers == 2) {
            k.matmulTransB(h1, wMid.data(), pre2, scratch, n, m, m, false);
            for (int i = 0; i < pre2.length; i++) {
                pre2[i] *= s;
                h2[i] = phi.apply(pre2[i]);
            }
            top = h2;
        }
        float[] y = new float[n * p];
        k.matmulTransB(top, w2.data(), y, scratch, n, m, p, false);
        for (int i = 0; i < y.length; i++) {
            y[i] *= invP;
        }
        last = batch;
        return y;
    }

    @Override
    public void backward(float[] dY) {
        Batch batch = last;
        int n = batch.size();
        float[] top = layers == 2 ? h2 : h1;
        float[] dYs = new float[dY.length];
        for (int i = 0; i < dY.length; i++) {
            dYs[i] = dY[i] * invP;
        }
        // y = top · W2ᵀ / p
        k.matmulTransA(dYs, top, w2.grad(), p, n, m, false);
        float[] dTop = new float[n * m];
        k.matmul(dYs, w2.data(), dTop, n, p, m, false);
        float[] dPre1;
        if (layers == 2) {
            float[] dPre2 = new float[n * m];
            for (int i = 0; i < dPre2.length; i++) {
                dPre2[i] = dTop[i] * phi.derivative(pre2[i]) * s;
            }
            // pre2 = s · h1 · W_midᵀ
            k.matmulTransA(dPre2, h1, wMid.grad(), m, n, m, false);
            float[] dH1 = new float[n * m];
            k.matmul(dPre2, wMid.data(), dH1, n, m, m, false);
            dPre1 = dH1;
        } else {
            dPre1 = dTop;
        }
        java.util.Arrays.fill(dW1t, 0f);
        for (int i = 0; i < n; i++) {
            int ra = batch.token(i, 0) * m;
            int rb = (p + batch.token(i, 1)) * m;
            int row = i * m;
            for (int j = 0; j < m; j++) {
                float g = dPre1[row + j] * phi.derivative(pre1[row + j]) * s;
                dW1t[ra + j] += g;
                dW1t[rb + j] += g;
            }
        }
        Tensors.transpose(dW1t, w1.grad(), 2 * p, m);
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
}
