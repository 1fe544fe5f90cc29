package org.groklab.kinds.ctrnn;

import java.util.ArrayList;
import java.util.List;

/**
 * The dynamics analyses of one trained network, data only (Murray, Figure 1): PCA of the rates of noise-free
 * trials, the mechanism with its fixed points, limit cycle and phase shifts, and the extracted automaton. The
 * trials analysed are the first {@code perRelation} training trials of every relation that has them and the first
 * of the validation trials of the others, so held-out relations are included.
 */
public final class CtrnnAnalysis {
    private CtrnnAnalysis() {
    }

    /** Everything the analyses found. */
    public record Report(RatePca pca, MechanismReport mechanism, ExtractedDfa dfa) {
    }

    public static Report analyse(Ctrnn model, SetTask task, int perRelation, long seed) {
        TrialRunner runner = new TrialRunner(new CtrnnMap(model), task);
        List<SetTrial> trials = new ArrayList<>();
        int[] taken = new int[Relation.COUNT];
        for (int[] ids : new int[][] {task.trainIds(), task.validationIds()}) {
            for (int id : ids) {
                SetTrial t = task.trial(id);
                int r = t.relation().id();
                if (taken[r] < perRelation) {
                    taken[r]++;
                    trials.add(t);
                }
            }
        }
        List<List<double[]>> states = new ArrayList<>();
        for (SetTrial t : trials) {
            states.add(runner.run(t, task.timing()));
        }
        RatePca pca = RatePca.fit(states, trials, task.timing(), 3);
        MechanismReport mech = new MechanismAnalysis(runner, task.timing()).analyse(states, seed);
        ExtractedDfa dfa = new DfaExtraction(runner, task.timing()).extract(mech.label(), mech.cycle());
        return new Report(pca, mech, dfa);
    }
}
