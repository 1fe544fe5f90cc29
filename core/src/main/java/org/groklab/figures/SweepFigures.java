package org.groklab.figures;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import org.groklab.measure.Wilson;
import org.groklab.io.AtomicFiles;
import org.groklab.spec.SpecException;
import org.groklab.train.Outcome;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Figures of a whole sweep, from its {@link SweepDatabase}, each written as PNG and SVG (atomically):
 * <ul>
 * <li>{@code phase_X_Y}: the grid of two swept fields, each square coloured by the cell's dominant outcome and
 * labelled "grokked/finished" (runs of cells that differ in other fields are pooled);</li>
 * <li>{@code rates_F}, for each swept field: the rate of each outcome against the field's values, with Wilson 95%
 * score intervals (runs pooled over the other fields);</li>
 * <li>{@code curves_test-accuracy}: mean test accuracy ± std across seeds, one line per cell (up to
 * {@value #MAX_OVERVIEW_CELLS} cells); {@code curves_cell-NNN_accuracy} and {@code curves_cell-NNN_loss}: train and
 * test accuracy (mean ± std) and loss (geometric mean ×/÷ geometric std, on a log axis) of each cell, against the
 * step on a log axis.</li>
 * </ul>
 * Only finished runs are drawn. The seeds of a cell share their spec apart from the seed, so they are evaluated at
 * the same steps and averaged step by step.
 */
public final class SweepFigures {

    static {
        // Must happen before AWT initialises; surefire sets it too, the CLI might not.
        if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
    }

    public static final int WIDTH = 800;
    public static final int HEIGHT = 600;
    static final int MAX_OVERVIEW_CELLS = 12;

    /** One fixed colour per outcome (light enough for black labels on top). */
    public static final Map<String, Color> OUTCOME_COLORS = outcomeColors();
    /** Darker twins for lines. */
    static final Map<String, Color> OUTCOME_LINE_COLORS = outcomeLineColors();
    static final Color NO_DATA = new Color(0xee, 0xee, 0xee);

    private static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c),
            new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
            new Color(0xbcbd22), new Color(0x17becf), new Color(0x393b79), new Color(0x637939)};
    private static final Color TRAIN_COLOR = new Color(0x1f, 0x77, 0xb4);
    private static final Color TEST_COLOR = new Color(0xd6, 0x27, 0x28);

    private SweepFigures() {
    }

    private static Map<String, Color> outcomeColors() {
        Map<String, Color> m = new LinkedHashMap<>();
        m.put("no-learn", new Color(0xc7, 0xc7, 0xc7));
        m.put("memorize-only", new Color(0xff, 0xbb, 0x78));
        m.put("grok", new Color(0x98, 0xdf, 0x8a));
        m.put("direct-generalize", new Color(0xae, 0xc7, 0xe8));
        m.put("diverged", new Color(0xc5, 0xb0, 0xd5));
        m.put("failed", new Color(0xff, 0x98, 0x96));
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, Color> outcomeLineColors() {
        Map<String, Color> m = new LinkedHashMap<>();
        m.put("no-learn", new Color(0x7f, 0x7f, 0x7f));
        m.put("memorize-only", new Color(0xff, 0x7f, 0x0e));
        m.put("grok", new Color(0x2c, 0xa0, 0x2c));
        m.put("direct-generalize", new Color(0x1f, 0x77, 0xb4));
        m.put("diverged", new Color(0x94, 0x67, 0xbd));
        m.put("failed", new Color(0xd6, 0x27, 0x28));
        return java.util.Collections.unmodifiableMap(m);
    }

    // ------------------------------------------------------------------------------------------------ data

    /** What the sweep figures draw: the swept fields, each cell's outcome counts and learning-curve statistics. */
    public record Input(List<String> fields, List<CellOutcomes> cells, Map<Integer, CellCurves> curves) {
    }

    /** The outcomes a run can have, in the order of the documentation. */
    public static final List<String> OUTCOMES = Arrays.stream(Outcome.values()).map(Outcome::label).toList();

    /**
     * A cell of the plan: its swept values as labels, runs planned, the outcome counts of its finished runs and how
     * many of them were still improving when their steps ran out (unsettled: more steps may change their outcome).
     */
    public record CellOutcomes(int cell, Map<String, String> values, int planned, Map<String, Integer> counts,
                               int stillImproving) {
        public CellOutcomes(int cell, Map<String, String> values, int planned, Map<String, Integer> counts) {
            this(cell, values, planned, counts, 0);
        }

        public int finished() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    static String label(JsonNode v) {
        return v.isTextual() ? v.asText() : v.toString();
    }

    /** The most frequent outcome, ties going to the earlier one in {@link SweepDatabase#OUTCOMES}; null if none. */
    public static String dominant(Map<String, Integer> counts) {
        String best = null;
        int bestCount = 0;
        for (String o : OUTCOMES) {
            int n = counts.getOrDefault(o, 0);
            if (n > bestCount) {
                best = o;
                bestCount = n;
            }
        }
        return best;
    }

    /**
     * The axes of the phase diagram: {@code x} and {@code y} when given (checked against the swept fields),
     * otherwise the first two swept fields; null when the sweep sweeps fewer than two fields and none was asked for.
     */
    public static List<String> phaseAxes(List<String> fields, String x, String y) {
        check("--x", x, fields);
        check("--y", y, fields);
        if (fields.size() < 2) {
            if (x != null || y != null) {
                throw new SpecException(x != null ? "--x" : "--y", "a phase diagram needs two swept fields; this "
                        + "sweep sweeps only " + String.join(", ", fields));
            }
            return null;
        }
        String ax = x != null ? x : fields.stream().filter(f -> !f.equals(y)).findFirst().orElseThrow();
        String ay = y != null ? y : fields.stream().filter(f -> !f.equals(ax)).findFirst().orElseThrow();
        if (ax.equals(ay)) {
            throw new SpecException("--y", "must differ from --x (" + ax + "); the swept fields are: "
                    + String.join(", ", fields));
        }
        return List.of(ax, ay);
    }

    private static void check(String option, String field, List<String> fields) {
        if (field != null && !fields.contains(field)) {
            throw new SpecException(option, "no swept field " + field + "; the swept fields are: "
                    + String.join(", ", fields));
        }
    }

    // ------------------------------------------------------------------------------------------------ writing

    /**
     * Writes every figure of the sweep into {@code dir}: the phase diagram over {@code x} and {@code y} (null: the
     * first two swept fields; skipped when fewer than two fields are swept), the outcome rates for each swept field
     * and the learning curves. Returns the written files, PNG before SVG. Nothing is drawn without finished runs.
     */
    public static List<Path> write(Input data, Path dir, String x, String y) throws IOException {
        List<String> phase = phaseAxes(data.fields(), x, y);
        List<Path> written = new ArrayList<>();
        if (data.cells().stream().allMatch(c -> c.finished() == 0)) {
            return written;
        }
        Files.createDirectories(dir);
        List<CellOutcomes> cells = data.cells();
        if (phase != null) {
            written.addAll(save(phaseDiagram(cells, phase.get(0), phase.get(1), data.fields()), dir,
                    "phase_" + safe(phase.get(0)) + "_" + safe(phase.get(1))));
        }
        for (String f : data.fields()) {
            written.addAll(save(outcomeRates(cells, f, data.fields()), dir, "rates_" + safe(f)));
        }
        Map<Integer, CellCurves> curves = data.curves();
        Map<Integer, String> labels = new LinkedHashMap<>();
        for (CellOutcomes c : cells) {
            labels.put(c.cell(), cellLabel(c));
        }
        if (!curves.isEmpty() && curves.size() <= MAX_OVERVIEW_CELLS) {
            written.addAll(save(overview(curves, labels), dir, "curves_test-accuracy"));
        }
        for (CellCurves c : curves.values()) {
            String name = String.format(Locale.ROOT, "curves_cell-%03d", c.cell());
            written.addAll(save(cellAccuracy(c, labels.get(c.cell())), dir, name + "_accuracy"));
            written.addAll(save(cellLoss(c, labels.get(c.cell())), dir, name + "_loss"));
        }
        return written;
    }

    /** A field name as part of a file name. */
    static String safe(String field) {
        return field.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    static String cellLabel(CellOutcomes c) {
        List<String> parts = new ArrayList<>();
        c.values().forEach((k, v) -> parts.add(k + "=" + v));
        return "cell " + c.cell() + ": " + String.join(" ", parts);
    }

    // ------------------------------------------------------------------------------------------------ phase diagram

    /** The phase diagram over fields {@code x} and {@code y}; cells with the same x and y values are pooled. */
    static XYChart phaseDiagram(List<CellOutcomes> cells, String x, String y, List<String> fields) {
        List<String> xs = distinct(cells, x);
        List<String> ys = distinct(cells, y);
        Map<List<Integer>, Map<String, Integer>> pooled = new LinkedHashMap<>();
        Map<List<Integer>, Integer> planned = new LinkedHashMap<>();
        Map<List<Integer>, Integer> improving = new LinkedHashMap<>();
        for (CellOutcomes c : cells) {
            List<Integer> key = List.of(xs.indexOf(c.values().get(x)), ys.indexOf(c.values().get(y)));
            Map<String, Integer> m = pooled.computeIfAbsent(key, k -> new TreeMap<>());
            c.counts().forEach((o, n) -> m.merge(o, n, Integer::sum));
            planned.merge(key, c.planned(), Integer::sum);
            improving.merge(key, c.stillImproving(), Integer::sum);
        }
        boolean anyImproving = improving.values().stream().anyMatch(n -> n > 0);
        List<String> others = fields.stream().filter(f -> !f.equals(x) && !f.equals(y)).toList();
        String title = "dominant outcome; label: grokked / finished runs"
                + (anyImproving ? ", *N: N still improving at the end" : "")
                + (others.isEmpty() ? "" : " (pooled over " + String.join(", ", others) + ")");
        XYChart chart = newChart(title, x, y);
        XYStyler st = chart.getStyler();
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setPlotGridLinesVisible(false);
        int cellPixels = (int) Math.min(0.92 * (WIDTH - 110) / xs.size(), 0.92 * (HEIGHT - 145) / ys.size());
        st.setAnnotationTextFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.clamp(cellPixels / 4, 7, 14)));
        st.setAnnotationTextFontColor(Color.BLACK);
        categorical(chart, true, xs);
        categorical(chart, false, ys);
        LinkedHashSet<String> inLegend = new LinkedHashSet<>();
        int serial = 0;
        // legend in the fixed outcome order: draw the first square of each outcome in that order
        List<Map.Entry<List<Integer>, Map<String, Integer>>> entries = new ArrayList<>(pooled.entrySet());
        entries.sort((a, b) -> {
            int oa = order(dominant(a.getValue()));
            int ob = order(dominant(b.getValue()));
            return Integer.compare(oa, ob);
        });
        for (Map.Entry<List<Integer>, Map<String, Integer>> e : entries) {
            int i = e.getKey().get(0);
            int j = e.getKey().get(1);
            String dom = dominant(e.getValue());
            Color fill = dom == null ? NO_DATA : OUTCOME_COLORS.get(dom);
            String legend = dom == null ? "no finished run" : dom;
            boolean first = inLegend.add(legend);
            double h = 0.47;
            XYSeries sq = chart.addSeries(first ? legend : "#" + serial++, new double[] {i - h, i + h, i + h, i - h},
                    new double[] {j - h, j - h, j + h, j + h});
            sq.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
            sq.setFillColor(fill);
            sq.setLineColor(fill);
            sq.setLineStyle(new BasicStroke(1f));
            sq.setMarker(SeriesMarkers.NONE);
            sq.setShowInLegend(first);
            int finished = e.getValue().values().stream().mapToInt(Integer::intValue).sum();
            int grok = e.getValue().getOrDefault("grok", 0);
            String text = grok + "/" + finished;
            if (finished < planned.get(e.getKey())) {
                text += " (of " + planned.get(e.getKey()) + ")";
            }
            if (improving.get(e.getKey()) > 0) {
                text += " *" + improving.get(e.getKey());
            }
            chart.addAnnotation(new AnnotationText(text, i, j, false));
        }
        return chart;
    }

    private static int order(String outcome) {
        int i = outcome == null ? -1 : OUTCOMES.indexOf(outcome);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** The values of {@code field} in cell order, each once. */
    static List<String> distinct(List<CellOutcomes> cells, String field) {
        LinkedHashSet<String> s = new LinkedHashSet<>();
        for (CellOutcomes c : cells) {
            s.add(c.values().get(field));
        }
        return new ArrayList<>(s);
    }

    /**
     * Makes an axis categorical: positions 0..n-1 labelled with {@code labels}.
     *
     * <p>XChart 3.8 places ticks at multiples of a "nice" step and, with a custom formatter, widens the step until
     * every tick label (including one or two just outside the axis) is distinct and, on the x axis, fits its
     * spacing. The spacing hint below makes the first step 1 for any plausible plot size; positions outside the
     * categories get distinct blank labels, and on the x axis positions between categories get labels too wide to
     * fit, so the step can only settle on whole numbers. When the categories are too many for their labels to
     * stand side by side, only every k-th is labelled.
     */
    private static void categorical(XYChart chart, boolean xAxis, List<String> labels) {
        int n = labels.size();
        // on a crowded x axis label every k-th category only (about 7.5 pixels per character)
        int longest = labels.stream().mapToInt(String::length).max().orElse(1);
        int every = xAxis ? Math.max(1, (int) Math.ceil(longest * 7.5 / (0.92 * (WIDTH - 110) / n))) : 1;
        java.util.function.Function<Double, String> format = d -> {
            long r = Math.round(d);
            if (Math.abs(d - r) < 1e-6) {
                return r >= 0 && r < n && r % every == 0 ? labels.get((int) r) : " " + blank(r);
            }
            return xAxis ? "\u00a0".repeat(400) + blank(Math.round(d * 1000)) : "\u00a0" + blank(Math.round(d * 1000));
        };
        XYStyler st = chart.getStyler();
        double plotContent = 0.92; // XChart's default share of the axis used by ticks
        if (xAxis) {
            double space = plotContent * (WIDTH - 110);
            st.setXAxisMin(-0.5).setXAxisMax(n - 0.5);
            st.setXAxisTickMarkSpacingHint(Math.max(10, (int) Math.min(0.9 * space / n, 0.6 * space)));
            chart.setCustomXAxisTickLabelsFormatter(format);
        } else {
            double space = plotContent * (HEIGHT - 145);
            st.setYAxisMin(-0.5).setYAxisMax(n - 0.5);
            st.setYAxisTickMarkSpacingHint(Math.max(10, (int) Math.min(0.9 * space / n, 0.6 * space)));
            chart.setCustomYAxisTickLabelsFormatter(format);
        }
    }

    /** A short blank string, distinct for each k: its binary digits as spaces and no-break spaces. */
    private static String blank(long k) {
        return Long.toBinaryString(k + 1_000_000_000L).replace('0', ' ').replace('1', '\u00a0');
    }

    // ------------------------------------------------------------------------------------------------ outcome rates

    /** Outcome rates against the values of {@code field}, pooled over the other fields, with Wilson intervals. */
    static XYChart outcomeRates(List<CellOutcomes> cells, String field, List<String> fields) {
        List<String> values = distinct(cells, field);
        int m = values.size();
        long[] n = new long[m];
        Map<String, long[]> k = new LinkedHashMap<>();
        for (String o : OUTCOMES) {
            k.put(o, new long[m]);
        }
        for (CellOutcomes c : cells) {
            int i = values.indexOf(c.values().get(field));
            n[i] += c.finished();
            c.counts().forEach((o, cnt) -> {
                if (k.containsKey(o)) {
                    k.get(o)[i] += cnt;
                }
            });
        }
        List<String> present = OUTCOMES.stream()
                .filter(o -> Arrays.stream(k.get(o)).anyMatch(v -> v > 0)).toList();
        List<String> others = fields.stream().filter(f -> !f.equals(field)).toList();
        String title = "outcome rates, Wilson 95% intervals; n = " + nList(n)
                + (others.isEmpty() ? "" : " (pooled over " + String.join(", ", others) + ")");
        XYChart chart = newChart(title, field, "fraction of finished runs");
        XYStyler st = chart.getStyler();
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setYAxisMin(0.0).setYAxisMax(1.0);
        categorical(chart, true, values);
        int serial = 0;
        for (int p = 0; p < present.size(); p++) {
            String o = present.get(p);
            Color color = OUTCOME_LINE_COLORS.get(o);
            double dodge = present.size() == 1 ? 0 : (p - (present.size() - 1) / 2.0) * Math.min(0.06, 0.3 / present.size());
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                if (n[i] == 0) {
                    continue;
                }
                double xi = i + dodge;
                double rate = (double) k.get(o)[i] / n[i];
                xs.add(xi);
                ys.add(rate);
                Wilson.Interval w = Wilson.interval(k.get(o)[i], n[i]);
                double cap = 0.02;
                XYSeries bar = chart.addSeries("#" + serial++,
                        new double[] {xi - cap, xi + cap, xi, xi, xi - cap, xi + cap},
                        new double[] {w.lower(), w.lower(), w.lower(), w.upper(), w.upper(), w.upper()});
                bar.setMarker(SeriesMarkers.NONE);
                bar.setLineColor(color);
                bar.setLineStyle(new BasicStroke(1.2f));
                bar.setShowInLegend(false);
            }
            if (xs.isEmpty()) {
                continue;
            }
            XYSeries line = chart.addSeries(o, xs, ys);
            line.setMarker(SeriesMarkers.CIRCLE);
            line.setMarkerColor(color);
            line.setLineColor(color);
            line.setLineStyle(new BasicStroke(2f));
        }
        return chart;
    }

    private static String nList(long[] n) {
        long min = Arrays.stream(n).min().orElse(0);
        long max = Arrays.stream(n).max().orElse(0);
        return min == max ? Long.toString(min) : min + ".." + max;
    }

    // ------------------------------------------------------------------------------------------------ curves

    /** Per step: the number of finished runs and mean/std of each metric (loss in log space). */
    public record CellCurves(int cell, double[] step, int[] n, double[] trainAcc, double[] trainAccSd, double[] testAcc,
                      double[] testAccSd, double[] trainLogLoss, double[] trainLogLossSd, double[] testLogLoss,
                      double[] testLogLossSd) {
        int seeds() {
            return Arrays.stream(n).max().orElse(0);
        }
    }

    /** Test accuracy (mean ± std) of every cell on one figure. */
    static XYChart overview(Map<Integer, CellCurves> curves, Map<Integer, String> labels) {
        XYChart chart = newChart("test accuracy, mean ± std over seeds", "step (log scale)", "test accuracy");
        logStepAxis(chart);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        int i = 0;
        for (CellCurves c : curves.values()) {
            Color color = PALETTE[i++ % PALETTE.length];
            band(chart, "band " + c.cell(), c.step(), c.testAcc(), c.testAccSd(), color, d -> d, false);
            line(chart, labels.get(c.cell()) + " (" + c.seeds() + " seeds)", c.step(), c.testAcc(), color,
                    d -> d, false);
        }
        return chart;
    }

    static XYChart cellAccuracy(CellCurves c, String label) {
        XYChart chart = newChart(label + ": accuracy, mean ± std over " + c.seeds() + " seeds", "step (log scale)",
                "accuracy");
        logStepAxis(chart);
        chart.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        band(chart, "train band", c.step(), c.trainAcc(), c.trainAccSd(), TRAIN_COLOR, d -> d, false);
        band(chart, "test band", c.step(), c.testAcc(), c.testAccSd(), TEST_COLOR, d -> d, false);
        line(chart, "train accuracy", c.step(), c.trainAcc(), TRAIN_COLOR, d -> d, false);
        line(chart, "test accuracy", c.step(), c.testAcc(), TEST_COLOR, d -> d, false);
        return chart;
    }

    static XYChart cellLoss(CellCurves c, String label) {
        XYChart chart = newChart(label + ": loss, geometric mean ×/÷ geometric std over " + c.seeds() + " seeds",
                "step (log scale)", "loss (log scale)");
        logStepAxis(chart);
        chart.getStyler().setYAxisLogarithmic(true);
        band(chart, "train band", c.step(), c.trainLogLoss(), c.trainLogLossSd(), TRAIN_COLOR, Math::exp, true);
        band(chart, "test band", c.step(), c.testLogLoss(), c.testLogLossSd(), TEST_COLOR, Math::exp, true);
        line(chart, "train loss", c.step(), c.trainLogLoss(), TRAIN_COLOR, Math::exp, true);
        line(chart, "test loss", c.step(), c.testLogLoss(), TEST_COLOR, Math::exp, true);
        if (!LogAxis.applyY(chart)) {
            chart.setYAxisTitle("loss");
        }
        return chart;
    }

    private static void logStepAxis(XYChart chart) {
        chart.getStyler().setXAxisLogarithmic(true).setXAxisDecimalPattern("#,##0");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    }

    /** The mean line; steps <= 0 (log axis) and non-finite values are left out. */
    private static void line(XYChart chart, String name, double[] step, double[] mean, Color color,
                             DoubleUnaryOperator map, boolean logY) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < step.length; i++) {
            double y = map.applyAsDouble(mean[i]);
            if (step[i] > 0 && Double.isFinite(y) && (!logY || y > 0)) {
                xs.add(step[i]);
                ys.add(y);
            }
        }
        if (xs.isEmpty()) {
            return;
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(1.8f));
    }

    /**
     * A translucent band mean ± sd (mapped by {@code map}: exp for a log-space loss), as a polygon: along the upper
     * edge, back along the lower one. Steps where the std is unknown (one run) get no band.
     */
    private static void band(XYChart chart, String name, double[] step, double[] mean, double[] sd, Color color,
                             DoubleUnaryOperator map, boolean logY) {
        List<Double> xs = new ArrayList<>();
        List<Double> hi = new ArrayList<>();
        List<Double> lo = new ArrayList<>();
        for (int i = 0; i < step.length; i++) {
            if (!(step[i] > 0) || !Double.isFinite(mean[i]) || !Double.isFinite(sd[i])) {
                continue;
            }
            double up = map.applyAsDouble(mean[i] + sd[i]);
            double down = map.applyAsDouble(mean[i] - sd[i]);
            if (!logY) {
                up = Math.min(1, up);
                down = Math.max(0, down);
            }
            if (Double.isFinite(up) && Double.isFinite(down) && (!logY || down > 0)) {
                xs.add(step[i]);
                hi.add(up);
                lo.add(down);
            }
        }
        if (xs.size() < 2) {
            return;
        }
        List<Double> px = new ArrayList<>(xs);
        List<Double> py = new ArrayList<>(hi);
        for (int i = xs.size() - 1; i >= 0; i--) {
            px.add(xs.get(i));
            py.add(lo.get(i));
        }
        XYSeries s = chart.addSeries(name, px, py);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        Color translucent = new Color(color.getRed(), color.getGreen(), color.getBlue(), 48);
        s.setFillColor(translucent);
        s.setLineColor(new Color(0, 0, 0, 0));
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
    }

    // ------------------------------------------------------------------------------------------------ rendering

    private static XYChart newChart(String title, String xLabel, String yLabel) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        Styler st = chart.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setLegendBorderColor(Color.WHITE);
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        return chart;
    }

    /** Renders to memory as PNG and SVG, then writes both files atomically. */
    static List<Path> save(XYChart chart, Path dir, String baseName) throws IOException {
        Path png = dir.resolve(baseName + ".png");
        Path svg = dir.resolve(baseName + ".svg");
        AtomicFiles.write(png, BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        ByteArrayOutputStream svgBytes = new ByteArrayOutputStream();
        VectorGraphicsEncoder.saveVectorGraphic(chart, svgBytes, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        AtomicFiles.write(svg, svgBytes.toByteArray());
        return List.of(png, svg);
    }
}
