package org.groklab.kinds.ctrnn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.groklab.figures.FigureFiles;
import org.groklab.io.AtomicFiles;
import org.groklab.measure.Wilson;
import org.groklab.run.Summary;
import org.groklab.spec.RunSpec;
import org.groklab.spec.SpecLoader;
import org.groklab.sweep.SweepDirectory;
import org.groklab.sweep.SweepPlan;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Murray's Figure 2 from a sweep of set runs: per condition (which relations were held out), number held out and
 * tau, the share of networks that generalized (validation accuracy, on trials of the held-out relations, reached
 * the run's {@code eval.generalize_at}, 95%, at some evaluation: Appendix D) with its Wilson 95% interval. Writes
 * {@value #CSV} in the sweep directory and, with figures, {@code figures/generalization-rates.png} (one panel per
 * condition, one line per tau). Only finished runs count.
 */
public final class CtrnnSweepAnalysis {
    public static final String CSV = "generalization-rates.csv";

    private CtrnnSweepAnalysis() {
    }

    /** One point of Figure 2. */
    public record Point(String condition, int heldOut, double tauMs, int runs, int generalized) {
        public double rate() {
            return runs == 0 ? 0 : (double) generalized / runs;
        }

        public Wilson.Interval interval() {
            return Wilson.interval(generalized, runs);
        }
    }

    /** The points of a sweep directory, ordered by condition, number held out and tau. */
    public static List<Point> points(Path sweepDir) throws IOException {
        SweepDirectory sweep = SweepDirectory.open(sweepDir);
        Map<String, int[]> counts = new TreeMap<>();
        for (SweepPlan.Run run : sweep.plan().runs()) {
            if (!sweep.complete(run)) {
                continue;
            }
            RunSpec spec = run.spec().spec();
            if (!(spec.task() instanceof SetTaskSpec task) || !(spec.model() instanceof CtrnnSpec model)) {
                throw new IllegalArgumentException(sweepDir + ": run " + run.runId() + " is not a set/ctrnn run");
            }
            Summary s = SpecLoader.JSON.readValue(sweep.run(run.runId()).resolve("summary.json").toFile(),
                    Summary.class);
            // the paper's order of the conditions (both, valid, invalid), then number held out, then tau
            String key = String.format(Locale.ROOT, "%d|%s|%04d|%012.4f", task.holdOut().ordinal(),
                    task.holdOut().name().toLowerCase(Locale.ROOT), task.heldOut(), model.tauMs());
            int[] c = counts.computeIfAbsent(key, k -> new int[2]);
            c[0]++;
            c[1] += s.generalizationStep() != null ? 1 : 0;
        }
        List<Point> out = new ArrayList<>();
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            String[] k = e.getKey().split("\\|");
            out.add(new Point(k[1], Integer.parseInt(k[2]), Double.parseDouble(k[3]), e.getValue()[0],
                    e.getValue()[1]));
        }
        return out;
    }

    /** Writes the table (and the figure) and returns the table as text. */
    public static String analyze(Path sweepDir, boolean figures) throws IOException {
        List<Point> points = points(sweepDir);
        StringBuilder csv = new StringBuilder("condition,held_out,tau_ms,runs,generalized,rate,wilson_low,wilson_high\n");
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "generalization rate (held-out validation accuracy reached 95%%), Wilson 95%% intervals%n"
                        + "%-9s %8s %7s %5s %12s  %s%n", "condition", "held out", "tau ms", "runs", "generalized",
                "rate [interval]"));
        for (Point p : points) {
            Wilson.Interval w = p.interval();
            csv.append(String.format(Locale.ROOT, "%s,%d,%s,%d,%d,%.6f,%.6f,%.6f%n", p.condition(), p.heldOut(),
                    tau(p.tauMs()), p.runs(), p.generalized(), p.rate(), w.lower(), w.upper()));
            text.append(String.format(Locale.ROOT, "%-9s %8d %7s %5d %12d  %.2f [%.2f, %.2f]%n", p.condition(),
                    p.heldOut(), tau(p.tauMs()), p.runs(), p.generalized(), p.rate(), w.lower(), w.upper()));
        }
        Path file = sweepDir.resolve(CSV);
        AtomicFiles.writeString(file, csv.toString());
        text.append("wrote ").append(file);
        if (figures && !points.isEmpty()) {
            List<Path> drawn = FigureFiles.saveGrid(sweepDir.resolve("figures"), "generalization-rates",
                    charts(points), 3, true);
            text.append(", ").append(drawn.get(0));
        }
        return text.toString();
    }

    static String tau(double t) {
        return t == Math.rint(t) ? Long.toString((long) t) : Double.toString(t);
    }

    /** One chart per condition: rate against the number held out, one line per tau, Wilson intervals as bars. */
    static List<XYChart> charts(List<Point> points) {
        Map<String, Map<Double, List<Point>>> byCondition = new TreeMap<>();
        for (Point p : points) {
            byCondition.computeIfAbsent(p.condition(), k -> new TreeMap<>())
                    .computeIfAbsent(p.tauMs(), k -> new ArrayList<>()).add(p);
        }
        List<XYChart> charts = new ArrayList<>();
        java.awt.Color[] colours = {new java.awt.Color(0xd6, 0x27, 0x28), new java.awt.Color(0x1f, 0x77, 0xb4),
                new java.awt.Color(0x2c, 0xa0, 0x2c), new java.awt.Color(0x94, 0x67, 0xbd)};
        for (String condition : List.of("both", "valid", "invalid")) {
            Map<Double, List<Point>> byTau = byCondition.get(condition);
            if (byTau == null) {
                continue;
            }
            XYChart c = new XYChartBuilder().width(480).height(420)
                    .title("held out: " + condition + (condition.equals("both") ? " kinds" : " relations only")
                            + " (dotted: Wilson 95%)")
                    .xAxisTitle("relations held out").yAxisTitle("generalization rate").build();
            Styler st = c.getStyler();
            st.setChartBackgroundColor(java.awt.Color.WHITE);
            st.setLegendBorderColor(java.awt.Color.WHITE);
            st.setLegendPosition(Styler.LegendPosition.OutsideS);
            st.setLegendLayout(Styler.LegendLayout.Horizontal);
            st.setChartTitleFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 13));
            c.getStyler().setYAxisMin(0.0);
            c.getStyler().setYAxisMax(1.0);
            int k = 0;
            for (Map.Entry<Double, List<Point>> e : byTau.entrySet()) {
                List<Point> ps = e.getValue();
                double[] x = new double[ps.size()];
                double[] y = new double[ps.size()];
                double[] lo = new double[ps.size()];
                double[] hi = new double[ps.size()];
                int minRuns = Integer.MAX_VALUE;
                for (int i = 0; i < ps.size(); i++) {
                    Wilson.Interval w = ps.get(i).interval();
                    x[i] = ps.get(i).heldOut();
                    y[i] = ps.get(i).rate();
                    lo[i] = w.lower();
                    hi[i] = w.upper();
                    minRuns = Math.min(minRuns, ps.get(i).runs());
                }
                java.awt.Color colour = colours[k % colours.length];
                XYSeries s = c.addSeries("tau = " + tau(e.getKey()) + " ms (n >= " + minRuns + ")", x, y);
                s.setMarker(SeriesMarkers.CIRCLE);
                s.setLineColor(colour);
                s.setMarkerColor(colour);
                // the Wilson interval (not symmetric about the rate) as dotted lines below and above
                for (double[] band : new double[][] {lo, hi}) {
                    XYSeries b = c.addSeries("tau " + tau(e.getKey()) + (band == lo ? " low" : " high"), x, band);
                    b.setMarker(SeriesMarkers.NONE);
                    b.setLineColor(colour);
                    b.setLineStyle(new java.awt.BasicStroke(1f, java.awt.BasicStroke.CAP_BUTT,
                            java.awt.BasicStroke.JOIN_MITER, 10f, new float[] {2f, 3f}, 0f));
                    b.setShowInLegend(false);
                }
                k++;
            }
            charts.add(c);
        }
        return charts;
    }
}
