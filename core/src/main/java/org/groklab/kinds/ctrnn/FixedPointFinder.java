package org.groklab.kinds.ctrnn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.ejml.data.Complex_F64;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Fixed points of the input-free map F by minimising q(x) = 1/2 |F(x) - x|² (Sussillo and Barak, 2013) from many
 * starting states, with Levenberg-Marquardt steps on G(x) = F(x) - x (its Jacobian is dF/dx - I). Starts whose
 * search ends with q below {@code tolerance} are fixed points; points closer than {@code mergeDistance} are merged;
 * each is classified by the eigenvalues of dF/dx (EJML): {@link FixedPoint.Stability}.
 */
public final class FixedPointFinder {
    private final StateMap map;
    private final double tolerance;
    private final double mergeDistance;
    private final int maxIterations;

    public FixedPointFinder(StateMap map, double tolerance, double mergeDistance, int maxIterations) {
        this.map = map;
        this.tolerance = tolerance;
        this.mergeDistance = mergeDistance;
        this.maxIterations = maxIterations;
    }

    /** Defaults: q below 1e-12, merged within 1e-3 · sqrt(N), at most 200 iterations per start. */
    public FixedPointFinder(StateMap map) {
        this(map, 1e-12, 1e-3 * Math.sqrt(map.dim()), 200);
    }

    /** The result of a search: the distinct fixed points (by decreasing readout) and how many starts converged. */
    public record Result(List<FixedPoint> points, int starts, int converged) {
        public long count(FixedPoint.Stability s) {
            return points.stream().filter(p -> p.stability() == s).count();
        }
    }

    public Result find(List<double[]> starts) {
        List<FixedPoint> found = new ArrayList<>();
        int converged = 0;
        for (double[] s : starts) {
            double[] x = minimise(s.clone());
            double q = q(x);
            if (!(q < tolerance)) {
                continue;
            }
            converged++;
            boolean known = false;
            for (FixedPoint f : found) {
                if (distance(f.x(), x) < mergeDistance) {
                    known = true;
                    break;
                }
            }
            if (!known) {
                found.add(classify(x, q));
            }
        }
        found.sort(Comparator.comparingDouble(FixedPoint::readout).reversed());
        return new Result(List.copyOf(found), starts.size(), converged);
    }

    double q(double[] x) {
        double[] f = map.step(x, null);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double g = f[i] - x[i];
            s += g * g;
        }
        return s / 2;
    }

    private double[] minimise(double[] x) {
        int n = x.length;
        double mu = 1e-3;
        double q = q(x);
        DMatrixRMaj a = new DMatrixRMaj(n, n);
        DMatrixRMaj h = new DMatrixRMaj(n, n);
        DMatrixRMaj g = new DMatrixRMaj(n, 1);
        DMatrixRMaj rhs = new DMatrixRMaj(n, 1);
        DMatrixRMaj delta = new DMatrixRMaj(n, 1);
        for (int it = 0; it < maxIterations && q >= tolerance * 1e-4; it++) {
            double[] f = map.step(x, null);
            for (int i = 0; i < n; i++) {
                g.data[i] = f[i] - x[i];
            }
            double[] jac = map.jacobian(x);
            for (int i = 0; i < n; i++) {
                jac[i * n + i] -= 1;
            }
            a.setData(jac);
            CommonOps_DDRM.multTransA(a, a, h);
            CommonOps_DDRM.multTransA(a, g, rhs);
            CommonOps_DDRM.scale(-1, rhs);
            boolean improved = false;
            for (int tries = 0; tries < 20 && !improved; tries++) {
                DMatrixRMaj damped = h.copy();
                for (int i = 0; i < n; i++) {
                    damped.add(i, i, mu * (1 + h.get(i, i)));
                }
                if (!CommonOps_DDRM.solve(damped, rhs, delta)) {
                    mu *= 10;
                    continue;
                }
                double[] trial = x.clone();
                for (int i = 0; i < n; i++) {
                    trial[i] += delta.data[i];
                }
                double qt = q(trial);
                if (qt < q) {
                    x = trial;
                    q = qt;
                    mu = Math.max(mu / 3, 1e-12);
                    improved = true;
                } else {
                    mu *= 4;
                }
            }
            if (!improved) {
                break;
            }
        }
        return x;
    }

    private FixedPoint classify(double[] x, double q) {
        int n = x.length;
        DMatrixRMaj jac = new DMatrixRMaj(n, n);
        jac.setData(map.jacobian(x));
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(n, false);
        if (!eig.decompose(jac)) {
            throw new IllegalStateException("eigenvalue decomposition failed");
        }
        double[][] ev = new double[n][];
        for (int i = 0; i < n; i++) {
            Complex_F64 c = eig.getEigenvalue(i);
            ev[i] = new double[] {c.real, c.imaginary};
        }
        Arrays.sort(ev, Comparator.comparingDouble((double[] e) -> -Math.hypot(e[0], e[1]))
                .thenComparingDouble(e -> -e[0]).thenComparingDouble(e -> -e[1]));
        double[] re = new double[n];
        double[] im = new double[n];
        int outside = 0;
        int inside = 0;
        for (int i = 0; i < n; i++) {
            re[i] = ev[i][0];
            im[i] = ev[i][1];
            double m = Math.hypot(re[i], im[i]);
            if (m > 1) {
                outside++;
            } else if (m < 1) {
                inside++;
            }
        }
        FixedPoint.Stability s = outside == 0 && inside == n ? FixedPoint.Stability.STABLE
                : inside == 0 && outside == n ? FixedPoint.Stability.UNSTABLE : FixedPoint.Stability.SADDLE;
        return new FixedPoint(x, q, s, outside, re, im, map.readout(x));
    }

    private static double distance(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
