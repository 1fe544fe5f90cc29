package org.groklab.kinds.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.groklab.loss.Hinge;
import org.groklab.loss.Loss;
import org.groklab.math.Rng;
import org.groklab.data.Batch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MinimalNetworksTest {

    /** Every input of {±1}^n with its (n, k)-parity label. */
    private static Batch cube(int n, int k) {
        SparseParity task = new SparseParity(n, k, SparseParity.Bits.PM1);
        return task.unseen(Batch.ofFeatures(n, new float[0], new int[0]));
    }

    @ParameterizedTest(name = "(n, k) = ({0}, {1})")
    @CsvSource({"2,1", "6,2", "8,3", "10,4", "7,5"})
    void twoToTheKNeuronsComputeParityExactlyOnEveryInput(int n, int k) {
        Batch all = cube(n, k);
        ParityMlp m = MinimalNetworks.patterns(n, k);
        assertEquals(1 << k, m.width(), "2^k neurons");
        float[] y = m.forward(all);
        for (int i = 0; i < all.size(); i++) {
            assertEquals(all.labels()[i] == 1 ? 1f : -1f, y[i], 0f, "f(x) = parity, input " + i);
        }
        assertEquals(1.0, Loss.accuracy(y, all.labels(), all.size(), 1), "accuracy on all 2^" + n + " inputs");
        assertEquals(0.0, new Hinge().evaluate(y, all.labels(), all.size(), 1, null), 0.0, "hinge loss: margin 1");
    }

    @ParameterizedTest(name = "n = {0}")
    @CsvSource({"2", "5", "12"})
    void twoNeuronsComputeNTwoParityOnEveryInput(int n) {
        Batch all = cube(n, 2);
        ParityMlp m = MinimalNetworks.twoNeuron(n);
        float[] y = m.forward(all);
        for (int i = 0; i < all.size(); i++) {
            assertEquals(all.labels()[i] == 1 ? 1f : 0f, y[i], 0f, "y = h1 + h2, input " + i);
        }
        assertEquals(1.0, Loss.accuracy(y, all.labels(), all.size(), 1), "accuracy on all 2^" + n + " inputs");
    }

    @ParameterizedTest(name = "(n, k) = (50, {0})")
    @CsvSource({"2", "3"})
    void constructionsScoreOneHundredPercentOnRandomFiftyBitInputs(int k) {
        SparseParity task = new SparseParity(50, k, SparseParity.Bits.PM1);
        Batch b = task.sample(2000, new Rng(9));
        assertEquals(1.0, Loss.accuracy(MinimalNetworks.patterns(50, k).forward(b), b.labels(), b.size(), 1),
                "2^k construction");
        if (k == 2) {
            assertEquals(1.0, Loss.accuracy(MinimalNetworks.twoNeuron(50).forward(b), b.labels(), b.size(), 1),
                    "2-neuron construction");
            // the thesis's trained weights (Sec. 4.2.3) are the same circuit, scaled
            ParityMlp trained = MinimalNetworks.twoNeuron(50, 0.62f, 0.85f);
            assertEquals(1.0, Loss.accuracy(trained.forward(b), b.labels(), b.size(), 1), "0.62 / 0.85 weights");
        }
    }
}
