package org.groklab.kinds.ctrnn;

/** The two mechanisms of Murray's Section 3, or neither. */
public enum Mechanism {
    /** fixed-point attractors; inputs move the state between them (tau = 100 ms in the paper) */
    ATTRACTIVE,
    /** a limit cycle; inputs shift its phase (tau = 10 ms in the paper) */
    OSCILLATORY,
    /** neither criterion holds */
    NEITHER
}
