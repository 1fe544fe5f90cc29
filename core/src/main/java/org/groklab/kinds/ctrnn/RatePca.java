package org.groklab.kinds.ctrnn;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Principal components of rate trajectories r = tanh(x) (Murray's Figure 1, middle column): the mean rate, the
 * leading components (unit vectors, each with its largest entry positive), the share of the variance each
 * explains, every trial's trajectory projected on them [trial][step][component], and the running sum mod 3 of the
 * colours each step has seen (an input counts from the step after it ends), by which Figure 1 colours the trials.
 */
public record RatePca(double[] mean, double[][] components, double[] explainedRatio, double[][][] projections,
                      int[][] runningSum) {

    /** PCA of the rates of the given state trajectories (x(0..T) each) of the given trials. */
    public static RatePca fit(List<List<double[]>> states, List<SetTrial> trials, TrialTiming timing, int k) {
        int n = states.get(0).get(0).length;
        double[] mean = new double[n];
        int count = 0;
        for (List<double[]> traj : states) {
            for (double[] x : traj) {
                for (int i = 0; i < n; i++) {
                    mean[i] += Math.tanh(x[i]);
                }
                count++;
            }
        }
        for (int i = 0; i < n; i++) {
            mean[i] /= count;
        }
        DMatrixRMaj cov = new DMatrixRMaj(n, n);
        double[] r = new double[n];
        for (List<double[]> traj : states) {
            for (double[] x : traj) {
                for (int i = 0; i < n; i++) {
                    r[i] = Math.tanh(x[i]) - mean[i];
                }
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        cov.data[i * n + j] += r[i] * r[j] / count;
                    }
                }
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, true, true);
        if (!eig.decompose(cov.copy())) {
            throw new IllegalStateException("eigen decomposition failed");
        }
        Integer[] order = new Integer[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            total += eig.getEigenvalue(i).real;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
        int m = Math.min(k, n);
        double[][] comps = new double[m][n];
        double[] ratio = new double[m];
        for (int c = 0; c < m; c++) {
            DMatrixRMaj v = eig.getEigenVector(order[c]);
            int big = 0;
            double norm = 0;
            for (int i = 0; i < n; i++) {
                comps[c][i] = v.get(i, 0);
                norm += comps[c][i] * comps[c][i];
                if (Math.abs(comps[c][i]) > Math.abs(comps[c][big])) {
                    big = i;
                }
            }
            double s = (comps[c][big] < 0 ? -1 : 1) / Math.sqrt(norm);
            for (int i = 0; i < n; i++) {
                comps[c][i] *= s;
            }
            ratio[c] = total > 0 ? eig.getEigenvalue(order[c]).real / total : 0;
        }
        double[][][] proj = new double[states.size()][][];
        int[][] sums = new int[states.size()][];
        for (int t = 0; t < states.size(); t++) {
            List<double[]> traj = states.get(t);
            proj[t] = new double[traj.size()][m];
            sums[t] = new int[traj.size()];
            SetTrial trial = trials.get(t);
            for (int s = 0; s < traj.size(); s++) {
                double[] x = traj.get(s);
                for (int c = 0; c < m; c++) {
                    double p = 0;
                    for (int i = 0; i < n; i++) {
                        p += (Math.tanh(x[i]) - mean[i]) * comps[c][i];
                    }
                    proj[t][s][c] = p;
                }
                int sum = 0;
                for (int q = 0; q < 3; q++) {
                    if (trial.onset(q) + timing.inputSteps() <= s) {
                        sum += trial.colour(q);
                    }
                }
                sums[t][s] = sum % 3;
            }
        }
        return new RatePca(mean, comps, ratio, proj, sums);
    }

    /** The rates of state x, tanh(x), in the leading components. */
    public double[] project(double[] x) {
        double[] p = new double[components.length];
        for (int c = 0; c < components.length; c++) {
            for (int i = 0; i < x.length; i++) {
                p[c] += (Math.tanh(x[i]) - mean[i]) * components[c][i];
            }
        }
        return p;
    }
}
