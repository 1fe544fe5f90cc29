package org.groklab.figures;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.DoublePredicate;
import org.groklab.io.AtomicFiles;
import org.groklab.train.Trend;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Learning-curve figures (loss and accuracy against training step) rendered headless with
 * XChart, each saved as PNG and SVG.
 *
 * <p>Points that a log axis cannot show are skipped rather than failing the whole figure:
 * non-finite values everywhere, non-positive losses on a log-scale loss axis, and steps
 * {@code <= 0} on the log-scale step axis (they are <em>dropped</em>, not moved to step 1, so
 * that no point is drawn at a step where it was not measured).
 */
public final class LearningCurves {

    static {
        // Must happen before AWT initialises; surefire sets it too, the CLI might not.
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    /** Figure width in pixels. */
    public static final int WIDTH = 800;
    /** Figure height in pixels. */
    public static final int HEIGHT = 500;

    private static final Color TRAIN_COLOR = new Color(0x1f, 0x77, 0xb4);
    private static final Color TEST_COLOR = new Color(0xd6, 0x27, 0x28);

    private LearningCurves() {}

    /**
     * Metrics recorded at evaluation steps; all arrays are parallel and of equal length.
     * Arrays are held by reference, not copied.
     *
     * @param step      training step of each evaluation
     * @param trainLoss loss on the training set
     * @param testLoss  loss on the held-out set
     * @param trainAcc  accuracy on the training set, in [0, 1]
     * @param testAcc   accuracy on the held-out set, in [0, 1]
     */
    public record Curves(double[] step, double[] trainLoss, double[] testLoss, double[] trainAcc, double[] testAcc) {

        /** Checks that no array is null and that all have the same length. */
        public Curves {
            int n = Objects.requireNonNull(step, "step").length;
            for (double[] a : new double[][] {trainLoss, testLoss, trainAcc, testAcc}) {
                if (Objects.requireNonNull(a, "metric array").length != n) {
                    throw new IllegalArgumentException("all curve arrays must have the same length as step (" + n + ")");
                }
            }
        }
    }

    /**
     * What the run's summary adds to its curves: the trend of an outcome that was not settled when the steps ran
     * out (null when settled or unknown), drawn as a dashed fitted line over its window on the accuracy charts, and
     * its memorization and generalization events, drawn as dashed vertical lines on every chart.
     */
    public record Marks(Trend trend, List<Event> events) {
        public static final Marks NONE = new Marks(null, List.of());

        public Marks(Trend trend) {
            this(trend, List.of());
        }
    }

    /** An event of the run drawn as a dashed vertical line: its legend label ("memorization (step 375)"). */
    public record Event(String label, double step, Color color) {
        /** The colours of the two events, as on the parity figures. */
        public static final Color MEMORIZATION = new Color(0xff7f0e);
        public static final Color GENERALIZATION = new Color(0x2ca02c);
    }

    /**
     * Writes {@code loss}, {@code accuracy}, {@code loss-logx} and {@code accuracy-logx}, each as
     * {@code .png} and {@code .svg}, into {@code figuresDir} (created if missing), replacing each
     * file atomically. Loss is plotted on a log-scale y axis, accuracy on a linear [0, 1] axis.
     *
     * @param figuresDir output directory
     * @param title      run description used as chart-title prefix; may be blank
     * @param curves     the metrics to plot
     * @return the written files, in the order listed above, PNG before SVG
     * @throws IOException if rendering or writing fails
     */
    public static List<Path> write(Path figuresDir, String title, Curves curves) throws IOException {
        return write(figuresDir, title, curves, true);
    }

    /** As {@link #write(Path, String, Curves)}; without {@code svg}, PNG only (the runs of a sweep: SVGs are large). */
    public static List<Path> write(Path figuresDir, String title, Curves curves, boolean svg) throws IOException {
        return write(figuresDir, title, curves, Marks.NONE, svg);
    }

    /** As {@link #write(Path, String, Curves, boolean)}, with the summary's {@link Marks}. */
    public static List<Path> write(Path figuresDir, String title, Curves curves, Marks marks, boolean svg)
            throws IOException {
        Files.createDirectories(figuresDir);
        List<Path> written = new ArrayList<>();
        for (boolean logX : new boolean[] {false, true}) {
            String suffix = logX ? "-logx" : "";
            written.addAll(save(lossChart(title, curves, marks, logX), figuresDir, "loss" + suffix, svg));
            written.addAll(save(accuracyChart(title, curves, marks, logX), figuresDir, "accuracy" + suffix, svg));
        }
        return written;
    }

    /** Train and test loss against step, log-scale y ({@link LogAxis}: linear when within a decade). */
    static XYChart lossChart(String title, Curves c, boolean logX) {
        return lossChart(title, c, Marks.NONE, logX);
    }

    /** As {@link #lossChart(String, Curves, boolean)}, with the events of the run's summary. */
    static XYChart lossChart(String title, Curves c, Marks marks, boolean logX) {
        XYChart chart = newChart(chartTitle(title, "loss", logX), "loss", logX);
        boolean logY = LogAxis.applyY(chart, c.trainLoss(), c.testLoss());
        chart.setYAxisTitle(logY ? "loss (log scale)" : "loss");
        DoublePredicate positive = logY ? v -> Double.isFinite(v) && v > 0 : Double::isFinite;
        addSeries(chart, "train loss", TRAIN_COLOR, c.step(), c.trainLoss(), logX, positive);
        addSeries(chart, "test loss", TEST_COLOR, c.step(), c.testLoss(), logX, positive);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] a : new double[][] {c.trainLoss(), c.testLoss()}) {
            for (double v : a) {
                if (positive.test(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo <= hi) {
            events(chart, marks, logX, lo, hi);
        }
        return chart;
    }

    /** Dashed vertical lines at the memorization and generalization events, labelled in the legend. */
    private static void events(XYChart chart, Marks marks, boolean logX, double lo, double hi) {
        for (Event e : marks.events()) {
            if (logX && e.step() <= 0) {
                continue;
            }
            XYSeries s = chart.addSeries(e.label(), new double[] {e.step(), e.step()}, new double[] {lo, hi});
            s.setMarker(SeriesMarkers.NONE);
            s.setLineColor(e.color());
            s.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
    }

    /** Train and test accuracy against step, y fixed to [0, 1]. */
    static XYChart accuracyChart(String title, Curves c, boolean logX) {
        return accuracyChart(title, c, Marks.NONE, logX);
    }

    /** As {@link #accuracyChart(String, Curves, boolean)}, with the marks of the run's summary. */
    static XYChart accuracyChart(String title, Curves c, Marks marks, boolean logX) {
        XYChart chart = newChart(chartTitle(title, "accuracy", logX), "accuracy", logX);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        addSeries(chart, "train accuracy", TRAIN_COLOR, c.step(), c.trainAcc(), logX, Double::isFinite);
        addSeries(chart, "test accuracy", TEST_COLOR, c.step(), c.testAcc(), logX, Double::isFinite);
        events(chart, marks, logX, 0, 1);
        Trend t = marks.trend();
        if (t != null && (!logX || t.fromStep() > 0)) {
            String name = (t.stillImproving() ? "still improving: " : "flat: ") + t.metric().replace("_acc", " acc")
                    + String.format(java.util.Locale.ROOT, " %+.2f in the last 1/4", t.rise());
            XYSeries fit = chart.addSeries(name, new double[] {t.fromStep(), t.toStep()},
                    new double[] {t.fitTo() - t.rise(), t.fitTo()});
            fit.setMarker(SeriesMarkers.NONE);
            fit.setLineColor(Color.BLACK);
            fit.setLineStyle(new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {7f, 4f}, 0f));
        }
        return chart;
    }

    private static String chartTitle(String title, String metric, boolean logX) {
        String base = title == null || title.isBlank() ? metric : title.strip() + ": " + metric;
        return logX ? base + " (log-scale step)" : base;
    }

    private static XYChart newChart(String title, String yLabel, boolean logX) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).xAxisTitle("step").yAxisTitle(yLabel).build();
        Styler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBorderColor(Color.WHITE);
        chart.getStyler().setXAxisLogarithmic(logX)
                .setXAxisDecimalPattern("#,##0") // whole steps: "12,000" rather than "1.2E4"
                .setXAxisTickMarkSpacingHint(90);
        FigureFiles.fitTitle(chart);
        return chart;
    }

