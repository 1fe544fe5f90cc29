package org.groklab.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TensorsTest {
    @Test
    void theTiledTransposeMovesEveryValueToItsMirroredPlace() {
        for (int r = 1; r <= 40; r += 3) {
            for (int c = 1; c <= 40; c += 2) {
                float[] src = new float[r * c];
                for (int i = 0; i < src.length; i++) {
                    src[i] = i + 0.5f;
                }
                float[] dst = Tensors.transpose(src, r, c);
                for (int i = 0; i < r; i++) {
                    for (int j = 0; j < c; j++) {
                        assertEquals(src[i * c + j], dst[j * r + i], "r=" + r + " c=" + c + " (" + i + ", " + j + ")");
                    }
                }
                float[] back = Tensors.transpose(dst, c, r);
                for (int i = 0; i < src.length; i++) {
                    assertEquals(src[i], back[i], "r=" + r + " c=" + c + ": transposing twice");
                }
            }
        }
    }
}
