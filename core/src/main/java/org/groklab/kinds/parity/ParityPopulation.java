package org.groklab.kinds.parity;

import java.util.ArrayList;
import java.util.List;
import org.groklab.data.Batch;
import org.groklab.math.Kernels;
import org.groklab.math.PopulationKernels;
import org.groklab.model.Param;
import org.groklab.model.Population;

/**
 * Same-shaped {@link ParityMlp}s trained as one {@link Population}: the forward and backward of
 * {@link ParityMlp}, line for line, on member-interleaved arrays (element e of member i at e · width + i), with the
 * products in {@link PopulationKernels} and the element-wise steps in {@link Kernels} (bias, ReLU and its mask, the
 * bias gradient's column sums: per element the expressions of ParityMlp's loops, whatever the layout). The width is the
 * member count rounded up to the kernels' lanes; the idle members past the last real one hold zeros and their results
 * are never read.
 */
final class ParityPopulation implements Population {
    private final List<ParityMlp> members;
    private final PopulationKernels k;
    /** The element-wise operations: the same arithmetic per element whatever the layout. */
    private final Kernels e;
    /** Lanes of the interleaved layout: members, rounded up to the kernels' vector. */
    private final int pw;
    private final int inputs;
    private final int width;
    private final int d;
    private final boolean inputOne;
    private final Param w1;
    private final Param b1;
    private final Param w2;
    private final List<Param> params = new ArrayList<>();

    private float[] x;
    private float[] pre;
    private float[] h;
    private float[] y;
    private float[] dY;
    private float[] dPre;
    private int rows = -1;

    ParityPopulation(List<ParityMlp> members, PopulationKernels kernels, Kernels elementwise) {
        this.members = List.copyOf(members);
        this.k = kernels;
        this.e = elementwise;
        this.pw = (members.size() + kernels.lanes() - 1) / kernels.lanes() * kernels.lanes();
        ParityMlp first = members.get(0);
        this.inputs = first.inputs();
        this.width = first.width();
        this.d = first.columns();
        this.inputOne = first.inputOne();
        w1 = new Param("W1", width * d * pw);
        params.add(w1);
        b1 = first.b1() == null ? null : new Param("b1", width * pw);
        if (b1 != null) {
            params.add(b1);
        }
        w2 = new Param("W2", width * pw);
        params.add(w2);
    }

    @Override
    public int members() {
        return members.size();
    }

    @Override
    public List<Param> params() {
        return params;
    }

    @Override
    public void load() {
        for (int i = 0; i < members.size(); i++) {
            ParityMlp m = members.get(i);
            put(m.w1().data(), w1.data(), i);
            if (b1 != null) {
                put(m.b1().data(), b1.data(), i);
            }
            put(m.w2().data(), w2.data(), i);
        }
    }

    @Override
    public void store() {
        for (int i = 0; i < members.size(); i++) {
            ParityMlp m = members.get(i);
            take(w1.data(), m.w1().data(), i);
            if (b1 != null) {
                take(b1.data(), m.b1().data(), i);
            }
            take(w2.data(), m.w2().data(), i);
        }
    }

    private void put(float[] member, float[] all, int i) {
        for (int e = 0; e < member.length; e++) {
            all[e * pw + i] = member[e];
        }
    }

    private void take(float[] all, float[] member, int i) {
        for (int e = 0; e < member.length; e++) {
            member[e] = all[e * pw + i];
        }
    }

    @Override
    public float[][] forward(Batch[] batches) {
        int n = batches[0].size();
        if (n != rows) {
            rows = n;
            x = new float[n * d * pw];
            pre = new float[n * width * pw];
            h = new float[n * width * pw];
            y = new float[n * pw];
            dY = new float[n * pw];
            dPre = new float[n * width * pw];
        }
        float[][] features = new float[batches.length][];
        for (int i = 0; i < batches.length; i++) {
            Batch b = batches[i];
            if (b.size() != n || b.features() == null || b.dim() != inputs) {
                throw new IllegalArgumentException("a parity population needs batches of " + n + " examples of "
                        + inputs + " features each");
            }
            features[i] = b.features();
        }
        for (int r = 0; r < n; r++) { // the interleaved X written in order, each member's row read in order
            for (int c = 0; c < inputs; c++) {
                int at = (r * d + c) * pw;
                int from = r * inputs + c;
                for (int i = 0; i < features.length; i++) {
                    x[at + i] = features[i][from];
                }
            }
            if (inputOne) {
                for (int i = 0; i < features.length; i++) {
                    x[(r * d + inputs) * pw + i] = 1f;
                }
            }
        }
        // pre = X W1ᵀ (+ b1), h = relu(pre): ParityMlp.forward per element
        k.matmulTransB(pw, x, w1.data(), pre, n, d, width, false);
        if (b1 != null) { // pre + b1[j], b1 interleaved as the rows of pre
            e.addBias(pre, 0, n, width * pw, b1.data(), 0);
        }
        e.relu(pre, 0, h, 0, pre.length);
        k.matmul(pw, h, w2.data(), y, n, width, 1, false);
        float[][] out = new float[batches.length][n];
        for (int i = 0; i < batches.length; i++) {
            for (int r = 0; r < n; r++) {
                out[i][r] = y[r * pw + i];
            }
        }
        return out;
    }

    @Override
    public void backward(float[][] dOut) {
        int n = rows;
        for (int i = 0; i < dOut.length; i++) {
            for (int r = 0; r < n; r++) {
                dY[r * pw + i] = dOut[i][r];
            }
        }
        // ParityMlp.backward per element
        k.matmulTransA(pw, dY, h, w2.grad(), 1, n, width, false);
        k.matmul(pw, dY, w2.data(), dPre, n, 1, width, false);
        e.reluBackward(dPre, 0, pre, 0, dPre.length);
        k.matmulTransA(pw, dPre, x, w1.grad(), width, n, d, false);
        if (b1 != null) { // 0 + dPre[0][j] + dPre[1][j] + ... in row order, as ParityMlp sums them
            e.sumRows(dPre, 0, n, width * pw, b1.grad(), 0, false);
        }
    }
}
