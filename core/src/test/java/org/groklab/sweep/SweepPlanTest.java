package org.groklab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.groklab.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepPlanTest {
    @TempDir
    Path tmp;

    Path write(String yaml) throws IOException {
        Path f = tmp.resolve("sweep-" + Math.abs(yaml.hashCode()) + ".yaml");
        Files.writeString(f, yaml);
        return f;
    }

    static final String BASE = "name: t\nbase: {preset: quick-modadd, set: {train.steps: 10}}\n";

    @Test
    void expandsTheCartesianProductFirstAxisOutermostTimesSeeds() throws IOException {
        SweepPlan plan = SweepPlan.of(write(BASE + """
                axes:
                  - {field: task.train_fraction, values: [0.3, 0.5]}
                  - {field: optimizer.weight_decay, values: [0.0, 0.1, 1.0]}
                seeds: 2
                """));
        assertEquals(6, plan.cells().size());
        assertEquals(12, plan.runs().size());
        assertEquals(List.of("task.train_fraction", "optimizer.weight_decay"), plan.fields());
        assertEquals("task.train_fraction=0.3 optimizer.weight_decay=1.0", plan.cells().get(2).label());
        assertEquals("task.train_fraction=0.5 optimizer.weight_decay=0.0", plan.cells().get(3).label());
        SweepPlan.Run r = plan.runs().get(5);
        assertEquals(2, r.cell());
        assertEquals(1, r.seed());
        assertEquals(0.3, ((org.groklab.kinds.modular.task.ModularTaskSpec) r.spec().spec().task()).trainFraction());
        assertEquals(1.0, r.spec().spec().optimizer().weightDecay());
        assertEquals(10, r.spec().spec().train().steps());
        assertEquals("t", r.spec().spec().name());
    }

    @Test
    void linearLogAndZippedAxes() throws IOException {
        SweepPlan plan = SweepPlan.of(write(BASE + """
                axes:
                  - {field: optimizer.weight_decay, log: {from: 0.01, to: 1, count: 3}}
                  - zip:
                      - {field: task.train_fraction, linear: {from: 0.3, to: 0.7, count: 3}}
                      - {field: optimizer.lr, values: [0.001, 0.002, 0.003]}
                seeds: [5, 7]
                """));
        assertEquals(9, plan.cells().size());
        assertEquals(18, plan.runs().size());
        assertEquals("optimizer.weight_decay=0.1 task.train_fraction=0.5 optimizer.lr=0.002",
                plan.cells().get(4).label());
        assertEquals(7, plan.runs().get(1).seed());
    }

    @Test
    void theSameSpecNamesTheSameRunsAndAnotherSpecOthers() throws IOException {
        String yaml = BASE + "axes: [{field: optimizer.weight_decay, values: [0.0, 0.1]}]\nseeds: 2\n";
        SweepPlan a = SweepPlan.of(write(yaml));
        SweepPlan b = SweepPlan.of(write(yaml + "\n"));
        assertEquals(a.hash(), b.hash());
        assertEquals(a.runs().stream().map(SweepPlan.Run::runId).toList(),
                b.runs().stream().map(SweepPlan.Run::runId).toList());
        SweepPlan c = SweepPlan.of(write(yaml.replace("0.1]", "0.2]")));
        assertNotEquals(a.hash(), c.hash());
        assertEquals(a.runs().get(0).runId(), c.runs().get(0).runId(), "a shared cell keeps its run ids");
    }

    @Test
    void identicalRunsArePlannedOnce() throws IOException {
        SweepPlan plan = SweepPlan.of(write(BASE + "axes: [{field: optimizer.weight_decay, values: [0.1, 0.1]}]\n"));
        assertEquals(2, plan.cells().size());
        assertEquals(1, plan.runs().size());
    }

    @Test
    void samplingPicksASeededSubsetOfCells() throws IOException {
        String yaml = BASE + "axes: [{field: optimizer.weight_decay, linear: {from: 0, to: 1, count: 11}}]\n";
        SweepPlan a = SweepPlan.of(write(yaml + "sample: {count: 4, seed: 1}\n"));
        SweepPlan b = SweepPlan.of(write(yaml + "sample: {count: 4, seed: 1}\n\n"));
        assertEquals(4, a.cells().size());
        assertEquals(a.hash(), b.hash());
        assertNotEquals(a.hash(), SweepPlan.of(write(yaml + "sample: {count: 4, seed: 2}\n")).hash());
    }

    @Test
    void theDemoPresetPlans() {
        SweepPlan plan = SweepPlan.ofPreset("demo-modadd");
        assertEquals(75, plan.runs().size());
    }

    private SpecException bad(String yaml) {
        return assertThrows(SpecException.class, () -> SweepPlan.of(write(yaml)));
    }

    @Test
    void badSpecsAreRejectedWithTheFieldNamed() throws IOException {
        assertTrue(bad(BASE + "axes: [{field: model.widht, values: [1, 2]}]\n").getMessage().contains("model.widht"));
        assertTrue(bad(BASE + "axes: [{field: model.width, values: []}]\n").getMessage().contains("axes[0]"));
        assertTrue(bad(BASE + "axes: [{field: model.width, values: [0]}]\n").getMessage().contains("model.width"));
        assertTrue(bad(BASE + "axes: [{field: model.width}]\n").getMessage().contains("axes[0]"));
        assertTrue(bad(BASE + "axes: [{zip: [{field: model.width, values: [1, 2]}, "
                + "{field: seed, values: [1]}]}]\n").getMessage().contains("zip"));
        assertTrue(bad(BASE + "axes: [{field: model.width, values: [4]}]\nseeds: 0\n").getMessage()
                .startsWith("seeds"));
        assertTrue(bad(BASE + "axes: [{field: model.width, values: [4]}]\ncolour: red\n").getMessage()
                .startsWith("colour"));
        assertTrue(bad("name: t\naxes: [{field: model.width, values: [4]}]\n").getMessage().startsWith("base"));
        assertTrue(bad(BASE + "axes: []\n").getMessage().startsWith("axes"));
        assertTrue(bad(BASE + "axes: [{field: model.width, values: [4]}\n").getMessage().startsWith("SPEC"));
        assertTrue(bad("name: t\nbase: {preset: nope}\naxes: [{field: model.width, values: [4]}]\n").getMessage()
                .contains("nope"));
    }
}
