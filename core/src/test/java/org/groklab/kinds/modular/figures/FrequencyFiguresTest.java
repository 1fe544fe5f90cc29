package org.groklab.kinds.modular.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/** Star and per-frequency figures: one colour per frequency, a legend that fits, key frequencies as ranges. */
class FrequencyFiguresTest {
    @Test
    void noTwoFrequenciesShareAColour() {
        for (int n : new int[] {5, 16, 17, 48}) {
            Set<Integer> colours = new HashSet<>();
            for (int g = 0; g < n; g++) {
                colours.add(FourierFigures.groupColor(g, n).getRGB());
            }
            assertEquals(n, colours.size(), n + " frequencies");
        }
    }

    @Test
    void theStarLegendIsAtTheRightAndTheChartTallEnoughForIt() {
        List<String> groups = new ArrayList<>();
        List<double[]> points = new ArrayList<>();
        for (int k = 1; k <= 48; k++) {
            groups.add("k=" + k);
            points.add(new double[] {Math.cos(k), Math.sin(k)});
        }
        XYChart withLegend = FourierFigures.stars("W2", groups, points, true);
        assertEquals(Styler.LegendPosition.OutsideE, withLegend.getStyler().getLegendPosition());
        assertTrue(withLegend.getHeight() >= 48 * 19, "48 legend lines in " + withLegend.getHeight() + " px");
        assertFalse(FourierFigures.stars("W1_a", groups, points, false).getStyler().isLegendVisible());
        Set<Color> used = new HashSet<>();
        withLegend.getSeriesMap().values().forEach(s -> used.add(s.getLineColor()));
        assertEquals(48, used.size());
    }

    @Test
    void keyFrequenciesAreWrittenAsRanges() {
        assertEquals("1-15", AnalysisFigures.ranges(List.of(14, 11, 7, 2, 13, 8, 3, 4, 10, 12, 5, 1, 9, 15, 6)));
        assertEquals("3, 7-9, 12", AnalysisFigures.ranges(List.of(12, 9, 3, 8, 7)));
    }

    @Test
    void atMostSixteenClassesAreLabelled() {
        assertEquals(1, FourierFigures.classLabelStep(16));
        assertEquals(2, FourierFigures.classLabelStep(31));
        assertEquals(5, FourierFigures.classLabelStep(67));
        assertEquals(10, FourierFigures.classLabelStep(113));
    }
}
