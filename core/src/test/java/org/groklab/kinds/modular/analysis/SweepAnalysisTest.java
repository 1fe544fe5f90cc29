package org.groklab.kinds.modular.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.groklab.cli.Main;
import org.groklab.spec.SpecLoader;
import org.groklab.sweep.SweepDirectory;
import org.groklab.sweep.SweepPlan;
import org.groklab.sweep.SweepRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepAnalysisTest {
    @TempDir
    Path tmp;

    static final String SPEC = """
            name: analyze-test
            base: {preset: quick-modadd, set: {task.p: 13, model.width: 32, train.steps: 200, eval.every: 50}}
            axes:
              - {field: task.operation, values: [add, random]}
            seeds: 2
            """;

    @Test
    void analyzeOfASweepDirectoryAnalysesEveryFinishedRunAndTabulatesKeyFrequencyCounts() throws Exception {
        Path file = tmp.resolve("sweep.yaml");
        Files.writeString(file, SPEC);
        Path dir = tmp.resolve("sweep");
        SweepDirectory sweep = SweepDirectory.prepare(dir, SpecLoader.readFile(file, "SPEC"), SweepPlan.of(file));
        assertEquals(4, SweepRunner.run(sweep, 1, s -> { }).done());

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"analyze", dir.toString(), "--no-figures"}, new PrintWriter(out),
                new PrintWriter(err));
        assertEquals(Main.OK, code, err.toString());
        String text = out.toString();
        assertTrue(text.contains("sweep analyze-test: 4 of 4 runs finished and analysed"), text);
        assertTrue(text.contains("task.operation=add"), text);
        assertTrue(text.contains("task.operation=random"), text);

        List<String> csv = Files.readAllLines(dir.resolve(SweepAnalysis.CSV));
        assertEquals(5, csv.size(), String.join("\n", csv));
        assertTrue(csv.get(0).startsWith("run_id,cell,cell_label,seed,outcome,key_count,key_frequencies"));
        for (SweepPlan.Run run : sweep.plan().runs()) {
            assertTrue(Files.isRegularFile(sweep.run(run.runId()).resolve(RunAnalysis.FILE)), run.runId());
        }
    }

    @Test
    void tableCountsRunsPerCellOutcomeAndKeyFrequencyCount() {
        List<SweepAnalysis.Row> rows = List.of(
                new SweepAnalysis.Row("a", 0, "op=add", 0, "grok", List.of(4, 5, 7, 26), 0.9, 0, 0, 0),
                new SweepAnalysis.Row("b", 0, "op=add", 1, "grok", List.of(4, 9, 26), 0.9, 0, 0, 0),
                new SweepAnalysis.Row("c", 0, "op=add", 2, "grok", List.of(3, 7, 11, 30), 0.9, 0, 0, 0),
                new SweepAnalysis.Row("d", 1, "op=random", 0, "memorize-only", List.of(4, 13), 0, 0, 0, 0));
        String t = SweepAnalysis.table(new SweepAnalysis.Result("s", rows, 5, null));
        assertTrue(t.contains("sweep s: 4 of 5 runs finished and analysed"), t);
        assertTrue(t.matches("(?s).*op=add\\s+grok\\s+3\\s+3 \\(1\\), 4 \\(2\\).*"), t);
        assertTrue(t.matches("(?s).*op=random\\s+memorize-only\\s+1\\s+2 \\(1\\).*"), t);
        // the memorize-only run's frequencies (4, 13) are not counted among those of generalizing networks
        assertTrue(t.contains("most used key frequencies of the runs that generalized (runs): 4 (2) 7 (2) 26 (2) "
                + "3 (1)"), t);
        String none = SweepAnalysis.table(new SweepAnalysis.Result("s", List.of(rows.get(3)), 1, null));
        assertTrue(none.contains("no run generalized"), none);
        // 3 of 3: Wilson [0.44, 1]; 0 of 1: [0, 0.79]
        assertTrue(t.contains("op=add: generalized 3 of 3 runs (100%, Wilson 95% interval 44%-100%)"), t);
        assertTrue(t.contains("  seed 1 (grok): key frequencies [4 9 26]"), t);
        assertTrue(t.contains("op=random: generalized 0 of 1 runs (0%, Wilson 95% interval 0%-79%)"), t);
    }
}
