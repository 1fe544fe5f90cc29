package org.groklab.kinds.ctrnn;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * A complete deterministic finite automaton over symbols 0..symbols-1: states 0..states-1, a start state, a
 * transition table {@code next[state][symbol]} and the accepting states. {@link #minimize} is Moore's partition
 * refinement after dropping unreachable states; {@link #equivalent} compares languages through the product
 * automaton.
 */
public record Dfa(int states, int symbols, int start, int[][] next, boolean[] accepting) {

    public Dfa {
        if (start < 0 || start >= states || next.length != states || accepting.length != states) {
            throw new IllegalArgumentException("a DFA needs a start state and a row and an accepting flag per state");
        }
        for (int[] row : next) {
            if (row.length != symbols) {
                throw new IllegalArgumentException("every state needs one transition per symbol");
            }
            for (int s : row) {
                if (s < 0 || s >= states) {
                    throw new IllegalArgumentException("transition to a missing state " + s);
                }
            }
        }
    }

    /** The automaton of a + b + c + ... = 0 (mod m): state = running sum mod m, start and accepting state 0. */
    public static Dfa modCounter(int m, int symbols) {
        int[][] next = new int[m][symbols];
        boolean[] acc = new boolean[m];
        for (int s = 0; s < m; s++) {
            for (int c = 0; c < symbols; c++) {
                next[s][c] = (s + c) % m;
            }
        }
        acc[0] = true;
        return new Dfa(m, symbols, 0, next, acc);
    }

    /**
     * The mod-m automaton read for words of exactly {@code length} symbols (the task's words): states (symbols read k
     * = 0..length, running sum mod m) and a rejecting sink for longer words; accepting: k = length and sum 0.
     */
    public static Dfa modCounterUpTo(int m, int symbols, int length) {
        int sink = (length + 1) * m;
        int[][] next = new int[sink + 1][symbols];
        boolean[] acc = new boolean[sink + 1];
        for (int k = 0; k <= length; k++) {
            for (int s = 0; s < m; s++) {
                for (int c = 0; c < symbols; c++) {
                    next[k * m + s][c] = k < length ? (k + 1) * m + (s + c) % m : sink;
                }
            }
        }
        Arrays.fill(next[sink], sink);
        acc[length * m] = true;
        return new Dfa(sink + 1, symbols, 0, next, acc);
    }

    public boolean accepts(int... word) {
        int s = start;
        for (int c : word) {
            s = next[s][c];
        }
        return accepting[s];
    }

    /** The minimal DFA of the same language, states numbered in breadth-first order from the start. */
    public Dfa minimize() {
        boolean[] reach = new boolean[states];
        Deque<Integer> queue = new ArrayDeque<>();
        reach[start] = true;
        queue.add(start);
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (int t : next[s]) {
                if (!reach[t]) {
                    reach[t] = true;
                    queue.add(t);
                }
            }
        }
        // Moore: start from accepting / rejecting, split by the blocks of the successors until stable
        int[] block = new int[states];
        for (int s = 0; s < states; s++) {
            block[s] = accepting[s] ? 1 : 0;
        }
        int count = -1;
        while (true) {
            java.util.Map<String, Integer> ids = new java.util.HashMap<>();
            int[] refined = new int[states];
            for (int s = 0; s < states; s++) {
                if (!reach[s]) {
                    continue;
                }
                StringBuilder key = new StringBuilder().append(block[s]);
                for (int c = 0; c < symbols; c++) {
                    key.append(',').append(block[next[s][c]]);
                }
                refined[s] = ids.computeIfAbsent(key.toString(), k -> ids.size());
            }
            block = refined;
            if (ids.size() == count) {
                break;
            }
            count = ids.size();
        }
        // renumber blocks breadth-first from the start
        int[] order = new int[count];
        Arrays.fill(order, -1);
        int n = 0;
        order[block[start]] = n++;
        queue.add(start);
        boolean[] seen = new boolean[states];
        seen[start] = true;
        int[][] out = new int[count][symbols];
        boolean[] acc = new boolean[count];
        while (!queue.isEmpty()) {
            int s = queue.poll();
            acc[order[block[s]]] = accepting[s];
            for (int c = 0; c < symbols; c++) {
                int t = next[s][c];
                if (order[block[t]] < 0) {
                    order[block[t]] = n++;
                }
                out[order[block[s]]][c] = order[block[t]];
                if (!seen[t]) {
                    seen[t] = true;
                    queue.add(t);
                }
            }
        }
        return new Dfa(count, symbols, 0, out, acc);
    }

    /** Whether both automata accept the same words (same symbols), by a search of the product automaton. */
    public boolean equivalent(Dfa other) {
        if (other.symbols != symbols) {
            return false;
        }
        boolean[][] seen = new boolean[states][other.states];
        Deque<int[]> queue = new ArrayDeque<>();
        queue.add(new int[] {start, other.start});
        seen[start][other.start] = true;
        while (!queue.isEmpty()) {
            int[] p = queue.poll();
            if (accepting[p[0]] != other.accepting[p[1]]) {
                return false;
            }
            for (int c = 0; c < symbols; c++) {
                int a = next[p[0]][c];
                int b = other.next[p[1]][c];
                if (!seen[a][b]) {
                    seen[a][b] = true;
                    queue.add(new int[] {a, b});
                }
            }
        }
        return true;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("DFA(" + states + " states, start " + start + ", accepting");
        for (int s = 0; s < states; s++) {
            if (accepting[s]) {
                sb.append(' ').append(s);
            }
        }
        sb.append("; next ").append(Arrays.deepToString(next)).append(')');
        return sb.toString();
    }
}
