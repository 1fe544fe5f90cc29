package org.groklab.kinds.ctrnn;

import java.util.Arrays;
import java.util.List;
import org.groklab.data.Inputs;
import org.groklab.math.Kernels;
import org.groklab.math.Rng;
import org.groklab.model.Param;

/**
 * Murray's continuous-time RNN (Appendix B), tau dx/dt = -x + J r + B u + b + eta, r = tanh(x), z = W r + b_out,
 * discretised by Euler's method (Eq. 6) with alpha = dt/tau:
 * <pre>
 *   x(t+1) = (1 - alpha) x(t) + alpha (J r(t) + B u(t) + b + eta(t)),   r(t) = tanh(x(t)),   t = 0..T-1
 *   z(t)   = W r(t) + b_out,                                            t = 1..T
 * </pre>
 * The state starts at x(0) = {@code initialState} in every neuron and trial (the paper does not say; 0 by default,
 * Flax's default carry; the author's published code starts at 1), a constant, not a parameter. The input u(t) of
 * step t first shows in z(t+1). tanh is {@link FastTanh}.
 *
 * <p>Parameters, as the paper names them: J [N × N] (J[i][k] from neuron k to neuron i), B [N × N_in], b [N]
 * (named {@code b_rec} in checkpoints and metrics: the query layer's column names ignore case, so {@code b} and
 * {@code B} would collide), W [N] and b_out [1]. J, B and W are Glorot-initialised from the stream "ctrnn.init" in
 * that order (fans N/N, N_in/N and N/1), b and b_out are zero.
 *
 * <p>{@link #forward} runs a minibatch; {@link #backward} is backpropagation through time for a loss that depends on
 * the outputs and on Σ r², with every matrix product on the {@link Kernels} passed in: the input drive of all
 * steps in one product (over the steps that carry input: the others add nothing), the recurrent product step by
 * step, and the weight gradients of all steps in one product each. Activations are stored time-major: row (t·batch + trial).
 */
public final class Ctrnn {
    private final CtrnnConfig config;
    private final Kernels kernels;
    private final int n;
    private final int nIn;
    private final Param j;
    private final Param bIn;
    private final Param bias;
    private final Param w;
    private final Param bOut;
    private final List<Param> params;

    private int batch;
    private int steps;
    private float[] jt = new float[0];
    private float[] bt = new float[0];
    private int[] inputRows = new int[0];
    private int[] cursor = new int[0];
    private int inputRowCount;
    private float[] uPacked = new float[0];
    private float[] drivePacked = new float[0];
    private float[] drive = new float[0];
    private float[] x = new float[0];
    private float[] r = new float[0];
    private float[] zTm = new float[0];
    private float[] z = new float[0];
    private float[] dzTm = new float[0];
    private float[] gx = new float[0];
    private float[] grec = new float[0];
    private float[] dpre = new float[0];
    private double sumSquaredRates;

    /** A network with zero weights, to be loaded through {@link #params()}. */
    public Ctrnn(CtrnnConfig config, Kernels kernels) {
        this.config = config;
        this.kernels = kernels;
        this.n = config.neurons();
        this.nIn = config.inputDim();
        this.j = new Param("J", n, n);
        this.bIn = new Param("B", n, nIn);
        this.bias = new Param("b_rec", n);
        this.w = new Param("W", n);
        this.bOut = new Param("b_out", 1);
        this.params = List.of(j, bIn, bias, w, bOut);
    }

    /** A freshly initialised network (Glorot for J, B, W from the stream "ctrnn.init" of {@code seed}). */
    public Ctrnn(CtrnnConfig config, Kernels kernels, long seed) {
        this(config, kernels);
        Rng rng = Rng.stream(seed, "ctrnn.init");
        config.init().fill(j, rng, n, n);
        config.init().fill(bIn, rng, nIn, n);
        config.init().fill(w, rng, n, 1);
    }

    public CtrnnConfig config() {
        return config;
    }

    /** J, B, b_rec, W, b_out. */
    public List<Param> params() {
        return params;
    }

    public Param param(String name) {
        for (Param p : params) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no parameter " + name + "; the CT-RNN has J, B, b_rec, W, b_out");
    }

