package org.groklab.data;

/** Gathers rows of a row-major array. */
final class Rows {
    private Rows() {
    }

    static int[] gather(int[] data, int width, int[] rows) {
        int[] out = new int[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(data, rows[i] * width, out, i * width, width);
        }
        return out;
    }

    static float[] gather(float[] data, int width, int[] rows) {
        float[] out = new float[rows.length * width];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(data, rows[i] * width, out, i * width, width);
        }
        return out;
    }
}
