package org.groklab.kinds.ctrnn;

/**
 * The mechanism of one network with the evidence behind it.
 *
 * @param fixedPoints      the fixed points found from states sampled along noise-free trials
 * @param cycle            the limit cycle the input-free dynamics from x(0) (or, failing that, from most end states) settle on, or null
 * @param cyclesFromEnds   how many of the probed end-of-trial states settle on a limit cycle
 * @param endsProbed       how many end-of-trial states were run on without input
 * @param endsAtStable     how many of them end within reach of a stable fixed point
 * @param phaseShifts      when there is a cycle: per colour, the phase shift its input causes (radians) and the
 *                         mean resultant length of the shift over starting phases (1: the same from every phase)
 * @param evidence         one sentence saying why the label was given
 */
public record MechanismReport(Mechanism label, String evidence, FixedPointFinder.Result fixedPoints,
                              LimitCycle cycle, int cyclesFromEnds, int endsProbed, int endsAtStable,
                              double[][] phaseShifts) {
}