    private void ensure(int batch, int steps) {
        this.batch = batch;
        this.steps = steps;
        int rows = batch * steps;
        if (drive.length < batch * n) {
            drive = new float[batch * n];
        }
        if (r.length < (rows + batch) * n) {
            r = new float[(rows + batch) * n];
        }
        if (x.length < batch * n) {
            x = new float[batch * n];
            gx = new float[batch * n];
            grec = new float[batch * n];
        }
        if (z.length < rows) {
            z = new float[rows];
            zTm = new float[rows];
            dzTm = new float[rows];
        }
        if (jt.length != n * n) {
            jt = new float[n * n];
            bt = new float[nIn * n];
        }
    }

    /**
     * Runs {@code batch} trials of {@code steps} steps.
     *
     * @param inputs [batch × steps × N_in] row-major
     * @param noise  eta, already scaled by its standard deviation, time-major [steps × batch × N]; null for none
     * @return z [batch × steps] (z(1)..z(T) of each trial); valid until the next call
     */
    public float[] forward(float[] inputs, int batch, int steps, float[] noise) {
        ensure(batch, steps);
        packInputRows(inputs, batch, steps);
        return run(noise);
    }

    /**
     * {@link #forward(float[], int, int, float[])} on the trials' inputs given as their non-zero steps: the same
     * bits as on {@code inputs.toDense()}, without a dense copy of them.
     */
    public float[] forward(Inputs.SparseSequences inputs, float[] noise) {
        if (inputs.dim() != nIn) {
            throw new IllegalArgumentException("inputs of " + inputs.dim() + " values a step; the network takes "
                    + nIn);
        }
        ensure(inputs.size(), inputs.steps());
        packInputRows(inputs);
        return run(noise);
    }

