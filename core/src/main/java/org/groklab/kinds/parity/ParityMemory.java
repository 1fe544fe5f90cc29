package org.groklab.kinds.parity;

import static org.groklab.kind.ResourceEstimate.add;
import static org.groklab.kind.ResourceEstimate.mul;
import static org.groklab.kind.ResourceEstimate.sum;

import org.groklab.kind.ResourceEstimate;
import org.groklab.spec.RunSpec;

/**
 * The heap of a parity run, counted from the arrays {@link ParityMlp} and the split allocate: train and test inputs
 * of n floats and a label each (stored, then copied into the train and test batches), and a forward pass over the
 * larger of the two sets.
 */
final class ParityMemory {
    private ParityMemory() {
    }

    static ResourceEstimate of(RunSpec spec) {
        ParityTaskSpec t = (ParityTaskSpec) spec.task();
        ParityMlpSpec m = (ParityMlpSpec) spec.model();
        long d = t.n() + (m.inputOne() ? 1 : 0);
        long width = m.width();
        long test = t.testSize() > 0 ? t.testSize() : (1L << Math.min(t.n(), 16)) - t.trainSize();
        long examples = add(t.trainSize(), test);
        long stored = sum(mul(2, mul(examples, t.n() + 1L)), mul(d, width)); // the examples twice, the scratch
        long params = sum(mul(width, d), mul(2, width), 1);
        // per example: pre, h and their gradient (width each), the output, an input-sized gradient
        return ResourceEstimate.of("task.n, task.train_size, task.test_size, model.width", params,
                ResourceEstimate.optimizerSlots(spec), stored, Math.max(t.trainSize(), test),
                sum(mul(3, width), d, 2));
    }
}
