package org.groklab.kinds.modular.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.groklab.data.Batch;
import org.groklab.math.Kernels64;
import org.groklab.math.Rng;
import org.groklab.math.Tensors;
import org.groklab.model.Init;
import org.groklab.model.Model64;
import org.groklab.model.Param;
import org.groklab.model.Precision;

/**
 * {@link PairMlp} computed in float64: the same network (tied embedding E, hidden map H, output map O, optional
 * untied unembedding U; W_in = E H, W_out = O Uᵀ, logits = ReLU(W_in[a] + W_in[b]) W_out), with every product,
 * activation and output in float64 and each parameter stored in the precision the spec's {@code model.precision}
 * gives it:
 * <ul>
 *   <li>{@code float64}: every parameter float64;</li>
 *   <li>{@code pair}: as PAIR's training notebook ran with {@code jax_enable_x64}: E (and U), made by
 *       {@code hk.get_parameter} with its float32 default, stay float32; H and O, made by {@code hk.Linear} from
 *       float64 inputs, are float64. Each use of E is promoted to float64; each use's float64 gradient is rounded
 *       to float32 on its own and the three summed in float32 in the order of JAX's reverse pass, ((unembedding +
 *       input b) + input a).</li>
 * </ul>
 * The initial values are drawn as {@link PairMlp}'s, in the same order from the same stream; a float64 parameter
 * keeps the unrounded draws. The collapsed variants are not offered in float64.
 */
public final class PairMlp64 implements PairNetwork, Model64 {
    private final int p;
    private final int d;
    private final int w;
    private final Kernels64 k;
    private final List<Param> params = new ArrayList<>();
    private final Param e;
    private final Param h;
    private final Param o;
    private final Param u;

    private final double[] winBuf;
    private final double[] woutBuf;
    private final double[] dWin;
    private final double[] dWinA;
    private final double[] dWinB;
    private final double[] dWout;
    private final double[] dEmbed;
    private final double[] e64;
    private final double[] u64;
    private Batch last;
    private double[] pre;
    private double[] act;
    private double[] dAct;

    /** {@code embedding} is the precision of E (and U), H and O are float64. */
    public PairMlp64(int p, int dEmbed, int width, boolean tied, Precision embedding, Kernels64 kernels) {
        this.p = p;
        this.d = dEmbed;
        this.w = width;
        this.k = kernels;
        e = add(new Param("E", embedding, p, d));
        h = add(new Param("H", Precision.FLOAT64, d, w));
        o = add(new Param("O", Precision.FLOAT64, w, d));
        u = tied ? null : add(new Param("U", embedding, p, d));
        winBuf = new double[p * w];
        woutBuf = new double[w * p];
        dWin = new double[p * w];
        dWinA = new double[p * w];
        dWinB = new double[p * w];
        dWout = new double[w * p];
        this.dEmbed = new double[p * d];
        e64 = new double[p * d];
        u64 = tied ? null : new double[p * d];
    }

    private Param add(Param param) {
        params.add(param);
        return param;
    }