    /** The forward pass of the batch {@link #ensure} set up, its inputs packed. */
    private float[] run(float[] noise) {
        int rows = batch * steps;
        kernels.transpose(j.data(), jt, n, n);
        kernels.transpose(bIn.data(), bt, n, nIn);
        if (drivePacked.length < inputRowCount * n) {
            drivePacked = new float[inputRowCount * n];
        }
        kernels.matmul(uPacked, 0, bt, 0, drivePacked, 0, inputRowCount, nIn, n, false);
        float x0 = (float) config.initialState();
        Arrays.fill(x, 0, batch * n, x0);
        Arrays.fill(r, 0, batch * n, FastTanh.tanh(x0));
        float a = (float) config.alpha();
        float keep = 1 - a;
        float[] bd = bias.data();
        double sq = 0;
        int packed = 0; // the next packed input row, in time-major order
        for (int t = 0; t < steps; t++) {
            int off = t * batch * n;
            // this step's drive: B u where the trial has an input at this step, zero elsewhere; then + b and + J r
            Arrays.fill(drive, 0, batch * n, 0f);
            for (; packed < inputRowCount && inputRows[packed] < (t + 1) * batch; packed++) {
                System.arraycopy(drivePacked, packed * n, drive, (inputRows[packed] - t * batch) * n, n);
            }
            for (int bb = 0; bb < batch; bb++) {
                int row = bb * n;
                for (int i = 0; i < n; i++) {
                    drive[row + i] += bd[i];
                }
            }
            kernels.matmul(r, off, jt, 0, drive, 0, batch, n, n, true);
            int next = off + batch * n;
            for (int i = 0; i < batch * n; i++) {
                float v = noise == null ? drive[i] : drive[i] + noise[off + i];
                float xi = Math.fma(a, v, keep * x[i]);
                x[i] = xi;
                float ri = FastTanh.tanh(xi);
                r[next + i] = ri;
                sq += (double) ri * ri;
            }
        }
        sumSquaredRates = sq;
        kernels.matmul(r, batch * n, w.data(), 0, zTm, 0, rows, n, 1, false);
        float bo = bOut.data()[0];
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                z[b * steps + t] = zTm[t * batch + b] + bo;
            }
        }
        return z;
    }

    /**
     * Lists the inputs u(t) of the trials that are not all zero, in time-major order (row t·batch + b), and packs them
     * into uPacked: most steps of a SET trial carry no input, and a zero row adds nothing to the drive B u nor to dB,
     * so the input products skip them (and only these rows are held, not the whole [steps × batch × N_in]).
     */
    private void packInputRows(float[] inputs, int batch, int steps) {
        int count = 0;
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                count = packUnlessZero(inputs, (b * steps + t) * nIn, count, t * batch + b);
            }
        }
        inputRowCount = count;
    }

    /** {@link #packInputRows(float[], int, int)} from the steps the sparse inputs list, in the same order. */
    private void packInputRows(Inputs.SparseSequences inputs) {
        int[] starts = inputs.starts();
        int[] at = inputs.at();
        float[] values = inputs.values();
        if (cursor.length < batch) {
            cursor = new int[batch];
        }
        System.arraycopy(starts, 0, cursor, 0, batch); // each trial's next listed step
        int count = 0;
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                int k = cursor[b];
                if (k < starts[b + 1] && at[k] == t) {
                    cursor[b] = k + 1;
                    count = packUnlessZero(values, k * nIn, count, t * batch + b);
                }
            }
        }
        inputRowCount = count;
    }

    /**
     * Packs the input row at {@code from[o..o+N_in)} as packed row {@code p} (time-major row {@code row}) unless it is
     * all zeros; returns the packed rows there are then.
     */
    private int packUnlessZero(float[] from, int o, int p, int row) {
        boolean any = false;
        for (int i = 0; i < nIn && !any; i++) {
            any = from[o + i] != 0f;
        }
        if (!any) {
            return p;
        }
        if (p == inputRows.length) {
            int grown = Math.max(16, Math.min(batch * steps, 2 * p));
            inputRows = Arrays.copyOf(inputRows, grown);
            uPacked = Arrays.copyOf(uPacked, grown * nIn);
        }
        System.arraycopy(from, o, uPacked, p * nIn, nIn);
        inputRows[p] = row;
        return p + 1;
    }

    /** Σ over trials, steps 1..T and neurons of r², from the last forward pass. */
    public double sumSquaredRates() {
        return sumSquaredRates;
    }

    /**
     * The rates of the last forward pass, time-major: r(t) of trial b at offset (t·batch + b)·N for t = 0..T
     * (r(0) = tanh(x(0))). Valid until the next call.
     */
    public float[] rates() {
        return r;
    }

    /**
     * Backpropagation through time: sets every parameter's gradient to dL/dparam for
     * L = f(z) + rateWeight · Σ_{trials, t = 1..T, i} r_i(t)², given dz = df/dz [batch × steps] from the last
     * forward pass (the noise of that pass is held fixed).
     */
    public void backward(float[] dz, float rateWeight) {
        int rows = batch * steps;
        int bn = batch * n;
        for (int t = 0; t < steps; t++) {
            for (int b = 0; b < batch; b++) {
                dzTm[t * batch + b] = dz[b * steps + t];
            }
        }
        float a = (float) config.alpha();
        float keep = 1 - a;
        float twoRate = 2 * rateWeight;
        float[] wd = w.data();
        if (dpre.length < rows * n) {
            dpre = new float[rows * n];
        }
        Arrays.fill(gx, 0, bn, 0f);
        Arrays.fill(grec, 0, bn, 0f);
        for (int t = steps - 1; t >= 0; t--) {
            int rOff = (t + 1) * bn;
            int off = t * bn;
            for (int b = 0; b < batch; b++) {
                float d = dzTm[t * batch + b];
                int row = b * n;
                for (int i = 0; i < n; i++) {
                    float ri = r[rOff + row + i];
                    float gr = Math.fma(d, wd[i], Math.fma(twoRate, ri, grec[row + i]));
                    float g = Math.fma(gr, Math.fma(-ri, ri, 1f), keep * gx[row + i]);
                    gx[row + i] = g;
                    dpre[off + row + i] = a * g;
                }
            }
            if (t > 0) {
                kernels.matmul(dpre, off, j.data(), 0, grec, 0, batch, n, n, false);
            }
        }
        kernels.matmulTransA(dpre, 0, r, 0, j.grad(), 0, n, rows, n, false);
        for (int p = 0; p < inputRowCount; p++) {
            System.arraycopy(dpre, inputRows[p] * n, drivePacked, p * n, n);
        }
        kernels.matmulTransA(drivePacked, 0, uPacked, 0, bIn.grad(), 0, n, inputRowCount, nIn, false);
        float[] db = bias.grad();
        Arrays.fill(db, 0f);
        for (int row = 0; row < rows; row++) {
            int o = row * n;
            for (int i = 0; i < n; i++) {
                db[i] += dpre[o + i];
            }
        }
        kernels.matmulTransA(dzTm, 0, r, bn, w.grad(), 0, 1, rows, n, false);
        float s = 0;
        for (int i = 0; i < rows; i++) {
            s += dzTm[i];
        }
        bOut.grad()[0] = s;
    }
}
