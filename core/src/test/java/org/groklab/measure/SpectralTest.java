package org.groklab.measure;

import org.groklab.kinds.parity.ParityMeasures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.groklab.math.Rng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SpectralTest {

    /** An independent spectral norm: power iteration on AᵀA, to convergence. */
    static double powerIteration(float[] a, int rows, int cols) {
        double[] v = new double[cols];
        Rng rng = new Rng(123);
        for (int i = 0; i < cols; i++) {
            v[i] = rng.nextGaussian();
        }
        double sigma = 0;
        for (int it = 0; it < 20000; it++) {
            double[] av = new double[rows];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    av[r] += a[r * cols + c] * v[c];
                }
            }
            double[] atav = new double[cols];
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    atav[c] += a[r * cols + c] * av[r];
                }
            }
            double norm = 0;
            for (double x : atav) {
                norm += x * x;
            }
            norm = Math.sqrt(norm);
            for (int c = 0; c < cols; c++) {
                v[c] = atav[c] / norm;
            }
            double next = Math.sqrt(norm);
            if (Math.abs(next - sigma) < 1e-13 * next) {
                return next;
            }
            sigma = next;
        }
        return sigma;
    }

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({"500,50", "50,500", "1,500", "7,7", "1,1", "40,3"})
    void svdSpectralNormMatchesPowerIteration(int rows, int cols) {
        Rng rng = new Rng(rows * 31L + cols);
        float[] a = new float[rows * cols];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rng.nextGaussian();
        }
        double svd = Spectral.spectralNorm(a, rows, cols);
        double power = powerIteration(a, rows, cols);
        assertEquals(power, svd, 1e-9 * power, "spectral norm of a random " + rows + " x " + cols + " matrix");
    }

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({"500,51", "1000,51", "51,500", "2,51", "300,3", "9,9"})
    void gramSpectralNormAgreesWithTheSvd(int rows, int cols) {
        // a parity network's first layer late in training: two strong columns over small noise, and its rank-two part
        Rng rng = new Rng(rows * 17L + cols);
        float[] a = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                a[r * cols + c] = (float) (0.01 * rng.nextGaussian() + (c < 2 ? rng.nextGaussian() : 0));
            }
        }
        double svd = Spectral.singularValues(a, rows, cols)[0];
        assertEquals(svd, Spectral.spectralNorm(a, rows, cols), 4e-15 * svd, "against EJML's SVD");
        float[] lowRank = a.clone();
        for (int r = 0; r < rows; r++) {
            for (int c = 2; c < cols; c++) {
                lowRank[r * cols + c] = 0;
            }
        }
        double svdLow = Spectral.singularValues(lowRank, rows, cols)[0];
        assertEquals(svdLow, Spectral.spectralNorm(lowRank, rows, cols), 4e-15 * svdLow, "rank two");
    }

    @Test
    void knownMatrices() {
        // diag(3, -5, 1) embedded in a 4 x 3 matrix: singular values 5, 3, 1
        float[] a = {3, 0, 0, 0, -5, 0, 0, 0, 1, 0, 0, 0};
        double[] s = Spectral.singularValues(a, 4, 3);
        assertEquals(5, s[0], 1e-12, "largest");
        assertEquals(3, s[1], 1e-12, "second");
        assertEquals(1, s[2], 1e-12, "third");
        // a row vector: its spectral norm is its length, equal to its Frobenius norm
        float[] u = {3, 4};
        assertEquals(5, Spectral.spectralNorm(u, 1, 2), 1e-12, "row vector (3, 4)");
        assertEquals(5, Spectral.frobenius(u), 1e-12, "Frobenius of (3, 4)");
        // rank one: u vᵀ has spectral norm |u| |v| and Frobenius norm |u| |v|
        float[] r1 = {1 * 2, 1 * 2, 2 * 2, 2 * 2}; // [1, 2]ᵀ [2, 2]
        assertEquals(Math.sqrt(5) * Math.sqrt(8), Spectral.spectralNorm(r1, 2, 2), 1e-12, "rank one");
        assertEquals(0.0, Spectral.spectralNorm(new float[6], 2, 3), 0.0, "zero matrix");
        // a diverged run's weights measure as NaN (they used to stop the run with an error)
        float[] bad = new float[500 * 51];
        bad[7] = Float.NaN;
        assertTrue(Double.isNaN(Spectral.spectralNorm(bad, 500, 51)), "NaN element");
        bad[7] = Float.POSITIVE_INFINITY;
        assertTrue(Double.isNaN(Spectral.spectralNorm(bad, 500, 51)), "infinite element");
        assertTrue(Double.isNaN(Spectral.spectralNorm(bad, 1, 500 * 51)), "infinite element, one row");
    }

    @Test
    void weightMassSeparatesTheFirstKColumnsAndIgnoresExtraColumns() {
        // 2 rows x 5 columns: n = 4 input bits (k = 1) and a bias column that must be left out
        float[] w = {1, -2, 3, 0, 100, -4, 0, 1, 2, -100};
        ParityMeasures.WeightMass m = ParityMeasures.WeightMass.of(w, 2, 5, 4, 1);
        assertEquals(5, m.relevant(), 0, "|1| + |-4|");
        assertEquals(8, m.irrelevant(), 0, "|-2|+|3|+|0|+|0|+|1|+|2|");
        assertEquals(5.0 / 13, m.share(), 1e-15, "share");
    }
}
