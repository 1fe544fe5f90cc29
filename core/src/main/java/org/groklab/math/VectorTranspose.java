package org.groklab.math;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The transpose of {@link VectorKernels}: tiles of 8 × 8 floats, eight rows loaded as 256-bit vectors and
 * interleaved in three rounds of two-vector shuffles (pairs of floats, then pairs of pairs, then halves), then
 * stored as eight columns; the rows and columns past the last whole tile are copied one value at a time. A copy
 * either way, so the same bits as {@link Tensors#transpose}; 3-5x faster on the Gromov MLP's first layer (JMH
 * {@code TransposeBenchmark}; BENCHMARKS.md, the Gromov MLP's first layer). Where 256-bit vectors are not in
 * hardware it is {@link Tensors#transpose} itself.
 */
final class VectorTranspose {
    private static final VectorSpecies<Float> S8 = FloatVector.SPECIES_256;
    private static final boolean ACCELERATED = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256;
    // indices 0-7 take the first vector's lanes, 8-15 the second's
    private static final VectorShuffle<Float> EVEN = VectorShuffle.fromValues(S8, 0, 8, 2, 10, 4, 12, 6, 14);
    private static final VectorShuffle<Float> ODD = VectorShuffle.fromValues(S8, 1, 9, 3, 11, 5, 13, 7, 15);
    private static final VectorShuffle<Float> EVEN_PAIRS = VectorShuffle.fromValues(S8, 0, 1, 8, 9, 4, 5, 12, 13);
    private static final VectorShuffle<Float> ODD_PAIRS = VectorShuffle.fromValues(S8, 2, 3, 10, 11, 6, 7, 14, 15);
    private static final VectorShuffle<Float> LOW_HALVES = VectorShuffle.fromValues(S8, 0, 1, 2, 3, 8, 9, 10, 11);
    private static final VectorShuffle<Float> HIGH_HALVES = VectorShuffle.fromValues(S8, 4, 5, 6, 7, 12, 13, 14, 15);

    private VectorTranspose() {
    }

    /** dst (cols × rows) = srcᵀ (src rows × cols). */
    static void transpose(float[] src, float[] dst, int rows, int cols) {
        if (!ACCELERATED) {
            Tensors.transpose(src, dst, rows, cols);
            return;
        }
        int rows8 = rows - rows % 8;
        int cols8 = cols - cols % 8;
        for (int i = 0; i < rows8; i += 8) {
            for (int j = 0; j < cols8; j += 8) {
                tile(src, i * cols + j, cols, dst, j * rows + i, rows);
            }
            for (int r = i; r < i + 8; r++) {
                for (int j = cols8; j < cols; j++) {
                    dst[j * rows + r] = src[r * cols + j];
                }
            }
        }
        for (int r = rows8; r < rows; r++) {
            for (int j = 0; j < cols; j++) {
                dst[j * rows + r] = src[r * cols + j];
            }
        }
    }

    /** The 8 × 8 tile at src[s0] (rows cols apart) written transposed at dst[d0] (rows rows apart). */
    private static void tile(float[] src, int s0, int cols, float[] dst, int d0, int rows) {
        FloatVector r0 = FloatVector.fromArray(S8, src, s0);
        FloatVector r1 = FloatVector.fromArray(S8, src, s0 + cols);
        FloatVector r2 = FloatVector.fromArray(S8, src, s0 + 2 * cols);
        FloatVector r3 = FloatVector.fromArray(S8, src, s0 + 3 * cols);
        FloatVector r4 = FloatVector.fromArray(S8, src, s0 + 4 * cols);
        FloatVector r5 = FloatVector.fromArray(S8, src, s0 + 5 * cols);
        FloatVector r6 = FloatVector.fromArray(S8, src, s0 + 6 * cols);
        FloatVector r7 = FloatVector.fromArray(S8, src, s0 + 7 * cols);
        // single values of two rows interleaved: a0 = r0[0] r1[0] r0[2] r1[2] ..., a1 = r0[1] r1[1] ...
        FloatVector a0 = r0.rearrange(EVEN, r1);
        FloatVector a1 = r0.rearrange(ODD, r1);
        FloatVector a2 = r2.rearrange(EVEN, r3);
        FloatVector a3 = r2.rearrange(ODD, r3);
        FloatVector a4 = r4.rearrange(EVEN, r5);
        FloatVector a5 = r4.rearrange(ODD, r5);
        FloatVector a6 = r6.rearrange(EVEN, r7);
        FloatVector a7 = r6.rearrange(ODD, r7);
        // pairs interleaved: b0 = column 0 of rows 0-3 and column 4 of rows 0-3, b1 columns 1 and 5, ...
        FloatVector b0 = a0.rearrange(EVEN_PAIRS, a2);
        FloatVector b1 = a1.rearrange(EVEN_PAIRS, a3);
        FloatVector b2 = a0.rearrange(ODD_PAIRS, a2);
        FloatVector b3 = a1.rearrange(ODD_PAIRS, a3);
        FloatVector b4 = a4.rearrange(EVEN_PAIRS, a6);
        FloatVector b5 = a5.rearrange(EVEN_PAIRS, a7);
        FloatVector b6 = a4.rearrange(ODD_PAIRS, a6);
        FloatVector b7 = a5.rearrange(ODD_PAIRS, a7);
        // halves joined: column j of rows 0-7
        b0.rearrange(LOW_HALVES, b4).intoArray(dst, d0);
        b1.rearrange(LOW_HALVES, b5).intoArray(dst, d0 + rows);
        b2.rearrange(LOW_HALVES, b6).intoArray(dst, d0 + 2 * rows);
        b3.rearrange(LOW_HALVES, b7).intoArray(dst, d0 + 3 * rows);
        b0.rearrange(HIGH_HALVES, b4).intoArray(dst, d0 + 4 * rows);
        b1.rearrange(HIGH_HALVES, b5).intoArray(dst, d0 + 5 * rows);
        b2.rearrange(HIGH_HALVES, b6).intoArray(dst, d0 + 6 * rows);
        b3.rearrange(HIGH_HALVES, b7).intoArray(dst, d0 + 7 * rows);
    }
}
