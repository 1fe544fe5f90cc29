package org.groklab.kinds.modular.figures;

import org.groklab.kinds.modular.analysis.LastStepViews;

import org.groklab.run.MetricsTable;

import org.groklab.kinds.modular.analysis.FourierAnalysis;
import org.groklab.kinds.modular.analysis.RunAnalysis;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.groklab.figures.FigureFiles;
import org.groklab.kinds.modular.figures.FourierFigures.Line;
import org.groklab.run.RunDirectory;
import org.knowm.xchart.XYChart;

/**
 * The figures of {@code groklab analyze}, from a {@link RunAnalysis.Result} into the run's {@code figures/}, each
 * as PNG and SVG:
 * <pre>
 * weights, weights-sorted   every token-axis matrix as a heatmap (neuron x token), raw and with neurons sorted
 *                           by (frequency, phase) and grouped by frequency (the essay's and PAIR's views)
 * fourier-spectrum          each matrix's share of Fourier power per frequency, last checkpoint
 * spectrum-over-training    per checkpoint: the model's power per frequency, and the weight of periodic neurons
 * fourier-over-training     Gini and IPR of each matrix, neuron-level periodicity, alignment, per checkpoint
 * activations               one p x p map h_j(a, b) per hidden neuron (up to 256, sorted by frequency and phase)
 * stars                     PAIR's star plots: (cos, sin) coefficient of each neuron at its frequency, per matrix
 * frequency-logits          the logits of one input and each frequency group's part of them
 * progress-measures         train, test, restricted and excluded loss (and accuracies) over training
 * </pre>
 */
public final class AnalysisFigures {

    private AnalysisFigures() {
    }

    public static List<Path> write(RunAnalysis.Result r) throws IOException {
        Path dir = r.run().root().resolve(RunDirectory.FIGURES);
        String title = r.setup().spec().name() + " (" + r.run().runId() + ")";
        List<Path> files = new ArrayList<>();
        FourierAnalysis fa = r.last().fourier();
        files.addAll(weights(dir, title, fa, r.last().step(), false));
        files.addAll(weights(dir, title, fa, r.last().step(), true));
        List<String> names = new ArrayList<>();
        List<double[]> shares = new ArrayList<>();
        for (FourierAnalysis.Matrix m : fa.matrices()) {
            names.add(m.name());
            shares.add(m.shares());
        }
        files.addAll(FourierFigures.spectrum(dir, title + ": Fourier spectrum at step " + r.last().step()
                + keyNote(fa, RunAnalysis.caveat(r) == null), names, shares));
        files.addAll(spectrumOverTraining(dir, title, r));
        files.addAll(overTraining(dir, title, r));
        files.addAll(activations(dir, title, r));
        files.addAll(stars(dir, title, fa));
        if (r.views().logits() != null) {
            files.addAll(logits(dir, title, r));
        }
        files.addAll(progress(dir, title, r));
        return files;
    }

    /** The key frequencies for a title; a run that has not generalized says so next to them. */
    private static String keyNote(FourierAnalysis fa, boolean generalized) {
        String caveat = generalized ? "" : "; run not generalized";
        return fa.keyFrequencies().isEmpty() ? " (no key frequency" + caveat + ")"
                : " (key: " + ranges(fa.keyFrequencies()) + caveat + ")";
    }

