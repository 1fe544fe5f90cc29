package org.groklab.kinds.parity;

import org.groklab.data.Batch;
import org.groklab.model.Init;
import org.groklab.model.Model;
import org.groklab.model.Populable;
import org.groklab.model.Population;
import org.groklab.math.PopulationKernels;
import org.groklab.model.Param;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.groklab.math.Kernels;
import org.groklab.math.Rng;

/**
 * The thesis's 1-ReLU network (shared/seeds/003, Appendix B.2, {@code FF1}): f(x) = W2 · relu(W1 x + b1), one
 * hidden layer of {@code width} ReLU units with a bias, a scalar output without bias. Weights are stored as
 * PyTorch stores them: W1 [width × inputs], b1 [width], W2 [1 × width].
 *
 * <p>PAIR's parity MLP (shared/seeds/002) is the variant with {@code inputOne}: a constant 1 is appended to every
 * input, so that W1 has inputs + 1 columns whose last one acts as the bias ("fixed to 1 to provide a bias term")
 * and is decayed with the rest of W1; usually without {@code hiddenBias}.
 *
 * <p>Forward and backward side by side: pre = X W1ᵀ + b1, h = relu(pre), y = h W2ᵀ; dW2 = dyᵀ h, dh = dy W2,
 * dpre = dh ⊙ [pre &gt; 0], dW1 = dpreᵀ X, db1 = Σ_rows dpre.
 */
public final class ParityMlp implements Populable {
    private final int inputs;
    private final int width;
    private final boolean inputOne;
    private final int d;
    private final Kernels k;
    private final Param w1;
    private final Param b1;
    private final Param w2;
    private final List<Param> params = new ArrayList<>();
    private final float[] scratch;

    private float[] x;
    private float[] pre;
    private float[] h;
    private int rows;

    /**
     * @param inputs     bits per input (n)
     * @param width      hidden ReLU units
     * @param hiddenBias a bias b1 on the hidden layer
     * @param inputOne   append a constant 1 to the input (PAIR's bias column of W1)
     */
    public ParityMlp(int inputs, int width, boolean hiddenBias, boolean inputOne, Kernels kernels) {
        if (inputs < 1 || width < 1) {
            throw new IllegalArgumentException("inputs and width must be positive, got " + inputs + ", " + width);
        }
        this.k = kernels;
        this.inputs = inputs;
        this.width = width;
        this.inputOne = inputOne;
        this.d = inputs + (inputOne ? 1 : 0);
        w1 = new Param("W1", width, d);
        params.add(w1);
        if (hiddenBias) {
            b1 = new Param("b1", width);
            params.add(b1);
        } else {
            b1 = null;
        }
        w2 = new Param("W2", 1, width);
        params.add(w2);
        scratch = new float[d * width];
    }

    /** PyTorch's nn.Linear default: every weight and bias uniform in ±1/sqrt(fan_in), W1 then b1 then W2. */
    public void initialize(Rng rng) {
        Init.uniformFanIn(w1, rng, d);
        if (b1 != null) {
            Init.uniformFanIn(b1, rng, d);
        }
        Init.uniformFanIn(w2, rng, width);
    }

    public int inputs() {
        return inputs;
    }

    public int width() {
        return width;
    }

    public boolean inputOne() {
        return inputOne;
    }

    /** Columns of W1: the inputs, plus the constant-1 column with {@code inputOne}. */
    public int columns() {
        return d;
    }

    public Param w1() {
        return w1;
    }

    /** The hidden bias, or null without one. */
    public Param b1() {
        return b1;
    }

    public Param w2() {
        return w2;
    }

    @Override
    public List<Param> params() {
        return params;
    }

    @Override
    public int outputs() {
        return 1;
    }

    @Override
    public float[] forward(Batch batch) {
        if (batch.features() == null || batch.dim() != inputs) {
            throw new IllegalArgumentException("ParityMlp needs " + inputs + " input features per example, got "
                    + batch.dim());
        }
        int n = batch.size();
        rows = n;
        x = inputOne ? withOne(batch.features(), n) : batch.features();
        if (pre == null || pre.length != n * width) {
            pre = new float[n * width];
            h = new float[n * width];
        }
        k.matmulTransB(x, w1.data(), pre, scratch, n, d, width, false);
        if (b1 != null) {
            k.addBias(pre, 0, n, width, b1.data(), 0);
        }
        k.relu(pre, 0, h, 0, n * width);
        float[] y = new float[n];
        k.matmul(h, w2.data(), y, n, width, 1, false); // W2 is [1 × width]: as a column it is its own transpose
        return y;
    }

    private float[] withOne(float[] features, int n) {
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(features, i * inputs, out, i * d, inputs);
            out[i * d + inputs] = 1f;
        }
        return out;
    }

    @Override
    public void backward(float[] dY) {
        int n = rows;
        k.matmulTransA(dY, h, w2.grad(), 1, n, width, false);
        float[] dPre = new float[n * width];
        k.matmul(dY, w2.data(), dPre, n, 1, width, false);
        k.reluBackward(dPre, 0, pre, 0, dPre.length);
        k.matmulTransA(dPre, x, w1.grad(), width, n, d, false);
        if (b1 != null) {
            k.sumRows(dPre, 0, n, width, b1.grad(), 0, false); // column sums in row order, from 0
        }
    }

    /** Members of the same inputs, width, bias and input column train together in a {@link ParityPopulation}. */
    @Override
    public Population population(List<? extends Model> members, PopulationKernels kernels) {
        List<ParityMlp> mlps = new ArrayList<>();
        for (Model m : members) {
            if (!(m instanceof ParityMlp p) || p.inputs != inputs || p.width != width || p.inputOne != inputOne
                    || (p.b1 == null) != (b1 == null)) {
                return null;
            }
            mlps.add(p);
        }
        return new ParityPopulation(mlps, kernels, k);
    }

    /**
     * Whether a population of {@code members} trains faster than the members one after the other, as measured on
     * 512-bit vectors (BENCHMARKS.md, "Populations"): whole runs of the Figure 2.1 setting with 16 members took 0.72x
     * the CPU time at widths 500 and 1,000, 0.83x at width 64 and about as long at width 2 (its steps are a small part
     * of its runs); the training steps of 8 members (half the lanes idle) took 0.6-0.7x at widths 500 and 1,000 but
     * as long as solo at width 64. So: 8 members or more from width 500, 16 or more from width 64; never on vectors of
     * fewer than 16 lanes or the plain kernels (not measured).
     */
    @Override
    public boolean populationFaster(int members) {
        if (PopulationKernels.preferred().lanes() < 16) {
            return false;
        }
        return width >= 500 ? members >= 8 : width >= 64 && members >= 16;
    }

    @Override
    public Map<String, float[]> hidden(Batch batch) {
        forward(batch);
        Map<String, float[]> out = new LinkedHashMap<>();
        out.put("pre1", pre.clone());
        out.put("h1", h.clone());
        return out;
    }
}
