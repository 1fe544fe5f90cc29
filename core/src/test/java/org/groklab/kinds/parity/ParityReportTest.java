package org.groklab.kinds.parity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.groklab.spec.SpecLoader;
import org.groklab.sweep.SweepDirectory;
import org.groklab.sweep.SweepPlan;
import org.groklab.sweep.SweepRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParityReportTest {

    @Test
    void aLabelNoiseSweepPrintsTable31BesideTheThesisAndDrawsSeedFigures(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("noise.yaml");
        Files.writeString(spec, """
                name: tiny-table3.1
                base:
                  preset: quick-parity
                  set: {train.steps: 800, snapshots.every: 0, model.width: 32}
                axes:
                  - {field: task.n, values: [30]}
                  - {field: optimizer.weight_decay, values: [0.05]}
                  - {field: task.label_noise, values: [0.0, 0.45]}
                seeds: 1
                """);
        SweepPlan plan = SweepPlan.of(spec);
        SweepDirectory dir = SweepDirectory.prepare(tmp.resolve("sweep"), SpecLoader.readFile(spec, "SPEC"), plan);
        SweepRunner.run(dir, 2, s -> { });
        StringWriter text = new StringWriter();
        ParityReport.report(dir.root(), new PrintWriter(text, true));
        String out = text.toString();
        assertTrue(out.contains("Table 3.1"), out);
        // without noise the run generalizes; at p_t = 0.45 it cannot (nearly half the labels are wrong)
        assertTrue(out.lines().anyMatch(l -> l.startsWith("30 ") && l.contains("0 [0.12]")),
                "row n = 30: measured threshold 0, the thesis's 0.12 in brackets:\n" + out);
        assertTrue(out.contains("n/wd 30/0.05:  0: 1/1  0.45: 0/1"), out);
        assertTrue(Files.isRegularFile(dir.root().resolve("figures/parity-cell-000-accuracy.png")), "seed figures");
        assertTrue(Files.isRegularFile(dir.root().resolve("figures/parity-cells-norms.svg")), "overlay figures");
    }

    @Test
    void aRunReportPrintsEventsNormsAndTheDocumentsStatements(@TempDir Path tmp) {
        Path run = tmp.resolve("run");
        org.groklab.run.Runner.train(SpecLoader.load("quick-parity", null, java.util.List.of("snapshots.every=500")),
                run, org.groklab.train.Progress.NONE);
        org.groklab.render.RunFigures.draw(run, true); // as `groklab train` does after training
        assertTrue(Files.isRegularFile(run.resolve(ParityPanels.FILE)), "the panels' data, before any drawing");
        StringWriter text = new StringWriter();
        ParityReport.report(run, new PrintWriter(text, true));
        String out = text.toString();
        assertTrue(out.contains("outcome: grok"), out);
        assertTrue(out.contains("memorization epoch"), out);
        assertTrue(out.contains("spectral norm W1"), out);
        for (String f : new String[] {"norms.png", "relevant-share.svg", "kde.png", "tsne.png"}) {
            assertTrue(Files.isRegularFile(run.resolve("figures").resolve(f)), "figures/" + f);
        }
        RunMetrics m = RunMetrics.read(run);
        assertEquals(151, m.rows(), "one row per epoch");
        assertTrue(m.memorizationEpoch(SpecLoader.load("quick-parity", null, java.util.List.of()).spec()) > 0);
    }
}
