package org.groklab.kinds.modular.analysis;

import org.groklab.math.Kernels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.groklab.kinds.modular.construct.QuadraticConstruction;
import org.groklab.loss.Loss;
import org.groklab.loss.MeanSquaredError;
import org.groklab.math.Rng;
import org.groklab.model.Activation;
import org.groklab.kinds.modular.model.GromovMlp;
import org.groklab.model.Model;
import org.groklab.kinds.modular.model.PairMlp;
import org.groklab.kinds.modular.task.ModularArithmetic;
import org.groklab.kinds.modular.task.Operation;
import org.groklab.data.Split;
import org.junit.jupiter.api.Test;

class ProgressMeasuresTest {
    static final int P = 11;

    static Split split() {
        return new ModularArithmetic(P, Operation.ADD, false, 0).split(0, 0.5, 0);
    }

    @Test
    void constructionIsAllKeyFrequenciesRestrictingToThemKeepsItsLossAndExcludingThemLeavesAConstant() {
        GromovMlp model = QuadraticConstruction.build(P);
        Loss mse = new MeanSquaredError(Loss.Reduction.ELEMENTS);
        List<Integer> all = IntStream.rangeClosed(1, P / 2).boxed().toList();
        ProgressMeasures.Measures m = ProgressMeasures.of(model, split(), mse, Operation.ADD, all);
        assertTrue(m.trainLoss() < 1e-8, "the construction is exact: " + m.trainLoss());
        assertEquals(m.trainLoss(), m.restrictedLoss(), 1e-8, "its logits are a function of a+b alone");
        assertEquals(1.0, m.restrictedAcc());
        // without its a+b components only the per-class mean 1/p is left: the constant predictor's MSE
        assertEquals((P - 1.0) / (P * P), m.excludedLoss(), 1e-6);

        ProgressMeasures.Measures none = ProgressMeasures.of(model, split(), mse, Operation.ADD, List.of());
        assertEquals((P - 1.0) / (P * P), none.restrictedLoss(), 1e-6, "no key frequency: the per-class mean");
        assertEquals(none.trainLoss(), none.excludedLoss(), 1e-9, "nothing excluded: the model itself");
    }

    @Test
    void oneKeyFrequencyOfTheConstructionStillPredictsEveryAnswer() {
        ProgressMeasures.Measures m = ProgressMeasures.of(QuadraticConstruction.build(P), split(),
                new MeanSquaredError(Loss.Reduction.ELEMENTS), Operation.ADD, List.of(3));
        assertEquals(1.0, m.restrictedAcc(), "cos(2 pi 3 (a+b-c)/p) peaks at c = a+b for prime p");
        assertTrue(m.restrictedLoss() > m.trainLoss());
    }

    @Test
    void operationsWithoutASumHaveNoProgressMeasures() {
        Split s = new ModularArithmetic(P, Operation.MUL, false, 0).split(0, 0.5, 0);
        ProgressMeasures.Measures m = ProgressMeasures.of(QuadraticConstruction.build(P), s,
                new MeanSquaredError(Loss.Reduction.ELEMENTS), Operation.MUL, List.of(1));
        assertTrue(Double.isNaN(m.restrictedLoss()) && Double.isNaN(m.excludedLoss()));
        assertTrue(Double.isFinite(m.trainLoss()));
    }

    @Test
    void frequencyGroupsOfTheLogitsAddUpToTheModelsLogitsForBothModels() {
        Model pair = new PairMlp(P, 8, 6, true, false, false, Kernels.vector());
        ((PairMlp) pair).initialize(Rng.stream(1, "init"));
        GromovMlp gromov = new GromovMlp(P, 10, 1, Activation.QUADRATIC, Kernels.vector());
        gromov.initialize(Rng.stream(2, "init"));
        for (Model model : List.of(pair, gromov)) {
            int n = TokenMatrix.of(model).get(0).width();
            int[] groupOf = new int[n];
            for (int j = 0; j < n; j++) {
                groupOf[j] = j % 3;
            }
            double[][] parts = LogitGroups.contributions(model, 4, 9, groupOf, 3);
            float[] logits = model.forward(org.groklab.data.Batch.ofTokens(2, new int[] {4, 9}, new int[] {0}));
            for (int c = 0; c < P; c++) {
                double sum = parts[0][c] + parts[1][c] + parts[2][c];
                assertEquals(logits[c], sum, 1e-4 * (1 + Math.abs(logits[c])), model.getClass() + " class " + c);
            }
        }
    }
}
