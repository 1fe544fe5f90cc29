package org.groklab.figures;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.groklab.figures.LearningCurves.Curves;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningCurvesTest {

    private static final List<String> EXPECTED_NAMES = List.of(
            "loss.png", "loss.svg", "accuracy.png", "accuracy.svg",
            "loss-logx.png", "loss-logx.svg", "accuracy-logx.png", "accuracy-logx.svg");

    @TempDir
    Path dir;

    /**
     * A grokking-like run: training memorises within ~1k steps while test accuracy stays at
     * chance and jumps to 1 around step 30k; evaluated on a log-spaced grid up to 1e5 steps.
     */
    private static Curves grokking() {
        int n = 200;
        double[] step = new double[n], trainLoss = new double[n], testLoss = new double[n];
        double[] trainAcc = new double[n], testAcc = new double[n];
        for (int i = 0; i < n; i++) {
            double s = Math.pow(10, 1 + 4.0 * i / (n - 1));
            step[i] = Math.rint(s);
            double memorised = 1 / (1 + Math.exp(-(Math.log10(s) - 2.7) * 8));
            double grokked = 1 / (1 + Math.exp(-(Math.log10(s) - 4.5) * 12));
            trainAcc[i] = 0.01 + 0.99 * memorised;
            testAcc[i] = 0.01 + 0.99 * grokked;
            trainLoss[i] = 4.6 * Math.exp(-6 * memorised) + 1e-6;
            testLoss[i] = 4.6 + 6 * memorised * (1 - grokked) - 4.59 * grokked;
        }
        return new Curves(step, trainLoss, testLoss, trainAcc, testAcc);
    }

    @Test
    void writesAllEightFiguresAsPngAndSvg() throws IOException {
        Path figures = dir.resolve("figures"); // does not exist yet: must be created
        List<Path> written = LearningCurves.write(figures, "modular addition p=97", grokking());

        assertEquals(EXPECTED_NAMES, written.stream().map(p -> p.getFileName().toString()).toList());
        for (Path p : written) {
            assertTrue(Files.isRegularFile(p), p + " missing");
            assertEquals(figures.toAbsolutePath(), p.toAbsolutePath().getParent());
            if (p.toString().endsWith(".png")) assertPng(p);
            else assertSvg(p);
        }
        try (Stream<Path> files = Files.list(figures)) {
            assertEquals(8, files.count(), "only the figures, no leftover temporary files");
        }
    }

    @Test
    void zeroStepsAndUnplottableValuesAreSkipped() throws IOException {
        double[] step = {0, 10, 100, 1000, 10000};
        double[] trainLoss = {Double.NaN, 0.0, 1e-3, Double.POSITIVE_INFINITY, -1.0};
        double[] testLoss = {5.0, 4.0, Double.NaN, 1e-8, 2.0};
        double[] trainAcc = {0.0, 0.5, Double.NaN, 1.0, 1.0};
        double[] testAcc = {0.0, 0.01, 0.02, Double.NEGATIVE_INFINITY, 1.0};
        Curves curves = new Curves(step, trainLoss, testLoss, trainAcc, testAcc);

        List<Path> written = assertDoesNotThrow(() -> LearningCurves.write(dir, "", curves));
        assertEquals(8, written.size());
        for (Path p : written) assertTrue(Files.size(p) > 0, p + " empty");
    }

    @Test
    void curvesWithoutAnyPlottablePointStillRender() {
        // Only step 0 and only non-positive losses: every log-axis series is empty.
        double[] one = {0};
        Curves degenerate = new Curves(one, new double[] {0}, new double[] {Double.NaN}, new double[] {0.5}, new double[] {0.5});
        assertDoesNotThrow(() -> LearningCurves.write(dir.resolve("degenerate"), "degenerate", degenerate));
        double[] none = {};
        Curves empty = new Curves(none, none, none, none, none);
        assertDoesNotThrow(() -> LearningCurves.write(dir.resolve("empty"), "empty", empty));
    }

    @Test
    void rewritingReplacesExistingFigures() throws IOException {
        LearningCurves.write(dir, "first", grokking());
        List<Path> again = LearningCurves.write(dir, "second", grokking());
        for (Path p : again) assertTrue(Files.isRegularFile(p));
        assertTrue(Files.readString(dir.resolve("loss.svg"), StandardCharsets.UTF_8).contains("<svg"));
    }

    @Test
    void curvesRejectMismatchedLengths() {
        double[] two = {1, 2};
        double[] three = {1, 2, 3};
        assertThrows(IllegalArgumentException.class, () -> new Curves(two, two, two, two, three));
        assertThrows(NullPointerException.class, () -> new Curves(two, two, null, two, two));
    }

    private static void assertPng(Path p) throws IOException {
        BufferedImage image = ImageIO.read(p.toFile());
        assertNotNull(image, p + " is not a decodable image");
        assertEquals(LearningCurves.WIDTH, image.getWidth(), p.toString());
        assertEquals(LearningCurves.HEIGHT, image.getHeight(), p.toString());
    }

    private static void assertSvg(Path p) throws IOException {
        String svg = Files.readString(p, StandardCharsets.UTF_8);
        assertTrue(svg.startsWith("<?xml") || svg.startsWith("<svg"), p + " does not start with an XML/SVG header");
        assertTrue(svg.contains("<svg"), p + " has no <svg element");
    }

    @Test
    void anUnsettledRunDrawsItsTrendOnTheAccuracyChart() {
        Curves c = grokking();
        org.groklab.train.Trend t = new org.groklab.train.Trend("test_acc", 750, 1000, 0.08, 0.425, 0.34, 0.40);
        org.knowm.xchart.XYChart chart = LearningCurves.accuracyChart("run", c, new LearningCurves.Marks(t), false);
        assertTrue(chart.getSeriesMap().containsKey(
                "still improving: test acc +0.34 in the last 1/4"),
                chart.getSeriesMap().keySet().toString());
        assertEquals(2, LearningCurves.accuracyChart("run", c, LearningCurves.Marks.NONE, false).getSeriesMap().size());
    }
}
