package org.groklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.groklab.run.RunDirectory;
import org.groklab.spec.SpecLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run cut short says so: quick-modadd stopped at 1,000 steps has memorized (step 375) and its test accuracy is
 * 0.425 and climbing, the case of a run that would grok with more steps. Its outcome is memorize-only, marked still
 * improving with the trend that shows it, in summary.json, on the terminal, in the runs view and in analyze.
 */
class UnsettledOutcomeTest {
    @TempDir
    static Path tmp;
    static Path run;
    static CliRunner.Result trained;

    @BeforeAll
    static void train() {
        run = tmp.resolve("cut-short");
        trained = CliRunner.run("train", "--preset", "quick-modadd", "--set", "train.steps=1000", "--out",
                run.toString(), "--quiet");
        assertEquals(0, trained.code(), trained.toString());
    }

    @Test
    void summaryJsonSaysTheOutcomeIsNotSettled() throws Exception {
        JsonNode s = SpecLoader.JSON.readTree(run.resolve("summary.json").toFile());
        assertEquals("memorize-only", s.get("outcome").asText());
        assertTrue(s.get("still_improving").asBoolean(), s.toString());
        JsonNode t = s.get("trend");
        assertEquals("test_acc", t.get("metric").asText());
        assertEquals(750, t.get("from_step").asLong());
        assertEquals(1000, t.get("to_step").asLong());
        assertEquals(0.425, t.get("to_value").asDouble(), 1e-9, "the final test accuracy");
        assertTrue(t.get("rise").asDouble() > 0.3, "test accuracy rose from 0.08 to 0.425: " + t);
    }

    @Test
    void theTerminalSaysMoreStepsMayChangeTheOutcome() {
        assertTrue(trained.out().contains("outcome: memorize-only"), trained.out());
        assertTrue(trained.out().contains("not settled: still improving when the steps ran out (test accuracy "
                + "0.079 -> 0.425 over steps 750-1,000"), trained.out());
        assertTrue(trained.out().contains("--set train.steps=N"), trained.out());
    }

    @Test
    void theRunsViewHasStillImproving() {
        CliRunner.Result q = CliRunner.run("query", run.toString(), "SELECT outcome, still_improving, "
                + "round(trend_rise, 2) FROM runs", "--csv");
        assertEquals(0, q.code(), q.toString());
        assertEquals("memorize-only,true,0.34", q.out().lines().skip(1).findFirst().orElseThrow(), q.out());
    }

    @Test
    void analyzeSaysItsKeyFrequenciesAreOfANetworkThatHasNotGeneralized() throws Exception {
        CliRunner.Result a = CliRunner.run("analyze", run.toString(), "--no-figures");
        assertEquals(0, a.code(), a.toString());
        assertTrue(a.out().contains("NOTE: this run did not generalize (outcome memorize-only, final test accuracy "
                + "0.425, still improving when its steps ran out): its key frequencies are those of a network that "
                + "has not generalized"), a.out());
        JsonNode j = SpecLoader.JSON.readTree(run.resolve("analysis.json").toFile());
        assertTrue(!j.get("generalized").asBoolean(), j.get("generalized").toString());
        assertTrue(j.get("caveat").asText().contains("did not generalize"));
    }

    @Test
    void aSummaryWrittenBeforeTheTrendExistedStillReads(@TempDir Path copy) throws Exception {
        Path old = copy.resolve("old");
        Files.createDirectories(old);
        for (String f : new String[] {"config.json", "split.json", "metrics.csv", "timing.csv"}) {
            Files.copy(run.resolve(f), old.resolve(f));
        }
        ObjectNode s = (ObjectNode) SpecLoader.JSON.readTree(run.resolve("summary.json").toFile());
        s.remove("still_improving");
        s.remove("trend");
        Files.writeString(old.resolve("summary.json"), SpecLoader.JSON.writeValueAsString(s));
        var summary = RunDirectory.open(old).readSummary();
        assertNull(summary.stillImproving());
        assertNull(summary.trend());
        CliRunner.Result q = CliRunner.run("query", old.toString(), "SELECT outcome, still_improving FROM runs",
                "--csv");
        assertEquals(0, q.code(), q.toString());
        assertEquals("memorize-only,", q.out().lines().skip(1).findFirst().orElseThrow(), q.out());
    }
}