    /**
     * Adds the plottable points of one metric. With {@code logX}, steps {@code <= 0} are dropped.
     * A series left without points is omitted (XChart rejects empty series).
     */
    private static void addSeries(XYChart chart, String name, Color color, double[] step, double[] values,
                                  boolean logX, DoublePredicate keepValue) {
        double[] xs = new double[step.length];
        double[] ys = new double[step.length];
        int n = 0;
        for (int i = 0; i < step.length; i++) {
            boolean keepStep = Double.isFinite(step[i]) && (!logX || step[i] > 0);
            if (keepStep && keepValue.test(values[i])) {
                xs[n] = step[i];
                ys[n] = values[i];
                n++;
            }
        }
        if (n == 0) return;
        XYSeries series = chart.addSeries(name, Arrays.copyOf(xs, n), Arrays.copyOf(ys, n));
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineStyle(new BasicStroke(1.8f));
    }

    /** Renders the chart to memory as PNG (and SVG), then writes the files atomically. */
    private static List<Path> save(XYChart chart, Path dir, String baseName, boolean vector) throws IOException {
        Path png = dir.resolve(baseName + ".png");
        Path svg = dir.resolve(baseName + ".svg");
        AtomicFiles.write(png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        if (!vector) {
            return List.of(png);
        }
        ByteArrayOutputStream svgBytes = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, svgBytes, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        AtomicFiles.write(svg, svgBytes.toByteArray());
        return List.of(png, svg);
    }
}
