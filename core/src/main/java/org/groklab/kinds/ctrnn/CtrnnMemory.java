package org.groklab.kinds.ctrnn;

import static org.groklab.kind.ResourceEstimate.add;
import static org.groklab.kind.ResourceEstimate.mul;
import static org.groklab.kind.ResourceEstimate.sum;

import org.groklab.kind.ResourceEstimate;
import org.groklab.spec.RunSpec;

/**
 * The heap of a set-task run, counted from the arrays {@link CtrnnKind#setup} and {@link Ctrnn} allocate: every trial
 * as T steps of inputs and a target, and the per-step state of the largest forward pass (the training or validation
 * trials when they are evaluated). Training trials are at most 36 per relation's base count: Appendix D's rebalancing
 * gives the rarer label's relations as many trials in all as the common label's 18 relations.
 */
final class CtrnnMemory {
    private CtrnnMemory() {
    }

    static ResourceEstimate of(RunSpec spec) {
        SetTaskSpec t = (SetTaskSpec) spec.task();
        CtrnnSpec m = (CtrnnSpec) spec.model();
        long n = m.neurons();
        long in = t.inputDim();
        long train = add(mul(36, t.trialsPerRelation()), Relation.COUNT);
        long validation = mul(Relation.COUNT, t.validationPerRelation());
        long trials = add(train, validation);
        long stored = sum(mul(mul(trials, t.steps()), add(in, 2)), mul(2, mul(n, add(n, in))));
        long params = sum(mul(n, n), mul(n, in), mul(2, n), 1);
        // per trial step: inputs (packed and not), drive (packed and not), its gradient, rates, noise, outputs
        long rows = mul(Math.max(train, validation), t.steps());
        return ResourceEstimate.of("model.neurons, task.steps, task.trials_per_relation, task.validation_per_relation",
                params, ResourceEstimate.optimizerSlots(spec), stored, rows, sum(mul(2, in), mul(5, n), 4));
    }
}
