package org.groklab.kinds.ctrnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.groklab.cli.Main;
import org.groklab.measure.Wilson;
import org.groklab.run.Summary;
import org.groklab.spec.SpecLoader;
import org.groklab.sweep.SweepDirectory;
import org.groklab.sweep.SweepPlan;
import org.groklab.sweep.SweepRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Figure 2 of a (tiny) sweep: counts per condition, number held out and tau, Wilson intervals, the figure. */
class CtrnnSweepAnalysisTest {
    @TempDir
    Path tmp;

    static final String SPEC = """
            name: fig2-test
            base:
              preset: murray-tau100
              set: {task.input_dim: 6, model.neurons: 6, task.trials_per_relation: 2, task.validation_per_relation: 2,
                    train.steps: 20, eval.every: 10, train.batch_size: 16, optimizer.lr: 0.05}
            axes:
              - zip:
                  - {field: task.hold_out, values: [both, invalid]}
                  - {field: task.held_out, values: [2, 1]}
              - {field: model.tau_ms, values: [10, 100]}
            seeds: 3
            """;

    @Test
    void analyzeOfASweepCountsGeneralizedRunsPerPointWithWilsonIntervalsAndDrawsFigure2() throws Exception {
        Path file = tmp.resolve("sweep.yaml");
        Files.writeString(file, SPEC);
        Path dir = tmp.resolve("sweep");
        SweepDirectory sweep = SweepDirectory.prepare(dir, SpecLoader.readFile(file, "SPEC"), SweepPlan.of(file));
        assertEquals(12, SweepRunner.run(sweep, 1, s -> { }).done());

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"analyze", dir.toString()}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(Main.OK, code, err.toString());

        // the expected counts, read independently from every run's summary.json
        int[][] expect = new int[4][2];
        for (SweepPlan.Run run : sweep.plan().runs()) {
            Summary s = SpecLoader.JSON.readValue(sweep.run(run.runId()).resolve("summary.json").toFile(),
                    Summary.class);
            SetTaskSpec task = (SetTaskSpec) run.spec().spec().task();
            CtrnnSpec model = (CtrnnSpec) run.spec().spec().model();
            int row = (task.holdOut() == SetTaskSpec.Condition.BOTH ? 0 : 2) + (model.tauMs() == 10 ? 0 : 1);
            expect[row][0]++;
            expect[row][1] += s.generalizationStep() != null ? 1 : 0;
        }
        List<String> csv = Files.readAllLines(dir.resolve(CtrnnSweepAnalysis.CSV));
        assertEquals("condition,held_out,tau_ms,runs,generalized,rate,wilson_low,wilson_high", csv.get(0));
        String[] keys = {"both,2,10,", "both,2,100,", "invalid,1,10,", "invalid,1,100,"};
        assertEquals(5, csv.size(), String.join("\n", csv));
        for (int i = 0; i < 4; i++) {
            String line = csv.get(i + 1);
            assertTrue(line.startsWith(keys[i]), line);
            String[] f = line.split(",");
            assertEquals(expect[i][0], Integer.parseInt(f[3]), line);
            assertEquals(3, expect[i][0], "three seeds per point");
            assertEquals(expect[i][1], Integer.parseInt(f[4]), line);
            Wilson.Interval w = Wilson.interval(expect[i][1], expect[i][0]);
            assertEquals(String.format(Locale.ROOT, "%.6f", w.lower()), f[6], line);
            assertEquals(String.format(Locale.ROOT, "%.6f", w.upper()), f[7], line);
        }
        assertTrue(out.toString().contains("Wilson 95% intervals"), out.toString());
        Path png = dir.resolve("figures/generalization-rates.png");
        var image = ImageIO.read(png.toFile());
        assertEquals(2 * 480, image.getWidth(), "one panel per condition present (both, invalid)");
    }

    @Test
    void sweepPlanOfTheOneMachineFigure2StatesItsUpdatesAndCoreHours() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"sweep", "plan", "--preset", "murray-fig2"}, new PrintWriter(out),
                new PrintWriter(err));
        assertEquals(Main.OK, code, err.toString());
        // 72 runs of at most 2,400 updates; each update of 256 trials at the measured 463 ms per 1,800 trials, plus
        // an evaluation of every trial each 40 updates at 18.1 ms per 256 trials
        double hours = 0;
        for (SweepPlan.Run run : SweepPlan.ofPreset("murray-fig2").runs()) {
            SetTaskSpec t = (SetTaskSpec) run.spec().spec().task();
            double trials = 1800.0 * (27 - t.heldOut()) / 27 + 50.0 * t.heldOut();
            hours += 2400 * (256 * 0.463 / 1800 + trials * 0.0181 / 256 / 40) / 3600;
        }
        String expect = String.format(Locale.ROOT, "at most 172,800 training updates in all: %,.1f core-hours", hours);
        assertTrue(out.toString().contains(expect), expect + " in\n" + out);
    }
}
