package org.groklab.kinds.modular.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.groklab.io.AtomicFiles;
import org.groklab.run.Version;
import org.groklab.spec.SpecLoader;

/**
 * {@code analysis.json}, written atomically: the definitions' thresholds, the key frequencies and per-neuron
 * structure of the last checkpoint, and per checkpoint the sparsity, structure, alignment and progress measures.
 * Numbers that are not defined (NaN) are written as null.
 */
public final class AnalysisJson {
    private AnalysisJson() {
    }

    public static Path write(RunAnalysis.Result r, List<Path> figures) throws IOException {
        ObjectNode root = SpecLoader.JSON.createObjectNode();
        var spec = r.setup().spec();
        RunAnalysis.Step last = r.last();
        FourierAnalysis fa = last.fourier();
        root.put("groklab_version", Version.VERSION);
        root.put("run_id", r.run().runId());
        root.put("name", spec.name());
        root.put("model", spec.model().type());
        root.put("p", fa.p());
        root.put("operation", org.groklab.spec.Words.of(org.groklab.kinds.modular.task.ModularTaskSpec.of(spec).operation()));
        root.put("outcome", r.outcome());
        String caveat = RunAnalysis.caveat(r);
        root.put("generalized", caveat == null);
        if (caveat != null) {
            root.put("caveat", caveat);
        }
        root.put("final_step", last.step());
        ObjectNode rules = root.putObject("rules");
        rules.put("periodic_neuron", "at least " + FourierAnalysis.PERIODIC_SHARE + " of the neuron's normalized "
                + "non-constant Fourier power (summed over its matrices) at one frequency");
        rules.put("key_frequency", "the periodic neurons of that frequency weigh at least 1/(2K) of the model, K = "
                + "floor(p/2)");
        rules.put("key_frequency_threshold", 1.0 / (2 * fa.basis().frequencies()));
        rules.put("restricted_loss", "loss over every example of the logits' per-class mean plus their key-"
                + "frequency components in a+b (a-b for sub)");
        rules.put("excluded_loss", "loss over the training examples of the logits minus those components");
        ArrayNode keys = root.putArray("key_frequencies");
        fa.keyFrequencies().forEach(keys::add);
        put(root, "key_weight", fa.keyWeight());
        put(root, "key_power_share", fa.keyPowerShare());
        put(root, "periodic_weight", fa.periodicWeight());
        put(root, "mean_neuron_share", fa.meanNeuronShare());
        put(root, "alignment", last.alignment());
        array(root.putArray("spectrum"), fa.spectrum());
        array(root.putArray("periodic_weight_by_frequency"), fa.periodicWeights());
        ArrayNode input = root.putArray("logits_input");
        input.add(r.inputA()).add(r.inputB());

        ArrayNode matrices = root.putArray("matrices");
        for (FourierAnalysis.Matrix m : fa.matrices()) {
            ObjectNode mn = matrices.addObject();
            mn.put("name", m.name());
            mn.put("role", m.matrix().role().name().toLowerCase(java.util.Locale.ROOT));
            put(mn, "gini", m.gini());
            put(mn, "ipr", m.ipr());
            put(mn, "neuron_ipr", m.neuronIpr());
            put(mn, "constant_power", m.constantPower());
            put(mn, "power", m.totalPower());
            array(mn.putArray("spectrum"), m.shares());
            ArrayNode neurons = mn.putArray("neurons");
            for (FourierAnalysis.Neuron n : m.neurons()) {
                ObjectNode nn = neurons.addObject();
                nn.put("neuron", n.index());
                nn.put("frequency", n.frequency());
                put(nn, "phase", n.phase());
                put(nn, "share", n.share());
                put(nn, "power", n.power());
                put(nn, "constant", n.coefficients().constant());
                put(nn, "cos", n.frequency() == 0 ? 0 : n.coefficients().cos(n.frequency()));
                put(nn, "sin", n.frequency() == 0 ? 0 : n.coefficients().sin(n.frequency()));
            }
        }
        double[] align = Alignment.perNeuron(fa, r.operation());
        ArrayNode units = root.putArray("neurons");
        for (FourierAnalysis.Unit u : fa.units()) {
            ObjectNode un = units.addObject();
            un.put("neuron", u.index());
            un.put("frequency", u.frequency());
            put(un, "share", u.share());
            put(un, "weight", u.weight());
            un.put("periodic", u.periodic());
            put(un, "alignment", align == null ? Double.NaN : align[u.index()]);
        }
        ArrayNode steps = root.putArray("checkpoints");
        for (RunAnalysis.Step s : r.steps()) {
            FourierAnalysis f = s.fourier();
            ObjectNode sn = steps.addObject();
            sn.put("step", s.step());
            ObjectNode gini = sn.putObject("gini");
            ObjectNode ipr = sn.putObject("ipr");
            ObjectNode nipr = sn.putObject("neuron_ipr");
            for (FourierAnalysis.Matrix m : f.matrices()) {
                put(gini, m.name(), m.gini());
                put(ipr, m.name(), m.ipr());
                put(nipr, m.name(), m.neuronIpr());
            }
            ArrayNode k = sn.putArray("key_frequencies");
            f.keyFrequencies().forEach(k::add);
            put(sn, "periodic_weight", f.periodicWeight());
            put(sn, "mean_neuron_share", f.meanNeuronShare());
            put(sn, "alignment", s.alignment());
            ProgressMeasures.Measures pm = s.progress();
            put(sn, "train_loss", pm.trainLoss());
            put(sn, "test_loss", pm.testLoss());
            put(sn, "restricted_loss", pm.restrictedLoss());
            put(sn, "restricted_acc", pm.restrictedAcc());
            put(sn, "excluded_loss", pm.excludedLoss());
            put(sn, "excluded_acc", pm.excludedAcc());
            array(sn.putArray("spectrum"), f.spectrum());
        }
        ArrayNode files = root.putArray("figures");
        for (Path f : figures) {
            files.add(f.getFileName().toString());
        }
        Path out = r.run().root().resolve(RunAnalysis.FILE);
        AtomicFiles.writeString(out, SpecLoader.JSON.writeValueAsString(root) + "\n");
        return out;
    }

    private static void put(ObjectNode n, String key, double v) {
        if (Double.isFinite(v)) {
            n.put(key, v);
        } else {
            n.putNull(key);
        }
    }

    private static void array(ArrayNode a, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                a.add(v);
            } else {
                a.addNull();
            }
        }
    }
}
