package org.groklab.optim;

import java.util.List;
import org.groklab.model.Param;

/** Rescales all gradients together so that their global L2 norm is at most {@code maxNorm}. */
public final class GradientClipping {
    private GradientClipping() {
    }

    /** Returns the norm before clipping. */
    public static double clip(List<Param> params, double maxNorm) {
        double sq = 0;
        for (Param p : params) {
            if (p.isFloat64()) {
                for (double g : p.grad64()) {
                    sq += g * g;
                }
                continue;
            }
            for (float g : p.grad()) {
                sq += (double) g * g;
            }
        }
        double norm = Math.sqrt(sq);
        if (maxNorm > 0 && norm > maxNorm) {
            float scale = (float) (maxNorm / (norm + 1e-6));
            for (Param p : params) {
                if (p.isFloat64()) {
                    double[] g = p.grad64();
                    double scale64 = maxNorm / (norm + 1e-6);
                    for (int i = 0; i < g.length; i++) {
                        g[i] *= scale64;
                    }
                    continue;
                }
                float[] g = p.grad();
                for (int i = 0; i < g.length; i++) {
                    g[i] *= scale;
                }
            }
        }
        return norm;
    }
}
