package org.groklab.kinds.ctrnn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.groklab.math.Rng;

/**
 * Which congruence relations are left out of training (Murray, Appendix D): the three conditions remove
 * relations of both kinds, only valid ones, or only invalid ones, "uniformly and without replacement" — here the
 * first {@code count} relations of a seeded permutation of the condition's pool.
 */
public enum HoldOut {
    /** Condition (1): valid and invalid relations alike (pool of 27). */
    BOTH,
    /** Condition (2): only valid relations (pool of 9). */
    VALID_ONLY,
    /** Condition (3): only invalid relations (pool of 18). */
    INVALID_ONLY;

    /** The relations this condition may remove, by increasing id. */
    public int[] pool() {
        List<Integer> ids = new ArrayList<>();
        for (int id = 0; id < Relation.COUNT; id++) {
            boolean valid = Relation.of(id).valid();
            if (this == BOTH || (this == VALID_ONLY) == valid) {
                ids.add(id);
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    /** {@code count} relations of the pool drawn without replacement from {@code rng}, sorted by id. */
    public int[] draw(int count, Rng rng) {
        int[] pool = pool();
        if (count < 0 || count > pool.length) {
            throw new IllegalArgumentException("held_out for " + name().toLowerCase() + " must be in 0.."
                    + pool.length + ": " + count);
        }
        int[] perm = rng.permutation(pool.length);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = pool[perm[i]];
        }
        Arrays.sort(out);
        return out;
    }
}
