package org.groklab.kinds.ctrnn;

import static org.groklab.kind.ResourceEstimate.add;
import static org.groklab.kind.ResourceEstimate.mul;
import static org.groklab.kind.ResourceEstimate.sum;

import org.groklab.kind.ResourceEstimate;
import org.groklab.spec.RunSpec;

/**
 * The heap of a set-task run, counted from the arrays {@link CtrnnKind#setup} and {@link Ctrnn} allocate: every trial
 * as the inputs of the steps that show a colour and a target per step, and the state of the largest forward pass (the
 * training or validation trials when they are evaluated). Training trials are at most 36 per relation's base count:
 * Appendix D's rebalancing gives the rarer label's relations as many trials in all as the common label's 18
 * relations.
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
        long shown = mul(3, t.inputSteps()); // the steps of a trial that show a colour
        // every trial: the shown steps' inputs and step numbers, a target per step; the transposed weights
        long stored = sum(mul(trials, sum(mul(shown, add(in, 1)), t.steps(), 1)), mul(2, mul(n, add(n, in))));
        long params = sum(mul(n, n), mul(n, in), mul(2, n), 1);
        // per trial of the largest pass: per step its rates, the drive's gradient, noise and outputs; per shown step
        // its packed input and input drive
        long perTrial = add(mul(t.steps(), add(mul(3, n), 4)), mul(shown, add(in, n)));
        return ResourceEstimate.of("model.neurons, task.steps, task.trials_per_relation, task.validation_per_relation",
                params, ResourceEstimate.optimizerSlots(spec), stored, Math.max(train, validation), perTrial);
    }
}
