package org.groklab.kinds.modular.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.groklab.cli.Main;
import org.groklab.run.RunDirectory;
import org.groklab.run.Runner;
import org.groklab.run.Summary;
import org.groklab.spec.SpecLoader;
import org.groklab.train.Progress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis of real (small, short) runs: quick-modadd at p = 23 groks in about 1,000 steps; the same network
 * on a random operation table only memorizes; its step-0 checkpoint is the untrained network.
 */
class RunAnalysisTest {
    @TempDir
    static Path tmp;

    static Path grokked;
    static Path randomOp;

    static List<String> small(String... more) {
        List<String> sets = new ArrayList<>(List.of("task.p=23", "model.width=128", "optimizer.lr=0.006",
                "train.steps=1500", "eval.every=50", "checkpoints.per_decade=2"));
        sets.addAll(List.of(more));
        return sets;
    }

    @BeforeAll
    static void train() {
        grokked = tmp.resolve("grokked");
        Summary g = Runner.train(SpecLoader.load("quick-modadd", null, small()), grokked, Progress.NONE);
        assertEquals("grok", g.outcome(), "the test's premise: this small run groks");
        randomOp = tmp.resolve("random");
        Summary r = Runner.train(SpecLoader.load("quick-modadd", null, small("task.operation=random", "train.steps=800")), randomOp,
                Progress.NONE);
        assertEquals("memorize-only", r.outcome(), "the test's premise: the random table is only memorized");
    }

    static RunAnalysis.Result grokkedAnalysis;

    static synchronized RunAnalysis.Result grokked() {
        if (grokkedAnalysis == null) {
            grokkedAnalysis = RunAnalysis.analyze(grokked, RunAnalysis.Options.defaults());
            try {
                org.groklab.kinds.modular.figures.AnalysisFigures.write(grokkedAnalysis); // drawn from the records
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return grokkedAnalysis;
    }

    @Test
    void grokkedRunHasKeyFrequenciesHoldingMostOfTheNormWhileRandomOpAndUntrainedNetworkHaveNone() {
        RunAnalysis.Result g = grokked();
        FourierAnalysis last = g.last().fourier();
        assertFalse(last.keyFrequencies().isEmpty(), "grokked run: key frequencies");
        assertTrue(last.keyWeight() > 0.6, "periodic neurons at key frequencies hold " + last.keyWeight());
        assertTrue(last.meanNeuronShare() > 0.6, "mean neuron share " + last.meanNeuronShare());

        FourierAnalysis untrained = g.steps().get(0).fourier();
        assertEquals(0, g.steps().get(0).step());
        assertEquals(List.of(), untrained.keyFrequencies(), "untrained network");
        assertTrue(untrained.periodicWeight() < 0.05, "untrained periodic weight " + untrained.periodicWeight());
        assertTrue(untrained.meanNeuronShare() < 0.35, "untrained mean share " + untrained.meanNeuronShare());

        RunAnalysis.Result r = RunAnalysis.analyze(randomOp, new RunAnalysis.Options(null, false));
        FourierAnalysis random = r.last().fourier();
        assertEquals(List.of(), random.keyFrequencies(), "random operation");
        assertTrue(random.periodicWeight() < 0.05, "random-op periodic weight " + random.periodicWeight());
        assertTrue(random.meanNeuronShare() < 0.35, "random-op mean share " + random.meanNeuronShare());
    }

    @Test
    void grokkedRunHasLowRestrictedLossAndHighExcludedLoss() {
        RunAnalysis.Result g = grokked();
        ProgressMeasures.Measures m = g.last().progress();
        // MSE of predicting 1/p everywhere: what a model that knows nothing about a+b gets
        double p = 23;
        double constant = (p - 1) / (p * p);
        assertTrue(m.restrictedLoss() < 0.2 * constant, "restricted " + m.restrictedLoss() + " vs " + constant);
        assertTrue(m.restrictedAcc() > 0.95, "restricted accuracy " + m.restrictedAcc());
        assertTrue(m.excludedLoss() > 0.5 * constant, "excluded " + m.excludedLoss() + " vs " + constant);
        assertTrue(m.excludedLoss() > 5 * m.trainLoss(), "excluded " + m.excludedLoss() + " train " + m.trainLoss());
        ProgressMeasures.Measures init = g.steps().get(0).progress();
        assertTrue(init.restrictedLoss() > 0.5 * constant, "restricted loss at init " + init.restrictedLoss());
    }

    @Test
    void alignmentWithTheConstructionsGrowsFromAboutZeroAtInitToMostOfTheWay() {
        RunAnalysis.Result g = grokked();
        assertTrue(Math.abs(g.steps().get(0).alignment()) < 0.15, "at init " + g.steps().get(0).alignment());
        assertTrue(g.last().alignment() > 0.6, "at the end " + g.last().alignment());
    }

    @Test
    void analysisJsonAndEveryFigureAreWrittenForEachCheckpoint() throws Exception {
        RunAnalysis.Result g = grokked();
        JsonNode json = SpecLoader.JSON.readTree(grokked.resolve(RunAnalysis.FILE).toFile());
        assertEquals(g.steps().size(), json.get("checkpoints").size());
        assertEquals(RunCheckpoints.list(RunDirectory.open(grokked)).size(), g.steps().size());
        List<Integer> keys = new ArrayList<>();
        json.get("key_frequencies").forEach(k -> keys.add(k.asInt()));
        assertEquals(g.keyFrequencies(), keys);
        assertEquals("grok", json.get("outcome").asText());
        assertEquals(128, json.get("neurons").size());
        assertEquals(128, json.get("matrices").get(0).get("neurons").size());
        assertTrue(json.get("checkpoints").get(0).get("restricted_loss").isNumber());
        for (String f : List.of("weights", "weights-sorted", "fourier-spectrum", "spectrum-over-training",
                "fourier-over-training", "activations", "stars", "frequency-logits", "progress-measures")) {
            Path png = grokked.resolve("figures").resolve(f + ".png");
            Path svg = grokked.resolve("figures").resolve(f + ".svg");
            assertTrue(Files.size(png) > 1000, png.toString());
            assertTrue(Files.readString(svg).contains("<svg"), svg.toString());
        }
    }

    @Test
    void analyzeCommandPrintsKeyFrequenciesAndRejectsBadInputWithExitTwo() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"analyze", randomOp.toString(), "--no-figures", "--input", "3,4"},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(Main.OK, code, err.toString());
        assertTrue(out.toString().contains("key frequencies: none of 11"), out.toString());
        assertTrue(out.toString().contains("outcome memorize-only"), out.toString());

        int bad = Main.run(new String[] {"analyze", randomOp.toString(), "--input", "3,99"}, new PrintWriter(out),
                new PrintWriter(err));
        assertEquals(Main.BAD_INPUT, bad);
        assertTrue(err.toString().contains("--input"), err.toString());
        assertEquals(Main.BAD_INPUT, Main.run(new String[] {"analyze", tmp.resolve("nothing").toString()},
                new PrintWriter(out), new PrintWriter(err)));
    }
}
