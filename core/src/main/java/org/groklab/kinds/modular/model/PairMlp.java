package org.groklab.kinds.modular.model;

import org.groklab.model.Init;
import org.groklab.model.Param;
import org.groklab.data.Batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.groklab.math.Kernels;
import org.groklab.math.Rng;

/**
 * The one-layer MLP of Google PAIR's explorable "Do Machine Learning Models Memorize or Generalize?"
 * (shared/seeds/002): a tied embedding E (p × d) used for both inputs, a hidden map H (d × w, no bias),
 * h = ReLU(E[a]H + E[b]H), an output map O (w × d, no bias) and a tied unembedding: logits = h O Eᵀ.
 *
 * <p>Because both inputs are one-hot, the model only ever uses the collapsed matrices W_in = E H (p × w) and
 * W_out = O Eᵀ (w × p) — the "3,216-parameter model" the post draws for p = 67, w = 24. The forward pass computes
 * them once per step, which is far cheaper than embedding every example. Variants: {@code collapsedHidden} trains
 * W_in directly (no E, H), {@code collapsedOutput} trains W_out directly (no O), {@code tied = false} gives the
 * unembedding its own matrix U (p × d).
 */
public final class PairMlp implements PairNetwork {
    private final int p;
    private final int d;
    private final int w;
    private final boolean collapsedHidden;
    private final boolean collapsedOutput;
    private final boolean tied;
    private final Kernels k;
    private final List<Param> params = new ArrayList<>();
    private Param e;
    private Param h;
    private Param o;
    private Param u;
    private Param wIn;
    private Param wOut;

    // per-step buffers
    private final float[] winBuf;
    private final float[] woutBuf;
    private final float[] dWin;
    private final float[] dWout;
    private final float[] scratch;
    private Batch last;
    private float[] pre;
    private float[] act;
    private float[] dAct;

    public PairMlp(int p, int dEmbed, int width, boolean tied, boolean collapsedHidden, boolean collapsedOutput, Kernels kernels) {
        this.k = kernels;
        this.p = p;
        this.d = dEmbed;
        this.w = width;
        this.tied = tied;
        this.collapsedHidden = collapsedHidden;
        this.collapsedOutput = collapsedOutput;
        if (collapsedHidden) {
            wIn = add(new Param("W_in", p, w));
        } else {
            e = add(new Param("E", p, d));
            h = add(new Param("H", d, w));
        }
        if (collapsedOutput) {
            wOut = add(new Param("W_out", w, p));
        } else {
            o = add(new Param("O", w, d));
            if (!tied || collapsedHidden) {
                if (tied) {
                    throw new IllegalArgumentException("a tied unembedding needs the embedding E, which a collapsed "
                            + "hidden layer removes");
                }
                u = add(new Param("U", p, d));
            }
        }
        winBuf = new float[p * w];
        woutBuf = new float[w * p];
        dWin = new float[p * w];
        dWout = new float[w * p];
        scratch = new float[Math.max(p, w) * Math.max(d, Math.max(p, w))];
    }

    private Param add(Param param) {
        params.add(param);
        return param;
    }

    /** Initialises as the post's model: embeddings by variance scaling 2/fan_in, linear maps 1/sqrt(fan_in). */
    public void initialize(Rng rng) {
        for (Param param : params) {
            switch (param.name()) {
                case "E", "U", "W_in" -> Init.varianceScaling(param, rng, 2.0, p);
                case "H" -> Init.truncatedNormal(param, rng, 1 / Math.sqrt(d));
                case "O", "W_out" -> Init.truncatedNormal(param, rng, 1 / Math.sqrt(w));
                default -> throw new IllegalStateException(param.name());
            }
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

    private float[] unembed() {
        return u != null ? u.data() : e.data();
    }

    /** W_in = E H (p × w), the collapsed input map. */
    @Override
    public float[] inputMap() {
        if (collapsedHidden) {
            return wIn.data().clone();
        }
        float[] out = new float[p * w];
        k.matmul(e.data(), h.data(), out, p, d, w, false);
        return out;
    }

    /** W_out = O Eᵀ (w × p), the collapsed output map. */
    @Override
    public float[] outputMap() {
        if (collapsedOutput) {
            return wOut.data().clone();
        }
        float[] out = new float[w * p];
        k.matmulTransB(o.data(), unembed(), out, new float[p * d], w, d, p, false);
        return out;
    }

    private void collapse() {
        if (collapsedHidden) {
            System.arraycopy(wIn.data(), 0, winBuf, 0, winBuf.length);
        } else {
            k.matmul(e.data(), h.data(), winBuf, p, d, w, false);
        }
        if (collapsedOutput) {
            System.arraycopy(wOut.data(), 0, woutBuf, 0, woutBuf.length);
        } else {
            k.matmulTransB(o.data(), unembed(), woutBuf, scratch, w, d, p, false);
        }
    }

    @Override
    public float[] forward(Batch batch) {
        int n = batch.size();
        collapse();
        if (pre == null || pre.length != n * w) {
            pre = new float[n * w];
            act = new float[n * w];
            dAct = new float[n * w];
        }
        for (int i = 0; i < n; i++) { // pre = W_in[a] + W_in[b] (a sum scaled by 1: exact)
            k.addRowsScaled(winBuf, batch.token(i, 0) * w, batch.token(i, 1) * w, 1f, pre, i * w, w);
        }
        k.relu(pre, 0, act, 0, n * w);
        float[] logits = new float[n * p];
        k.matmul(act, woutBuf, logits, n, w, p, false);
        last = batch;
        return logits;
    }

    @Override
    public void backward(float[] dLogits) {
        Batch batch = last;
        int n = batch.size();
        zeroGrads();
        // logits = act · W_out
        k.matmulTransA(act, dLogits, dWout, w, n, p, false);
        k.matmulTransB(dLogits, woutBuf, dAct, scratch, n, p, w, false);
        java.util.Arrays.fill(dWin, 0f);
        for (int i = 0; i < dAct.length; i++) { // through the ReLU (a NaN pre-activation passes nothing, as forward)
            dAct[i] = pre[i] > 0 ? dAct[i] : 0f;
        }
        for (int i = 0; i < n; i++) { // dW_in[a] += g_i, dW_in[b] += g_i (1 · g exact: plain sums in example order)
            k.axpy(1f, dAct, i * w, dWin, batch.token(i, 0) * w, w);
            k.axpy(1f, dAct, i * w, dWin, batch.token(i, 1) * w, w);
        }
        if (collapsedOutput) {
            System.arraycopy(dWout, 0, wOut.grad(), 0, dWout.length);
        } else {
            // W_out = O · Uᵀ: dO = dW_out · U, dU = dW_outᵀ · O
            float[] un = unembed();
            k.matmul(dWout, un, o.grad(), w, p, d, false);
            float[] dU = u != null ? u.grad() : e.grad();
            k.matmulTransA(dWout, o.data(), dU, p, w, d, true);
        }
        if (collapsedHidden) {
            System.arraycopy(dWin, 0, wIn.grad(), 0, dWin.length);
        } else {
            // W_in = E · H: dH = Eᵀ · dW_in, dE += dW_in · Hᵀ
            k.matmulTransA(e.data(), dWin, h.grad(), d, p, w, false);
            k.matmulTransB(dWin, h.data(), e.grad(), scratch, p, w, d, true);
        }
    }

    @Override
    public Map<String, float[]> hidden(Batch batch) {
        forward(batch);
        return Map.of("pre", pre.clone(), "h", act.clone());
    }
}
