package org.groklab.train;

import java.util.TreeSet;

/**
 * Which steps are evaluated or checkpointed: every k steps and/or {@code perDecade} geometrically spaced steps
 * (round(10^(i / perDecade))), always including step 0 and the last step.
 */
public final class Schedule {
    private final long last;
    private final int every;
    private final TreeSet<Long> geometric = new TreeSet<>();

    public Schedule(long last, int every, int perDecade) {
        this.last = last;
        this.every = every;
        if (perDecade > 0) {
            for (int i = 0; ; i++) {
                long s = Math.round(StrictMath.pow(10, (double) i / perDecade));
                if (s > last) {
                    break;
                }
                geometric.add(s);
            }
        }
    }

    public boolean includes(long step) {
        return step == 0 || step == last || (every > 0 && step % every == 0) || geometric.contains(step);
    }
}
