package org.groklab.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.groklab.data.Batch;
import org.groklab.math.PopulationKernels;
import org.groklab.model.Model;
import org.groklab.model.Param;
import org.groklab.model.Populable;
import org.groklab.model.Population;
import org.groklab.optim.Optimizer;
import org.groklab.spec.RunSpec;

/**
 * Trains several runs that differ only in their seed as one {@link Population}, in lockstep: one
 * {@link Trainer.Loop} per member does everything a solo run does around its updates (batches, metrics, events,
 * checkpoints, snapshots, through the member's own sink), while the gradients of all members come from one
 * population pass and one optimizer steps the interleaved parameters element by element. Before a member's loop
 * reads its parameters, the population copies them (and the optimizer state) back into the member. Every member so
 * writes the bytes of its solo run.
 *
 * <p>What a population does not support trains solo instead ({@link #population} returns null): fresh runs only
 * (an interrupted member resumes solo, to the same bytes), models that are not {@link Populable}, float64
 * parameters, gradient clipping (a norm over each member's whole gradient), a weight decay that switches on an
 * event (members reach events at different steps), and members whose specs differ in anything but the seed or whose
 * training sets differ in size.
 */
public final class PopulationTrainer {
    private PopulationTrainer() {
    }

    /** One member: its setup and where its loop's output goes. */
    public record Member(Setup setup, Events events, Trainer.Sink sink, Progress progress) {
    }

    /** The population of these runs' models, or null when they must train solo (see the class comment). */
    public static Population population(List<Setup> setups, PopulationKernels kernels) {
        if (setups.size() < 2 || !(setups.get(0).model() instanceof Populable first)) {
            return null;
        }
        RunSpec s0 = setups.get(0).spec();
        int trainSize = setups.get(0).split().trainBatch().size();
        List<Model> models = new ArrayList<>();
        for (Setup setup : setups) {
            RunSpec s = setup.spec();
            boolean sameButSeed = s.task().equals(s0.task()) && s.model().equals(s0.model())
                    && s.loss().equals(s0.loss()) && s.optimizer().equals(s0.optimizer())
                    && s.train().equals(s0.train()) && s.eval().equals(s0.eval())
                    && s.checkpoints().equals(s0.checkpoints())
                    && java.util.Objects.equals(s.snapshots(), s0.snapshots());
            boolean supported = s.optimizer().gradClip() <= 0
                    && (s.optimizer().decaySwitchAt() == null
                    || s.optimizer().decaySwitchAt() == RunSpec.DecaySwitch.NONE)
                    && setup.model().params().stream().noneMatch(Param::isFloat64)
                    && setup.split().trainBatch().size() == trainSize;
            if (!sameButSeed || !supported) {
                return null;
            }
            models.add(setup.model());
        }
        return first.population(models, kernels);
    }

    /**
     * Trains every member from step 0 to its end in lockstep; returns each member's result, in order. The
     * population must be {@link #population} of the members' setups.
     */
    public static List<Trainer.Result> run(List<Member> members, Population population) {
        int k = members.size();
        List<Trainer.Loop> loops = new ArrayList<>();
        for (Member m : members) {
            loops.add(new Trainer.Loop(m.setup(), -1, m.events(), m.sink(), m.progress()));
        }
        Setup first = members.get(0).setup();
        Optimizer optimizer = Setup.optimizer(first.spec().optimizer());
        population.load();
        Trainer.Result[] results = new Trainer.Result[k];
        Batch[] batches = new Batch[k];
        int active = k;
        for (long s = 0; active > 0; s++) {
            Batch any = null;
            Trainer.Loop lead = null;
            for (int i = 0; i < k; i++) {
                if (results[i] == null) {
                    batches[i] = loops.get(i).batch();
                    any = batches[i];
                    lead = loops.get(i);
                }
            }
            for (int i = 0; i < k; i++) {
                if (results[i] != null) {
                    batches[i] = any; // a finished member's lanes still compute, on a batch of the step's size; unread
                }
            }
            Trainer.Pass[] passes = new Trainer.Pass[k];
            boolean trains = lead.trains();
            if (trains) {
                float[][] out = population.forward(batches);
                float[][] dOut = new float[k][];
                for (int i = 0; i < k; i++) {
                    Setup setup = members.get(i).setup();
                    Model model = setup.model();
                    dOut[i] = new float[out[i].length];
                    double loss = Trainer.withRegularization(model, setup.loss().evaluate(out[i],
                            batches[i].targets(), batches[i].size(), model.outputs(), dOut[i]));
                    passes[i] = new Trainer.Pass(out[i], loss);
                }
                population.backward(dOut);
            }
            boolean stored = false;
            for (int i = 0; i < k; i++) {
                if (results[i] != null) {
                    continue;
                }
                Trainer.Loop loop = loops.get(i);
                if (!stored && loop.readsParameters(passes[i] == null ? Double.NaN : passes[i].loss())) {
                    population.store();
                    storeOptimizerState(optimizer, members);
                    stored = true;
                }
                results[i] = loop.afterGradients(passes[i]);
                if (results[i] != null) {
                    active--;
                }
            }
            if (active > 0) {
                optimizer.step(population.params(), first.learningRate().at(s));
                for (int i = 0; i < k; i++) {
                    if (results[i] == null) {
                        loops.get(i).updated();
                    }
                }
            }
        }
        return List.of(results);
    }

    /** Copies the population optimizer's interleaved state into every member's optimizer (for its checkpoints). */
    private static void storeOptimizerState(Optimizer optimizer, List<Member> members) {
        int k = members.size();
        Map<String, float[]> all = optimizer.state();
        List<Map<String, float[]>> each = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            each.add(new LinkedHashMap<>()); // the order of the state, as the member's own optimizer would hold it
        }
        for (Map.Entry<String, float[]> e : all.entrySet()) {
            float[] inter = e.getValue();
            String param = e.getKey().substring(e.getKey().indexOf('.') + 1);
            int len = members.get(0).setup().model().param(param).size();
            int width = inter.length / len;
            for (int i = 0; i < k; i++) {
                float[] mine = new float[len];
                for (int j = 0; j < len; j++) {
                    mine[j] = inter[j * width + i];
                }
                each.get(i).put(e.getKey(), mine);
            }
        }
        for (int i = 0; i < k; i++) {
            members.get(i).setup().optimizer().restore(each.get(i), optimizer.updates());
        }
    }
}
