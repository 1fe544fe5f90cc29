package org.groklab.kinds.ctrnn;

import org.groklab.math.Rng;
import org.groklab.model.Init;
import org.groklab.model.Param;

/** Glorot (Xavier) initialisation, as Flax's {@code glorot_uniform} and {@code glorot_normal} define it. */
public enum GlorotInit {
    /** Uniform in ±sqrt(6 / (fanIn + fanOut)): the paper's choice (Appendix B, scale 1.0). */
    UNIFORM,
    /** Normal truncated to ±2 std, rescaled to std sqrt(2 / (fanIn + fanOut)) (JAX's glorot_normal). */
    NORMAL;

    /** Fills {@code p} in row-major order from {@code rng}. */
    public void fill(Param p, Rng rng, int fanIn, int fanOut) {
        switch (this) {
            case UNIFORM -> {
                double limit = Math.sqrt(6.0 / (fanIn + fanOut));
                float[] d = p.data();
                for (int i = 0; i < d.length; i++) {
                    d[i] = (float) ((2 * rng.nextDouble() - 1) * limit);
                }
            }
            case NORMAL -> Init.truncatedNormal(p, rng, Math.sqrt(2.0 / (fanIn + fanOut)) / Init.TRUNCATED_STD);
        }
    }
}