    /** As {@link PairMlp#initialize}: embeddings by variance scaling 2/fan_in, linear maps 1/sqrt(fan_in). */
    public void initialize(Rng rng) {
        for (Param param : params) {
            switch (param.name()) {
                case "E", "U" -> Init.varianceScaling(param, rng, 2.0, p);
                case "H" -> Init.truncatedNormal(param, rng, 1 / Math.sqrt(d));
                case "O" -> Init.truncatedNormal(param, rng, 1 / Math.sqrt(w));
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

    /** A parameter's values in float64 (a float32 one widened into {@code into}). */
    private static double[] wide(Param param, double[] into) {
        if (param.isFloat64()) {
            return param.values64();
        }
        float[] v = param.data();
        for (int i = 0; i < v.length; i++) {
            into[i] = v[i];
        }
        return into;
    }

    private void collapse() {
        double[] emb = wide(e, e64);
        k.matmul(emb, h.values64(), winBuf, p, d, w, false);
        double[] un = u == null ? emb : wide(u, u64);
        k.matmulTransB(o.values64(), un, woutBuf, w, d, p, false);
    }

    @Override
    public float[] inputMap() {
        collapse();
        return Tensors.narrow(winBuf);
    }

    @Override
    public float[] outputMap() {
        collapse();
        return Tensors.narrow(woutBuf);
    }

    @Override
    public double[] forward64(Batch batch) {
        int n = batch.size();
        collapse();
        if (pre == null || pre.length != n * w) {
            pre = new double[n * w];
            act = new double[n * w];
            dAct = new double[n * w];
        }
        for (int i = 0; i < n; i++) {
            int ra = batch.token(i, 0) * w;
            int rb = batch.token(i, 1) * w;
            int row = i * w;
            for (int j = 0; j < w; j++) {
                double z = winBuf[ra + j] + winBuf[rb + j];
                pre[row + j] = z;
                act[row + j] = z > 0 ? z : 0d;
            }
        }
        double[] logits = new double[n * p];
        k.matmul(act, woutBuf, logits, n, w, p, false);
        last = batch;
        return logits;
    }

    @Override
    public void backward64(double[] dLogits) {
        Batch batch = last;
        int n = batch.size();
        zeroGrads();
        // logits = act · W_out
        k.matmulTransA(act, dLogits, dWout, w, n, p, false);
        k.matmulTransB(dLogits, woutBuf, dAct, n, p, w, false);
        Arrays.fill(dWinA, 0d);
        Arrays.fill(dWinB, 0d);
        for (int i = 0; i < n; i++) {
            int ra = batch.token(i, 0) * w;
            int rb = batch.token(i, 1) * w;
            int row = i * w;
            for (int j = 0; j < w; j++) {
                double g = pre[row + j] > 0 ? dAct[row + j] : 0d;
                dWinA[ra + j] += g;
                dWinB[rb + j] += g;
            }
        }
        for (int i = 0; i < dWin.length; i++) {
            dWin[i] = dWinA[i] + dWinB[i];
        }
        double[] emb = e.isFloat64() ? e.values64() : e64; // e64 holds E widened by the forward pass
        // W_out = O · Uᵀ: dO = dW_out · U, dU = dW_outᵀ · O
        double[] un = u == null ? emb : (u.isFloat64() ? u.values64() : u64);
        k.matmul(dWout, un, o.grad64(), w, p, d, false);
        // W_in = E · H: dH = Eᵀ · dW_in
        k.matmulTransA(emb, dWin, h.grad64(), d, p, w, false);
        if (u != null && u.isFloat64()) {
            k.matmulTransA(dWout, o.values64(), u.grad64(), p, w, d, false);
        } else if (u != null) {
            k.matmulTransA(dWout, o.values64(), dEmbed, p, w, d, false);
            store(u, dEmbed, false);
        }
        if (e.isFloat64()) {
            double[] dE = e.grad64();
            if (u == null) {
                k.matmulTransA(dWout, o.values64(), dE, p, w, d, false);
            }
            k.matmulTransB(dWin, h.values64(), dE, p, w, d, true);
            return;
        }
        // E float32: each use's gradient rounded to float32, summed ((unembedding + b) + a) in float32
        float[] dE = e.grad();
        if (u == null) {
            k.matmulTransA(dWout, o.values64(), dEmbed, p, w, d, false);
            store(e, dEmbed, false);
        }
        k.matmulTransB(dWinB, h.values64(), dEmbed, p, w, d, false);
        store(e, dEmbed, true);
        k.matmulTransB(dWinA, h.values64(), dEmbed, p, w, d, false);
        store(e, dEmbed, true);
    }

    /** A float32 parameter's gradient (+)= the float64 gradient rounded to float32. */
    private static void store(Param param, double[] g, boolean accumulate) {
        float[] dst = param.grad();
        for (int i = 0; i < dst.length; i++) {
            dst[i] = accumulate ? dst[i] + (float) g[i] : (float) g[i];
        }
    }

    @Override
    public Map<String, float[]> hidden(Batch batch) {
        forward64(batch);
        return Map.of("pre", Tensors.narrow(pre), "h", Tensors.narrow(act));
    }
}
