package org.groklab.kinds.ctrnn;

/**
 * A congruence relation of the SET task: the ordered colours (a, b, c), each in {0, 1, 2} (green, purple, red),
 * numbered 9a + 3b + c (0..26). It is valid, label +1, iff a + b + c = 0 (mod 3); otherwise label -1. Nine of the
 * 27 relations are valid.
 */
public record Relation(int a, int b, int c) {
    public static final int COUNT = 27;

    public Relation {
        if (a < 0 || a > 2 || b < 0 || b > 2 || c < 0 || c > 2) {
            throw new IllegalArgumentException("relation colours must be in {0, 1, 2}: " + a + ", " + b + ", " + c);
        }
    }

    public static Relation of(int id) {
        if (id < 0 || id >= COUNT) {
            throw new IllegalArgumentException("relation id must be in 0..26: " + id);
        }
        return new Relation(id / 9, id / 3 % 3, id % 3);
    }

    public int id() {
        return 9 * a + 3 * b + c;
    }

    public boolean valid() {
        return (a + b + c) % 3 == 0;
    }

    /** +1 for a valid relation, -1 otherwise. */
    public int label() {
        return valid() ? 1 : -1;
    }

    public int colour(int position) {
        return switch (position) {
            case 0 -> a;
            case 1 -> b;
            case 2 -> c;
            default -> throw new IllegalArgumentException("position must be 0, 1 or 2: " + position);
        };
    }
}
