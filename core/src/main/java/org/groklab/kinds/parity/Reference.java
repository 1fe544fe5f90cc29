package org.groklab.kinds.parity;

import java.util.List;

/**
 * What the source documents report, for printing beside the measured numbers. Only what they state: the thesis
 * (shared/seeds/003) gives most of its results as curves without numbers, which is said so rather than read off.
 */
public final class Reference {
    private Reference() {
    }

    /** Table 3.1: the largest label-noise fraction p_t at which grokking still occurs, by n (rows) and wd (columns). */
    public static final List<Integer> TABLE_3_1_N = List.of(30, 50, 70);
    public static final List<Double> TABLE_3_1_WD = List.of(0.01, 0.05, 0.1);
    public static final double[][] TABLE_3_1 = {
            {0.02, 0.12, 0.20},
            {0.03, 0.06, 0.12},
            {0.01, 0.03, 0.05}};

    /** Section 4.2.3: the trained 2-neuron (n, 2) network's first-layer weights on x1, x2 and its readout. */
    public static final double TWO_NEURON_W1 = 0.62;
    public static final double TWO_NEURON_W2 = 0.85;

    /** PAIR (002), the parity animation in the post's page source: memorized by about step 1,200, generalized by 3,750. */
    public static final long PAIR_MEMORIZED_STEP = 1200;
    public static final long PAIR_GENERALIZED_STEP = 3750;

    /** PAIR's sweep classification (sweep-sparse-parity/init.js): loss thresholds. */
    public static final double PAIR_MIN_LOSS = 1e-5;
    public static final double PAIR_MAX_RATIO = 50000;

    /** The document's statements on one run of a preset, by preset name (empty when none). */
    public static List<String[]> runNotes(String name) {
        if (name.startsWith("thesis-fig2.1")) {
            return List.of(
                    new String[] {"memorization epoch", "a curve only (Fig. 2.1): train accuracy reaches 1 early"},
                    new String[] {"generalization epoch", "a curve only (Fig. 2.1): test accuracy jumps to 1 after a "
                            + "plateau; its code pins the KDE panels' end to epoch 499 of 500"},
                    new String[] {"spectral norm", "\"two critical inflection points\" at memorization and "
                            + "generalization; \"starkly declines between these points\" (Sec. 2.2.3)"},
                    new String[] {"output-weight density", "\"condensation of weight values around zero\" (Sec. 2.2.2)"},
                    new String[] {"t-SNE", "4 clusters by the first 2 bits emerge at generalization (Sec. 2.2.1)"});
        }
        if (name.startsWith("thesis-a1")) {
            return List.of(
                    new String[] {"memorization epoch", "a curve only (Fig. A.1)"},
                    new String[] {"generalization epoch", "a curve only (Fig. A.1): \"significant improvement in test "
                            + "accuracy after a prolonged plateau\", within 1000 epochs"},
                    new String[] {"spectral norm", "\"a notable increase\" with the transition (Fig. A.2)"},
                    new String[] {"t-SNE", "clusters by the first 3 bits (8 colours) as epochs progress (Fig. A.3)"});
        }
        if (name.startsWith("thesis-2neuron")) {
            return List.<String[]>of(new String[] {"learned weights", "first layer [[0.62, 0.62], [-0.62, -0.62]] on (x1, x2), "
                    + "output [0.85, 0.85] (Sec. 4.2.3)"});
        }
        if (name.startsWith("pair-parity-sweep")) {
            return List.<String[]>of(new String[] {"regions", "\"With too little weight decay, the model can't escape "
                    + "overfitting ... Adding more weight decay pushes the model to generalize after memorizing. "
                    + "Increasing weight decay even more causes test and train loss to fall together ... And with too "
                    + "much weight decay the model will fail to learn anything.\""});
        }
        if (name.startsWith("pair-parity")) {
            return List.of(
                    new String[] {"memorization step", "about " + PAIR_MEMORIZED_STEP + " (the post's animation)"},
                    new String[] {"generalization step", "about " + PAIR_GENERALIZED_STEP + " (the post's animation)"},
                    new String[] {"weights", "\"The rapid generalization occurs when the last weights connected to "
                            + "the distracting digits are pruned by weight decay\""});
        }
        return List.of();
    }
}
