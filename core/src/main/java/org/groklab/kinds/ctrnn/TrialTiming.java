package org.groklab.kinds.ctrnn;

import java.util.ArrayList;
import java.util.List;

/**
 * When the three inputs of a SET trial appear (Murray, Appendix A): a trial lasts {@code steps} steps (T = 50);
 * each input lasts {@code inputSteps} steps (2) and is followed by at least {@code minGap} empty steps (3) before
 * the next one; the first {@code leadIn} steps (3) and the last {@code tail} steps (10) carry no input. Steps are
 * numbered 0..steps-1; an onset is the first step of an input.
 */
public record TrialTiming(int steps, int inputSteps, int minGap, int leadIn, int tail) {

    /** Murray's Appendix A: T = 50, inputs of 2 steps, gaps of at least 3, 3 silent steps first, 10 last. */
    public static final TrialTiming MURRAY = new TrialTiming(50, 2, 3, 3, 10);

    public TrialTiming {
        if (steps < 1 || inputSteps < 1 || minGap < 0 || leadIn < 0 || tail < 0) {
            throw new IllegalArgumentException("trial timing: steps and input_steps must be >= 1, gaps >= 0: "
                    + steps + ", " + inputSteps + ", " + minGap + ", " + leadIn + ", " + tail);
        }
        if (leadIn + 3 * inputSteps + 2 * minGap + tail > steps) {
            throw new IllegalArgumentException("trial timing: three inputs of " + inputSteps + " steps with gaps of "
                    + minGap + " do not fit between " + leadIn + " silent steps first and " + tail
                    + " last in a trial of " + steps + " steps");
        }
    }

    /** The first step an input may start on. */
    public int firstOnset() {
        return leadIn;
    }

    /** The last step an input may start on (it then ends on step steps - tail - 1). */
    public int lastOnset() {
        return steps - tail - inputSteps;
    }

    /** Whether three onsets obey every rule. */
    public boolean allows(int o1, int o2, int o3) {
        return o1 >= firstOnset() && o2 >= o1 + inputSteps + minGap && o3 >= o2 + inputSteps + minGap
                && o3 <= lastOnset();
    }

    /**
     * Every allowed onset triple, in lexicographic order; a trial draws one of them uniformly (for Murray's
     * timing there are C(28, 3) = 3,276).
     */
    public List<int[]> allOnsets() {
        List<int[]> all = new ArrayList<>();
        int step = inputSteps + minGap;
        for (int o1 = firstOnset(); o1 + 2 * step <= lastOnset(); o1++) {
            for (int o2 = o1 + step; o2 + step <= lastOnset(); o2++) {
                for (int o3 = o2 + step; o3 <= lastOnset(); o3++) {
                    all.add(new int[] {o1, o2, o3});
                }
            }
        }
        return all;
    }
}
