package org.groklab.kinds.modular.figures;

import org.groklab.figures.FigureFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoublePredicate;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The line and scatter figures of a Fourier analysis (XChart): spectra, measures over training, star plots,
 * per-frequency logits and progress measures. Each takes plain arrays; {@code org.groklab.analysis} fills them.
 */
public final class FourierFigures {
    public static final int WIDTH = 800;
    public static final int HEIGHT = 500;

    /** Distinct colours, cycled. */
    public static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf), new Color(0x393b79), new Color(0x637939),
            new Color(0xad494a), new Color(0x8ca252), new Color(0x7b4173), new Color(0x3182bd)};

    /** One named line: y against x, with a marker at every point or not. */
    public record Line(String name, double[] x, double[] y, boolean markers) {
        public Line(String name, double[] x, double[] y) {
            this(name, x, y, true);
        }
    }

    private FourierFigures() {
    }

    /** A chart with groklab's look: white, legend below. */
    public static XYChart chart(String title, String xLabel, String yLabel, int width, int height) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        Styler s = chart.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        org.groklab.figures.FigureFiles.fitTitle(chart);
        return chart;
    }

    /**
     * The colour of group {@code g} of {@code n} (e.g. the key frequencies, in increasing order): the palette while
     * it lasts, otherwise hues spread by the golden angle at three saturation and brightness levels, so that no two
     * groups of a figure share a colour.
     */
    public static Color groupColor(int g, int n) {
        if (n <= PALETTE.length) {
            return PALETTE[g];
        }
        float hue = (float) ((g * 0.6180339887498949) % 1.0);
        float[][] levels = {{0.80f, 0.85f}, {0.55f, 0.65f}, {0.95f, 0.55f}};
        float[] l = levels[g % 3];
        return Color.getHSBColor(hue, l[0], l[1]);
    }

    /**
     * Puts the legend at the right, one entry a line (a legend below the chart runs off its edge when it holds many
     * frequencies); {@link #heightFor} makes the chart tall enough for it.
     */
    static void legendAtRight(XYChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
    }

    /** The height a chart needs for a legend of {@code entries} lines at the right, at least {@code base}. */
    static int heightFor(int entries, int base) {
        return Math.max(base, 90 + 19 * entries);
    }

    /** Adds the points that {@code keep} accepts (a series left empty is skipped: XChart rejects it). */
    public static XYSeries add(XYChart chart, String name, double[] x, double[] y, Color color, boolean markers,
                               DoublePredicate keepX, DoublePredicate keepY) {
        double[] xs = new double[x.length];
        double[] ys = new double[x.length];
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(x[i]) && Double.isFinite(y[i]) && keepX.test(x[i]) && keepY.test(y[i])) {
                xs[n] = x[i];
                ys[n] = y[i];
                n++;
            }
        }
        if (n == 0) {
            return null;
        }
        XYSeries s = chart.addSeries(name, Arrays.copyOf(xs, n), Arrays.copyOf(ys, n));
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setLineStyle(new BasicStroke(1.6f));
        s.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        return s;
    }

    /** Each matrix's share of power per frequency 1..K, key frequencies marked in the title. */
    public static List<Path> spectrum(Path dir, String title, List<String> matrices, List<double[]> shares)
            throws IOException {
        XYChart chart = chart(title, "frequency k", "share of the matrix's Fourier power", WIDTH, HEIGHT);
        int kMax = shares.get(0).length;
        double[] k = new double[kMax];
        for (int i = 0; i < kMax; i++) {
            k[i] = i + 1;
        }
        for (int m = 0; m < matrices.size(); m++) {
            add(chart, matrices.get(m), k, shares.get(m), PALETTE[m % PALETTE.length], true, v -> true, v -> true);
        }
        chart.getStyler().setXAxisMin(0.5).setXAxisMax(kMax + 0.5).setYAxisMin(0.0).setXAxisDecimalPattern("#0");
        return FigureFiles.save(dir, "fourier-spectrum", chart);
    }

    /**
     * Lines against the training step on a log axis (step 0 is left out there), one chart per group of lines,
     * two per row; per chart a log y axis or not, and a fixed y range ({@code yRanges[c]} = {min, max}) or null
     * for an automatic one.
     */
    public static List<Path> overTraining(Path dir, String name, List<String> titles, List<String> yLabels,
                                          List<List<Line>> charts, boolean[] logY, double[][] yRanges)
            throws IOException {
        List<XYChart> out = new ArrayList<>();
        for (int c = 0; c < charts.size(); c++) {
            XYChart chart = chart(titles.get(c), "step", yLabels.get(c), 640, 460);
            chart.getStyler().setXAxisLogarithmic(true).setXAxisDecimalPattern("#,##0");
            boolean log = logY[c];
            if (log) {
                List<double[]> ys = charts.get(c).stream().map(Line::y).toList();
                log = org.groklab.figures.LogAxis.applyY(chart, ys.toArray(double[][]::new));
            }
            if (yRanges != null && yRanges[c] != null) {
                chart.getStyler().setYAxisMin(yRanges[c][0]).setYAxisMax(yRanges[c][1]);
            }
            boolean any = false;
            List<Line> lines = charts.get(c);
            for (int i = 0; i < lines.size(); i++) {
                Line l = lines.get(i);
                any |= add(chart, l.name(), l.x(), l.y(), PALETTE[i % PALETTE.length], l.markers(), v -> v > 0,
                        log ? v -> v > 0 : v -> true) != null;
            }
            if (!any) {
                add(chart, "(no data)", new double[] {1}, new double[] {log ? 1 : 0}, Color.LIGHT_GRAY, false,
                        v -> true, v -> true);
            }
            out.add(chart);
        }
        return FigureFiles.saveGrid(dir, name, out, 2);
    }

    /**
     * PAIR's star plots: for each frequency group, the (cos, sin) coefficients of its neurons at that frequency,
     * each joined to the origin. {@code points[g]} holds x0, y0, x1, y1, ... for group g.
     */
    public static XYChart stars(String title, List<String> groups, List<double[]> points) {
        return stars(title, groups, points, true);
    }

    /** As {@link #stars(String, List, List)}; {@code legend}: this panel carries the legend, at its right. */
    public static XYChart stars(String title, List<String> groups, List<double[]> points, boolean legend) {
        XYChart chart = chart(title, "cos coefficient", "sin coefficient", 560, heightFor(groups.size(), 540));
        if (legend) {
            legendAtRight(chart);
        } else {
            chart.getStyler().setLegendVisible(false);
        }
        double extent = 1e-12;
        for (int g = 0; g < groups.size(); g++) {
            double[] pts = points.get(g);
            int n = pts.length / 2;
            double[] xs = new double[3 * n];
            double[] ys = new double[3 * n];
            for (int i = 0; i < n; i++) {
                xs[3 * i + 1] = pts[2 * i];
                ys[3 * i + 1] = pts[2 * i + 1];
                extent = Math.max(extent, Math.max(Math.abs(pts[2 * i]), Math.abs(pts[2 * i + 1])));
            }
            XYSeries s = add(chart, groups.get(g), xs, ys, groupColor(g, groups.size()), true, v -> true, v -> true);
            if (s != null) {
                s.setMarker(SeriesMarkers.CIRCLE);
            }
        }
        double e = extent * 1.1;
        chart.getStyler().setXAxisMin(-e).setXAxisMax(e).setYAxisMin(-e).setYAxisMax(e);
        chart.getStyler().setMarkerSize(5);
        return chart;
    }

    /** Which classes get a label on the x axis: every 1st, 2nd, 5th, 10th... so that at most 16 are labelled. */
    static int classLabelStep(int classes) {
        for (int step : new int[] {1, 2, 5, 10, 20, 50, 100}) {
            if ((classes + step - 1) / step <= 16) {
                return step;
            }
        }
        return 1000;
    }

    /** The logits (total and per frequency group) against the class c, for one input. */
    public static List<Path> logits(Path dir, String title, List<String> groups, List<double[]> contributions,
                                    double[] total, int answer) throws IOException {
        XYChart chart = chart(title, "class c", "contribution to logit c", WIDTH, heightFor(groups.size() + 2, HEIGHT));
        legendAtRight(chart);
        double[] c = new double[total.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = i;
        }
        for (int g = 0; g < groups.size(); g++) {
            // neurons of no key frequency in grey, apart from the frequencies' colours
            boolean rest = groups.get(g).startsWith("other");
            XYSeries line = add(chart, groups.get(g), c, contributions.get(g),
                    rest ? new Color(0xaaaaaa) : groupColor(g, groups.size()), false, v -> true, v -> true);
            if (rest && line != null) {
                line.setLineStyle(new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                        new float[] {3f, 3f}, 0f));
            }
        }
        XYSeries t = add(chart, "all neurons", c, total, Color.BLACK, false, v -> true, v -> true);
        if (t != null) {
            t.setLineStyle(new BasicStroke(2.4f));
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] row : contributions) {
            for (double v : row) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        for (double v : total) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        XYSeries mark = chart.addSeries("answer c = " + answer, new double[] {answer, answer}, new double[] {lo, hi});
        mark.setLineColor(Color.GRAY);
        mark.setMarker(SeriesMarkers.NONE);
        mark.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f},
                0f));
        chart.getStyler().setXAxisDecimalPattern("#0");
        int every = classLabelStep(total.length);
        chart.setCustomXAxisTickLabelsFormatter(x -> Math.rint(x) % every == 0 ? Long.toString(Math.round(x)) : "");
        return FigureFiles.save(dir, "frequency-logits", chart);
    }
}
