package org.groklab.spec;

import java.util.Collection;
import java.util.Locale;

/** "Did you mean ...?" for a misspelled name: the closest allowed one by edit distance, when it is close. */
public final class Suggestions {
    private Suggestions() {
    }

    /** The closest of {@code options} to {@code word}, or null when none is within a third of its length (≥ 2). */
    public static String closest(String word, Collection<String> options) {
        if (word == null) {
            return null;
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String w = word.toLowerCase(Locale.ROOT);
        for (String o : options) {
            int d = distance(w, o.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = o;
            }
        }
        return best != null && bestDistance > 0 && bestDistance <= Math.max(2, word.length() / 3) ? best : null;
    }

    /** " (did you mean X?)" or the empty string. */
    public static String didYouMean(String word, Collection<String> options) {
        String c = closest(word, options);
        return c == null ? "" : " (did you mean " + c + "?)";
    }

    /** Levenshtein distance with transpositions counted as one edit. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
