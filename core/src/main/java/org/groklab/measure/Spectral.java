package org.groklab.measure;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Matrix norms of a weight matrix, in double precision: the spectral norm (largest singular value, from EJML's SVD,
 * as the thesis's {@code torch.linalg.svdvals}) and the Frobenius norm.
 */
public final class Spectral {
    private Spectral() {
    }

    /** The singular values of a row-major [rows × cols] matrix, largest first. */
    public static double[] singularValues(float[] a, int rows, int cols) {
        if (rows == 0 || cols == 0) {
            return new double[0];
        }
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < a.length; i++) {
            m.data[i] = a[i];
        }
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(rows, cols, false, false, true);
        if (!svd.decompose(m)) {
            throw new IllegalStateException("SVD did not converge for a " + rows + " x " + cols + " matrix");
        }
        double[] s = svd.getSingularValues().clone();
        java.util.Arrays.sort(s);
        for (int i = 0, j = s.length - 1; i < j; i++, j--) {
            double t = s[i];
            s[i] = s[j];
            s[j] = t;
        }
        return java.util.Arrays.copyOf(s, Math.min(rows, cols));
    }

    /** The largest singular value (0 for an empty matrix). */
    public static double spectralNorm(float[] a, int rows, int cols) {
        double[] s = singularValues(a, rows, cols);
        return s.length == 0 ? 0 : s[0];
    }

    /** sqrt(Σ a²), accumulated in double in index order. */
    public static double frobenius(float[] a) {
        double s = 0;
        for (float v : a) {
            s += (double) v * v;
        }
        return Math.sqrt(s);
    }
}
