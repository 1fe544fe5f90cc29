package org.groklab.kinds.modular.task;

import java.util.Locale;

/** Binary operations over Z_p, by their config names. */
public enum Operation {
    @com.fasterxml.jackson.annotation.JsonProperty("add") ADD("a+b", true),
    @com.fasterxml.jackson.annotation.JsonProperty("sub") SUB("a-b", false),
    @com.fasterxml.jackson.annotation.JsonProperty("mul") MUL("a*b", true),
    @com.fasterxml.jackson.annotation.JsonProperty("div") DIV("a/b (b != 0, p prime)", false),
    @com.fasterxml.jackson.annotation.JsonProperty("quad") QUAD("a^2+ab+b^2", true),
    @com.fasterxml.jackson.annotation.JsonProperty("cubic") CUBIC("a^3+ab", false),
    @com.fasterxml.jackson.annotation.JsonProperty("random") RANDOM("a fixed random table (the null hypothesis)", false);

    private final String formula;
    private final boolean commutative;

    Operation(String formula, boolean commutative) {
        this.formula = formula;
        this.commutative = commutative;
    }

    public String formula() {
        return formula;
    }

    public boolean commutative() {
        return commutative;
    }

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The result for a, b in Z_p (RANDOM is answered by its table, not here). */
    public int apply(int a, int b, int p) {
        long x = a;
        long y = b;
        long r = switch (this) {
            case ADD -> x + y;
            case SUB -> x - y + p;
            case MUL -> x * y;
            case DIV -> x * inverse(b, p);
            case QUAD -> x * x + x * y + y * y;
            case CUBIC -> x * x % p * x + x * y;
            case RANDOM -> throw new IllegalStateException("a random operation is a table");
        };
        return (int) (r % p);
    }

    /** b^(p-2) mod p: the inverse of b for prime p (Fermat). */
    static long inverse(int b, int p) {
        long result = 1;
        long base = b % p;
        long e = p - 2;
        while (e > 0) {
            if ((e & 1) == 1) {
                result = result * base % p;
            }
            base = base * base % p;
            e >>= 1;
        }
        return result;
    }

    public static boolean isPrime(int n) {
        if (n < 2) {
            return false;
        }
        for (int d = 2; (long) d * d <= n; d++) {
            if (n % d == 0) {
                return false;
            }
        }
        return true;
    }
}
