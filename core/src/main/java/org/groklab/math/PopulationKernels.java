package org.groklab.math;

/**
 * Matrix products of a population: {@code members} same-shaped problems C_i (+)= A_i · B_i, i &lt; members, stored
 * member-interleaved, element e of member i at {@code x[e · members + i]}. A model too small to fill the vector
 * lanes on its own (a batch of 32 rows, an output of one column, a hidden layer of 24 units) fills them across
 * members: lane i of every vector is member i, whatever the shape.
 *
 * <p>The bits are those of {@link Kernels}: each output element of each member is one chain of fused multiply-adds
 * over the shared dimension in index order t = 0..k-1, starting from 0 (or from C when accumulating), exactly as a
 * solo call of {@link Kernels#matmul} and its transposed forms computes it for that member. So a member trained in a
 * population has the bits of its solo run. {@link #plain()} loops element by element (the oracle), {@link #vector()}
 * runs members in groups of vector lanes.
 */
public interface PopulationKernels {

    /** C_i[m×n] (+)= A_i[m×k] · B_i[k×n] for every member i. */
    void matmul(int members, float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate);

    /** C_i[m×n] (+)= A_iᵀ · B_i with A_i stored as [k×m], B_i as [k×n]. */
    void matmulTransA(int members, float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate);

    /** C_i[m×n] (+)= A_i[m×k] · B_iᵀ with B_i stored as [n×k]. */
    void matmulTransB(int members, float[] a, float[] b, float[] c, int m, int k, int n, boolean accumulate);

    /**
     * Members one vector holds: a population whose width is a multiple of it runs whole vectors only (it may pad
     * itself with idle members); 1 for the plain kernels.
     */
    int lanes();

    /** A line for users: which kernels these are. */
    String describe();

    /** The vector kernels when {@link Kernels#preferred()} is the Vector API, the plain ones otherwise. */
    static PopulationKernels preferred() {
        return Kernels.vectorPreferred() ? vector() : plain();
    }

    static PopulationKernels plain() {
        return PlainPopulationKernels.INSTANCE;
    }

    static PopulationKernels vector() {
        return VectorPopulationKernels.INSTANCE;
    }

    /** out[e · members + i] = x_i[off_i + e] for e &lt; len: members' windows into the interleaved layout. */
    static void interleave(float[][] x, int[] off, int len, float[] out) {
        int members = x.length;
        for (int i = 0; i < members; i++) {
            float[] xi = x[i];
            int o = off == null ? 0 : off[i];
            for (int e = 0; e < len; e++) {
                out[e * members + i] = xi[o + e];
            }
        }
    }

    /** x_i[e] = in[e · members + i] for e &lt; len: the interleaved layout back into one array per member. */
    static void deinterleave(float[] in, int len, float[][] x) {
        int members = x.length;
        for (int i = 0; i < members; i++) {
            float[] xi = x[i];
            for (int e = 0; e < len; e++) {
                xi[e] = in[e * members + i];
            }
        }
    }
}