    /** Frequencies in increasing order, runs of consecutive ones as ranges: "1-3, 7, 9-10". */
    static String ranges(List<Integer> ks) {
        List<Integer> sorted = ks.stream().sorted().toList();
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < sorted.size(); ) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1) == sorted.get(j) + 1) {
                j++;
            }
            parts.add(j == i ? sorted.get(i).toString() : sorted.get(i) + "-" + sorted.get(j));
            i = j + 1;
        }
        return String.join(", ", parts);
    }

    private static List<Path> weights(Path dir, String title, FourierAnalysis fa, long step, boolean sorted)
            throws IOException {
        int[] order = fa.neuronOrder();
        int n = order.length;
        List<Heatmaps.Panel> panels = new ArrayList<>();
        int[] starts = null;
        String[] labels = null;
        if (sorted) {
            List<Integer> s = new ArrayList<>();
            List<String> l = new ArrayList<>();
            int prev = -1;
            for (int i = 0; i < n; i++) {
                int k = fa.frequencyOf(order[i]);
                if (k != prev) {
                    s.add(i);
                    l.add("k=" + k);
                    prev = k;
                }
            }
            starts = s.stream().mapToInt(Integer::intValue).toArray();
            labels = l.toArray(new String[0]);
        }
        for (FourierAnalysis.Matrix m : fa.matrices()) {
            double[][] rows = m.matrix().neurons();
            double[][] values = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                values[i] = rows[sorted && rows.length == n ? order[i] : i];
            }
            boolean grouped = sorted && rows.length == n;
            panels.add(new Heatmaps.Panel(m.name(), values, m.matrix().role().input() ? "input token" : "class",
                    grouped ? "neuron, by (frequency, phase)" : "neuron", Heatmaps.Scale.DIVERGING,
                    grouped ? starts : null, grouped ? labels : null, null));
        }
        String what = sorted ? "weights, neurons sorted by (frequency, phase)" : "weights";
        return Heatmaps.panels(dir, sorted ? "weights-sorted" : "weights", title + ": " + what + " at step " + step,
                panels, Math.min(600, Math.max(240, 4 * n)));
    }

    private static List<Path> spectrumOverTraining(Path dir, String title, RunAnalysis.Result r) throws IOException {
        int kMax = r.last().fourier().basis().frequencies();
        int cols = r.steps().size();
        double[][] power = new double[kMax][cols];
        double[][] periodic = new double[kMax][cols];
        String[] steps = new String[cols];
        for (int c = 0; c < cols; c++) {
            RunAnalysis.Step s = r.steps().get(c);
            double[] sp = s.fourier().spectrum();
            double[] pw = s.fourier().periodicWeights();
            for (int k = 0; k < kMax; k++) {
                power[k][c] = sp[k];
                periodic[k][c] = pw[k];
            }
            steps[c] = Long.toString(s.step());
        }
        int[] starts = new int[kMax];
        String[] labels = new String[kMax];
        for (int k = 0; k < kMax; k++) {
            starts[k] = k;
            labels[k] = Integer.toString(k + 1);
        }
        List<Heatmaps.Panel> panels = List.of(
                new Heatmaps.Panel("share of Fourier power", power, "checkpoint step", "frequency",
                        Heatmaps.Scale.SEQUENTIAL, starts, labels, steps),
                new Heatmaps.Panel("weight of periodic neurons", periodic, "checkpoint step", "frequency",
                        Heatmaps.Scale.SEQUENTIAL, starts, labels, steps));
        return Heatmaps.panels(dir, "spectrum-over-training", title + ": spectrum over training", panels, 420);
    }

    private static List<Path> overTraining(Path dir, String title, RunAnalysis.Result r) throws IOException {
        int n = r.steps().size();
        double[] x = new double[n];
        Map<String, double[]> gini = new LinkedHashMap<>();
        Map<String, double[]> ipr = new LinkedHashMap<>();
        double[] periodic = new double[n];
        double[] share = new double[n];
        double[] neuronIpr = new double[n];
        double[] align = new double[n];
        double[] keyCount = new double[n];
        for (int i = 0; i < n; i++) {
            RunAnalysis.Step s = r.steps().get(i);
            x[i] = s.step();
            for (FourierAnalysis.Matrix m : s.fourier().matrices()) {
                gini.computeIfAbsent(m.name(), k -> new double[n])[i] = m.gini();
                ipr.computeIfAbsent(m.name(), k -> new double[n])[i] = m.ipr();
                neuronIpr[i] += m.neuronIpr() / s.fourier().matrices().size();
            }
            periodic[i] = s.fourier().periodicWeight();
            share[i] = s.fourier().meanNeuronShare();
            align[i] = s.alignment();
            keyCount[i] = s.fourier().keyFrequencies().size();
        }
        List<Line> g = new ArrayList<>();
        gini.forEach((k, v) -> g.add(new Line(k, x, v)));
        List<Line> p = new ArrayList<>();
        ipr.forEach((k, v) -> p.add(new Line(k, x, v)));
        List<Line> neurons = List.of(new Line("periodic weight", x, periodic),
                new Line("mean neuron share", x, share), new Line("mean neuron IPR", x, neuronIpr),
                new Line("alignment", x, align));
        List<Line> keys = List.of(new Line("key frequencies (at that checkpoint)", x, keyCount));
        return FourierFigures.overTraining(dir, "fourier-over-training",
                List.of(title + ": Gini of Fourier norms", "IPR of Fourier norms",
                        "neuron structure and alignment", "number of key frequencies"),
                List.of("Gini", "IPR", "share / alignment", "count"), List.of(g, p, neurons, keys),
                new boolean[] {false, false, false, false},
                new double[][] {{0, 1}, {0, 1}, {-0.2, 1}, {0, r.last().fourier().basis().frequencies()}});
    }

    private static List<Path> activations(Path dir, String title, RunAnalysis.Result r) throws IOException {
        LastStepViews.Activations v = r.views().activations();
        String note = "hidden activation h_j(a, b): a down, b across; each map on its own colour scale"
                + (v.maps().size() < v.width() ? "; the " + v.maps().size() + " of " + v.width() + " neurons with "
                + "the largest activations" : "") + "; step " + r.last().step();
        List<double[][]> maps = v.maps();
        List<String> labels = v.labels();
        return Heatmaps.grid(dir, "activations", title + ": activation map of every hidden neuron", maps, labels,
                Heatmaps.Scale.SEQUENTIAL, note);
    }

    private static List<Path> stars(Path dir, String title, FourierAnalysis fa) throws IOException {
        List<Integer> keys = fa.keyFrequencies();
        List<XYChart> charts = new ArrayList<>();
        for (FourierAnalysis.Matrix m : fa.matrices()) {
            List<String> groups = new ArrayList<>();
            List<double[]> points = new ArrayList<>();
            if (!keys.isEmpty() && !fa.units().isEmpty()) {
                for (int k : keys.stream().sorted().toList()) {
                    List<Double> pts = new ArrayList<>();
                    for (FourierAnalysis.Unit u : fa.units()) {
                        if (u.periodic() && u.frequency() == k) {
                            var c = m.neurons().get(u.index()).coefficients();
                            pts.add(c.cos(k));
                            pts.add(c.sin(k));
                        }
                    }
                    groups.add("k=" + k);
                    points.add(pts.stream().mapToDouble(Double::doubleValue).toArray());
                }
            } else {
                double[] pts = new double[2 * m.neurons().size()];
                for (FourierAnalysis.Neuron n : m.neurons()) {
                    if (n.frequency() > 0) {
                        pts[2 * n.index()] = n.coefficients().cos(n.frequency());
                        pts[2 * n.index() + 1] = n.coefficients().sin(n.frequency());
                    }
                }
                groups.add("every neuron at its own main frequency (no key frequency)");
                points.add(pts);
            }
            boolean last = charts.size() == fa.matrices().size() - 1;
            charts.add(FourierFigures.stars(m.name() + (charts.isEmpty() ? " - " + title : ""), groups, points, last));
        }
        return FigureFiles.saveGrid(dir, "stars", charts, 3);
    }

    private static List<Path> logits(Path dir, String title, RunAnalysis.Result r) throws IOException {
        LastStepViews.Logits v = r.views().logits();
        List<String> names = v.names();
        List<double[]> contributions = v.contributions();
        double[] total = v.total();
        int answer = v.answer();
        return FourierFigures.logits(dir, title + ": logits of (a, b) = (" + r.inputA() + ", " + r.inputB()
                + ") by frequency group", names, contributions, total, answer);
    }

    private static List<Path> progress(Path dir, String title, RunAnalysis.Result r) throws IOException {
        MetricsTable table = MetricsTable.read(r.run().root());
        double[][] m = {table.get("step"), table.get("train_loss"), table.get("test_loss"), table.get("train_acc"),
                table.get("test_acc")};
        int n = r.steps().size();
        double[] x = new double[n];
        double[][] v = new double[4][n];
        for (int i = 0; i < n; i++) {
            RunAnalysis.Step s = r.steps().get(i);
            x[i] = s.step();
            v[0][i] = s.progress().restrictedLoss();
            v[1][i] = s.progress().excludedLoss();
            v[2][i] = s.progress().restrictedAcc();
            v[3][i] = s.progress().excludedAcc();
        }
        List<Integer> key = r.keyFrequencies();
        String keys = key.isEmpty() ? "none" : key.size() > 6 ? key.size() + " of " + r.last().fourier().basis()
                .frequencies() : RunAnalysis.join(key);
        List<Line> losses = List.of(new Line("train loss", m[0], m[1], false),
                new Line("test loss", m[0], m[2], false),
                new Line("restricted loss (all pairs)", x, v[0]), new Line("excluded loss (train)", x, v[1]));
        List<Line> accs = List.of(new Line("train accuracy", m[0], m[3], false),
                new Line("test accuracy", m[0], m[4], false),
                new Line("restricted accuracy", x, v[2]), new Line("excluded accuracy (train)", x, v[3]));
        return FourierFigures.overTraining(dir, "progress-measures",
                List.of(title + ": progress measures", "accuracy (key frequencies: " + keys + ")"),
                List.of("loss", "accuracy"), List.of(losses, accs), new boolean[] {true, false},
                new double[][] {null, {0, 1}});
    }
}
