package org.groklab.measure;

/** The t-SNE gradient in straightforward loops: the oracle of {@link VectorTsneGradient} (see {@link TsneGradient}). */
final class PlainTsneGradient implements TsneGradient {
    static final PlainTsneGradient INSTANCE = new PlainTsneGradient();

    private PlainTsneGradient() {
    }

    @Override
    public void gradient(double[] y, double[] p, double[] num, int rows, double scale, double[] grad) {
        double sumQ = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = i + 1; j < rows; j++) {
                double dx = y[2 * i] - y[2 * j];
                double dy = y[2 * i + 1] - y[2 * j + 1];
                double q = 1 / (1 + dx * dx + dy * dy);
                num[i * rows + j] = q;
                num[j * rows + i] = q;
                sumQ += 2 * q;
            }
        }
        for (int i = 0; i < rows; i++) {
            row(y, p, num, rows, scale, sumQ, i, grad);
        }
    }

    /** Point i's gradient, from the q(i, j) in num and their sum. */
    static void row(double[] y, double[] p, double[] num, int rows, double scale, double sumQ, int i, double[] grad) {
        double gx = 0;
        double gy = 0;
        for (int j = 0; j < rows; j++) {
            if (i == j) {
                continue;
            }
            double q = num[i * rows + j];
            double m = (scale * p[i * rows + j] - Math.max(q / sumQ, 1e-12)) * q;
            gx += m * (y[2 * i] - y[2 * j]);
            gy += m * (y[2 * i + 1] - y[2 * j + 1]);
        }
        grad[2 * i] = 4 * gx;
        grad[2 * i + 1] = 4 * gy;
    }
}
