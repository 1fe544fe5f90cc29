package org.groklab.figures;

import org.groklab.cli.CliRunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.groklab.query.SweepDatabase;
import org.groklab.query.TinySweep;
import org.groklab.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;

/** Sweep figures: from a tiny real sweep through the command, and the charts on made-up outcome counts. */
class SweepFiguresTest {

    @TempDir
    Path tmp;

    private static CliRunner.Result cli(String... args) {
        return CliRunner.run(args);
    }

    private static void assertPng(Path png) throws Exception {
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, png + " decodes");
        assertEquals(SweepFigures.WIDTH, image.getWidth());
        assertEquals(SweepFigures.HEIGHT, image.getHeight());
    }

    @Test
    void figuresCommandWritesDecodableFiles() throws Exception {
        Path sweep = TinySweep.copy(tmp.resolve("sweep"));
        CliRunner.Result r = cli("sweep", "figures", sweep.toString());
        assertEquals(0, r.code(), r.toString());
        List<Path> files = r.out().lines().map(Path::of).toList();
        List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
        for (String expected : List.of("phase_optimizer.weight_decay_task.train_fraction.png",
                "rates_optimizer.weight_decay.png", "rates_task.train_fraction.png", "curves_test-accuracy.png",
                "curves_cell-000_accuracy.png", "curves_cell-003_loss.png")) {
            assertTrue(names.contains(expected), expected + " in " + names);
            assertTrue(names.contains(expected.replace(".png", ".svg")), expected + " as SVG in " + names);
        }
        for (Path f : files) {
            assertTrue(Files.isRegularFile(f), f.toString());
            assertEquals(sweep.resolve("figures"), f.getParent());
            if (f.toString().endsWith(".png")) {
                assertPng(f);
            } else {
                assertTrue(Files.readString(f, StandardCharsets.UTF_8).contains("<svg"), f.toString());
            }
        }
        try (var listing = Files.list(sweep.resolve("figures"))) {
            assertEquals(files.size(), listing.count(), "no temporary files left");
        }

        CliRunner.Result swapped = cli("sweep", "figures", sweep.toString(), "--x", "task.train_fraction", "--y",
                "optimizer.weight_decay");
        assertEquals(0, swapped.code(), swapped.toString());
        assertTrue(swapped.out().contains("phase_task.train_fraction_optimizer.weight_decay.png"), swapped.toString());
    }

    @Test
    void badFieldIsOneLineAndWritesNothing() {
        Path sweep = TinySweep.copy(tmp.resolve("sweep"));
        CliRunner.Result r = cli("sweep", "figures", sweep.toString(), "--x", "task.nope");
        assertEquals(2, r.code(), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());
        assertTrue(r.err().contains("task.nope") && r.err().contains("optimizer.weight_decay, task.train_fraction"),
                r.toString());
        assertFalse(Files.exists(sweep.resolve("figures")), "nothing written");
        CliRunner.Result same = cli("sweep", "figures", sweep.toString(), "--x", "task.train_fraction", "--y",
                "task.train_fraction");
        assertEquals(2, same.code(), same.toString());
        assertEquals(1, same.err().lines().count(), same.toString());
    }

    @Test
    void helpTexts() {
        CliRunner.Result sweep = cli("sweep", "--help");
        assertEquals(0, sweep.code(), sweep.toString());
        for (String command : List.of("table", "export", "figures")) {
            assertTrue(sweep.out().contains("  " + command + " "), command + " listed: " + sweep);
        }
        CliRunner.Result figures = cli("sweep", "figures", "--help");
        assertEquals(0, figures.code(), figures.toString());
        assertTrue(figures.out().contains("Wilson 95% intervals") && !figures.out().contains("%%"), figures.toString());
        CliRunner.Result query = cli("query", "--help");
        assertEquals(0, query.code(), query.toString());
        assertTrue(query.out().contains("DIR SQL"), query.toString());
    }

    @Test
    void phaseAxesDefaultsAndChecks() {
        List<String> two = List.of("a", "b");
        assertEquals(List.of("a", "b"), SweepFigures.phaseAxes(two, null, null));
        assertEquals(List.of("b", "a"), SweepFigures.phaseAxes(two, "b", null));
        assertEquals(List.of("b", "a"), SweepFigures.phaseAxes(two, null, "a"));
        assertEquals(List.of("c", "a"), SweepFigures.phaseAxes(List.of("a", "b", "c"), "c", null));
        assertNull(SweepFigures.phaseAxes(List.of("a"), null, null));
        SpecException one = assertThrows(SpecException.class, () -> SweepFigures.phaseAxes(List.of("a"), "a", null));
        assertEquals("--x", one.field());
        SpecException bad = assertThrows(SpecException.class, () -> SweepFigures.phaseAxes(two, null, "z"));
        assertEquals("--y: no swept field z; the swept fields are: a, b", bad.getMessage());
    }

    @Test
    void dominantOutcomeTiesGoToTheFixedOrder() {
        assertNull(SweepFigures.dominant(Map.of()));
        assertEquals("grok", SweepFigures.dominant(Map.of("grok", 3, "memorize-only", 2)));
        assertEquals("memorize-only", SweepFigures.dominant(Map.of("grok", 2, "memorize-only", 2)));
        assertEquals("no-learn", SweepFigures.dominant(Map.of("failed", 1, "no-learn", 1)));
        assertEquals(SweepDatabase.OUTCOMES, List.copyOf(SweepFigures.OUTCOME_COLORS.keySet()));
    }

    /** Made-up cells over an nx x ny grid, with a mix of outcomes and some unfinished runs. */
    private static List<SweepFigures.CellOutcomes> grid(int nx, int ny, String prefix) {
        List<SweepFigures.CellOutcomes> cells = new ArrayList<>();
        int i = 0;
        for (int x = 0; x < nx; x++) {
            for (int y = 0; y < ny; y++) {
                Map<String, String> values = new LinkedHashMap<>();
                values.put("x", prefix + x);
                values.put("y", prefix + "value-" + y);
                Map<String, Integer> counts = new LinkedHashMap<>();
                String o = SweepDatabase.OUTCOMES.get((x + 2 * y) % SweepDatabase.OUTCOMES.size());
                counts.put(o, 1 + (x % 3));
                if ((x + y) % 2 == 0) {
                    counts.put("grok", counts.getOrDefault("grok", 0) + 1);
                }
                cells.add(new SweepFigures.CellOutcomes(i++, values, 4, (x + y) % 5 == 0 ? Map.of() : counts));
            }
        }
        return cells;
    }

    @Test
    void categoricalChartsRenderForAnyGrid() {
        // XChart 3.8 widens its tick step until all tick labels are distinct; the categorical axes must never make
        // that loop run forever, whatever the number of categories or the length of their labels
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            int[][] sizes = {{1, 1}, {2, 2}, {3, 1}, {7, 3}, {25, 2}, {2, 25}};
            for (int[] s : sizes) {
                for (String prefix : List.of("", "a rather long label number ")) {
                    List<SweepFigures.CellOutcomes> cells = grid(s[0], s[1], prefix);
                    XYChart phase = SweepFigures.phaseDiagram(cells, "x", "y", List.of("x", "y", "z"));
                    decodes(phase);
                    decodes(SweepFigures.outcomeRates(cells, "x", List.of("x", "y")));
                    decodes(SweepFigures.outcomeRates(cells, "y", List.of("x", "y")));
                }
            }
        });
    }

    private static void decodes(XYChart chart) throws Exception {
        byte[] png = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        assertNotNull(ImageIO.read(new ByteArrayInputStream(png)));
    }

    @Test
    void thePhaseDiagramMarksCellsWithRunsStillImproving() {
        List<SweepFigures.CellOutcomes> cells = List.of(
                new SweepFigures.CellOutcomes(0, Map.of("x", "1", "y", "1"), 3, Map.of("memorize-only", 3), 2),
                new SweepFigures.CellOutcomes(1, Map.of("x", "2", "y", "1"), 3, Map.of("grok", 3), 0));
        XYChart phase = SweepFigures.phaseDiagram(cells, "x", "y", List.of("x", "y"));
        assertTrue(phase.getTitle().contains("*N: N still improving at the end"), phase.getTitle());
        XYChart settled = SweepFigures.phaseDiagram(List.of(cells.get(1)), "x", "y", List.of("x", "y"));
        assertFalse(settled.getTitle().contains("still improving"), settled.getTitle());
    }
}
