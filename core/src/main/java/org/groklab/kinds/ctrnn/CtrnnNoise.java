package org.groklab.kinds.ctrnn;

import org.groklab.math.Rng;

/** Neuron noise eta: independent N(0, std²) draws ({@link ZigguratNormal}), in the order the model reads them (time-major). */
public final class CtrnnNoise {
    private CtrnnNoise() {
    }

    /** Fills {@code out[0..count)} with std × standard normal draws from {@code rng}. */
    public static void fill(Rng rng, float[] out, int count, double std) {
        for (int i = 0; i < count; i++) {
            out[i] = (float) (std * ZigguratNormal.next(rng));
        }
    }
}
