package org.groklab.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.groklab.run.EventUnits;
import org.groklab.run.MetricsTable;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/** Log axes with several labels, titles that fit, events on the learning curves named in steps and epochs. */
class FigureFixesTest {
    static XYChart chart() {
        return new XYChartBuilder().width(800).height(500).build();
    }

    @Test
    void dataWithinADecadeGetsALinearAxisWiderDataALogAxisOverWholeDecades() {
        XYChart narrow = chart();
        assertFalse(LogAxis.applyY(narrow, new double[] {0.0041, 0.032}), "0.004 to 0.032: under a decade");
        assertFalse(narrow.getStyler().isYAxisLogarithmic());
        XYChart wide = chart();
        assertTrue(LogAxis.applyY(wide, new double[] {3e-5, 0.02, Double.NaN, 0}, new double[] {1.1}));
        assertTrue(wide.getStyler().isYAxisLogarithmic());
        assertEquals(1e-5, wide.getStyler().getYAxisMin(), 1e-20);
        assertEquals(10, wide.getStyler().getYAxisMax(), 1e-12);
    }

    @Test
    void aLongTitleShrinksThenIsCutToFitItsChart() {
        XYChart c = new XYChartBuilder().width(400).height(300)
                .title("quick-modadd (3336dfe4f28e): Fourier spectrum at step 1500 (key: 14 11 7 2 13 8 3 4 10 12 5 1 "
                        + "9 15 6; run not generalized)").build();
        int before = c.getStyler().getChartTitleFont().getSize();
        FigureFiles.fitTitle(c);
        Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        int width = g.getFontMetrics(c.getStyler().getChartTitleFont()).stringWidth(c.getTitle());
        g.dispose();
        assertTrue(width <= 400 - 24, "title " + width + " px in a 400 px chart: " + c.getTitle());
        assertTrue(c.getStyler().getChartTitleFont().getSize() < before);
        assertTrue(c.getTitle().endsWith("\u2026"), c.getTitle());
        XYChart shortTitle = new XYChartBuilder().width(400).height(300).title("loss").build();
        FigureFiles.fitTitle(shortTitle);
        assertEquals("loss", shortTitle.getTitle());
        assertEquals(before, shortTitle.getStyler().getChartTitleFont().getSize());
    }

    @Test
    void learningCurvesMarkTheEventsOnBothCharts() {
        double[] step = {0, 100, 200, 300, 400};
        LearningCurves.Curves c = new LearningCurves.Curves(step, new double[] {1, 0.5, 0.1, 0.01, 0.001},
                new double[] {1, 1, 0.9, 0.5, 0.1}, new double[] {0, 0.5, 1, 1, 1}, new double[] {0, 0, 0.2, 0.9, 1});
        LearningCurves.Marks marks = new LearningCurves.Marks(null, List.of(
                new LearningCurves.Event("memorization (step 200)", 200, LearningCurves.Event.MEMORIZATION),
                new LearningCurves.Event("generalization (step 400)", 400, LearningCurves.Event.GENERALIZATION)));
        for (XYChart chart : List.of(LearningCurves.lossChart("t", c, marks, false),
                LearningCurves.accuracyChart("t", c, marks, true))) {
            assertTrue(chart.getSeriesMap().containsKey("memorization (step 200)"), chart.getSeriesMap().keySet()
                    .toString());
            assertTrue(chart.getSeriesMap().containsKey("generalization (step 400)"));
        }
    }

    @Test
    void eventsAreNamedInStepsAndWhereTheRunCountsEpochsInEpochsToo() {
        MetricsTable parity = new MetricsTable(Map.of("step", new double[] {0, 70, 140}, "epoch",
                new double[] {0, 7, 14}), 3);
        assertEquals("step 140, epoch 14", EventUnits.at(parity, 140));
        assertEquals("epoch 14, step 140", EventUnits.atEpoch(parity, 14));
        MetricsTable modular = new MetricsTable(Map.of("step", new double[] {0, 1400}), 2);
        assertEquals("step 1,400", EventUnits.at(modular, 1400));
    }
}
