package org.groklab.kinds.parity;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.groklab.run.RunDirectory;
import org.groklab.run.Safetensors;
import org.groklab.run.Summary;
import org.groklab.spec.RunSpec;
import org.groklab.spec.SpecException;
import org.groklab.spec.Words;
import org.groklab.sweep.SweepDirectory;
import org.groklab.sweep.SweepPlan;

/**
 * What a parity run or sweep measured, printed beside what the thesis (shared/seeds/003) or PAIR (002) report:
 * event epochs, norms, weight mass and learned weights of one run; per setting of a sweep the events across seeds,
 * mean ± std figures, and the tables the documents print (Table 3.1's label-noise thresholds, Section 3.1's weight
 * decay raised after memorization, PAIR's outcome counts).
 */
public final class ParityReport {
    private ParityReport() {
    }

    /** Reports a run directory or a sweep directory. */
    public static void report(Path dir, PrintWriter out) {
        if (Files.isRegularFile(dir.resolve(SweepDirectory.SWEEP))) {
            sweep(SweepDirectory.open(dir), out);
        } else {
            run(RunDirectory.open(dir), out);
        }
    }

    // ------------------------------------------------------------------------------------------------------ one run

    public static void run(RunDirectory dir, PrintWriter out) {
        RunSpec spec = dir.spec().spec();
        requireParity(spec, dir.root());
        RunMetrics m = RunMetrics.read(dir.root());
        out.printf("%s (run %s), seed %d: %s%n", spec.name(), dir.runId(), spec.seed(), describe(spec));
        if (dir.complete()) {
            out.println("outcome: " + dir.readSummary().outcome());
        } else {
            out.println("outcome: (not finished)");
        }
        double mem = m.memorizationEpoch(spec);
        double gen = m.generalizationEpoch(spec);
        String unit = ParityMeasures.stepsPerEpoch(spec) == 1 ? "step" : "epoch";
        out.printf("  %-26s %s%n", "memorization " + unit, event(mem));
        out.printf("  %-26s %s%n", "generalization " + unit, event(gen));
        out.printf("  %-26s %.3f / %.3f%n", "final train / test acc", m.last("train_acc"), m.last("test_acc"));
        out.printf("  %-26s %s%n", "spectral norm W1", atEvents(m, "sn_W1", mem, gen));
        out.printf("  %-26s %s%n", "spectral norm W2", atEvents(m, "sn_W2", mem, gen));
        out.printf("  %-26s %s%n", "Frobenius norm W1", atEvents(m, "fro_W1", mem, gen));
        out.printf("  %-26s %s%n", "share of |W1| on k bits", atEvents(m, "relevant_share", mem, gen));
        if (spec.loss().type() == RunSpec.LossType.CROSS_ENTROPY) {
            out.printf("  %-26s %s%n", "PAIR's class", PairOutcome.of(m));
        }
        LearnedWeights w = LearnedWeights.read(dir.root(), spec);
        if (w != null && ((ParityMlpSpec) spec.model()).width() <= 8) {
            w.print(out);
        }
        List<String[]> notes = Reference.runNotes(spec.name());
        if (!notes.isEmpty()) {
            out.println("the document:");
            for (String[] n : notes) {
                out.printf("  %-26s %s%n", n[0], n[1]);
            }
        }
        Path figures = dir.root().resolve(RunDirectory.FIGURES);
        out.println("figures: " + figures + " (loss, accuracy, norms, relevant-share"
                + (Files.isDirectory(dir.root().resolve(Snapshots.DIR)) ? ", kde, tsne)" : ")"));
    }

    static String describe(RunSpec s) {
        ParityTaskSpec t = ParityKind.task(s);
        RunSpec.OptimizerSpec o = s.optimizer();
        long perEpoch = ParityMeasures.stepsPerEpoch(s);
        String batch = s.train().batchSize() <= 0 ? "full batch" : "batch " + s.train().batchSize() + " ("
                + perEpoch + " updates/epoch, " + fmt((double) s.train().steps() / perEpoch) + " epochs)";
        String noise = t.labelNoise() > 0 ? ", label noise " + t.labelNoise() : "";
        String sw = o.decaySwitchAt() != null && o.decaySwitchAt() != RunSpec.DecaySwitch.NONE
                ? " -> " + o.decaySwitchTo() + " after " + Words.of(o.decaySwitchAt()) : "";
        return String.format(Locale.ROOT, "(%d, %d)-parity, %s bits, N = %d, test %s%s; parity-mlp width %d; %s; "
                        + "%s lr %s, weight decay %s (%s)%s; %s", t.n(), t.k(), Words.of(t.bits()), t.trainSize(),
                t.testSize() == 0 ? "all unseen" : Integer.toString(t.testSize()), noise, ((ParityMlpSpec) s.model()).width(),
                Words.of(s.loss().type()), Words.of(o.type()), o.lr(), o.weightDecay(), Words.of(o.decay()), sw,
                batch);
    }

    private static String event(double e) {
        return e < 0 ? "-" : fmt(e);
    }

    /** The column at the start, at the two events and at the end. */
    static String atEvents(RunMetrics m, String column, double mem, double gen) {
        double[] v = m.get(column);
        double[] e = m.epochs();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%.3f (start)", v[0]));
        if (mem >= 0) {
            b.append(String.format(Locale.ROOT, "  %.3f (memorized)", at(v, e, mem)));
        }
        if (gen >= 0) {
            b.append(String.format(Locale.ROOT, "  %.3f (generalized)", at(v, e, gen)));
        }
        b.append(String.format(Locale.ROOT, "  %.3f (end)", v[m.rows() - 1]));
        return b.toString();
    }

    private static double at(double[] v, double[] e, double epoch) {
        for (int i = 0; i < e.length; i++) {
            if (e[i] >= epoch) {
                return v[i];
            }
        }
        return v[v.length - 1];
    }

    private static void requireParity(RunSpec spec, Path dir) {
        if (!(spec.task() instanceof ParityTaskSpec)) {
            throw new SpecException("DIR", dir + " is not a parity run (task.type " + spec.task().type() + ")");
        }
    }

    // ------------------------------------------------------------------------------------------------------ sweeps

    /** One finished run of a sweep. */
    record Done(SweepPlan.Run run, Path dir, RunSpec spec, Summary summary, RunMetrics metrics) {
        double mem() {
            return metrics.memorizationEpoch(spec);
        }

        double gen() {
            return metrics.generalizationEpoch(spec);
        }
    }

    public static void sweep(SweepDirectory sweep, PrintWriter out) {
        SweepPlan plan = sweep.plan();
        Map<Integer, List<Done>> byCell = new TreeMap<>();
        for (SweepPlan.Cell c : plan.cells()) {
            byCell.put(c.index(), new ArrayList<>());
        }
        RunSpec first = null;
        for (SweepPlan.Run r : plan.runs()) {
            Path dir = sweep.run(r.runId());
            if (first == null) {
                first = r.spec().spec();
                requireParity(first, sweep.root());
            }
            if (!sweep.complete(r)) {
                continue;
            }
            RunDirectory rd = RunDirectory.open(dir);
            byCell.get(r.cell()).add(new Done(r, dir, r.spec().spec(), rd.readSummary(), RunMetrics.read(dir)));
        }
        int finished = byCell.values().stream().mapToInt(List::size).sum();
        out.printf("sweep %s: %d of %d runs finished; base: %s%n", plan.name(), finished, plan.runs().size(),
                describe(first));
        String unit = ParityMeasures.stepsPerEpoch(first) == 1 ? "step" : "epoch";
        out.printf("%-4s %-58s %-5s %-34s %-16s %-16s %s%n", "cell", "setting", "runs", "outcomes",
                "memorized " + unit, "generalized " + unit, "final test acc");
        for (SweepPlan.Cell c : plan.cells()) {
            List<Done> runs = byCell.get(c.index());
            out.printf("%-4d %-58s %-5s %-34s %-16s %-16s %s%n", c.index(), c.label(),
                    runs.size() + "/" + plan.runs().stream().filter(r -> r.cell() == c.index()).count(),
                    outcomes(runs), meanSd(runs, Done::mem), meanSd(runs, Done::gen),
                    meanSd(runs, d -> d.metrics().last("test_acc")));
        }
        List<String> fields = plan.fields();
        if (fields.contains("task.label_noise")) {
            noiseThresholds(plan, byCell, out);
        }
        if (fields.contains("optimizer.decay_switch_to")) {
            decaySwitch(plan, byCell, out);
        }
        if (first.loss().type() == RunSpec.LossType.CROSS_ENTROPY) {
            pairOutcomes(plan, byCell, out);
        }
        if (((ParityMlpSpec) first.model()).width() <= 8) {
            for (List<Done> runs : byCell.values()) {
                for (Done d : runs) {
                    LearnedWeights w = LearnedWeights.read(d.dir(), d.spec());
                    if (w != null) {
                        out.printf("run %s (seed %d):%n", d.run().runId(), d.run().seed());
                        w.print(out);
                    }
                }
            }
        }
        List<String[]> notes = Reference.runNotes(plan.name());
        if (!notes.isEmpty()) {
            out.println("the document:");
            for (String[] n : notes) {
                out.printf("  %-26s %s%n", n[0], n[1]);
            }
        }
        figures(sweep, plan, byCell, out);
    }

    private static void figures(SweepDirectory sweep, SweepPlan plan, Map<Integer, List<Done>> byCell,
                                PrintWriter out) {
        Path dir = sweep.root().resolve("figures");
        try {
            List<ParityFigures.Group> groups = new ArrayList<>();
            for (SweepPlan.Cell c : plan.cells()) {
                List<RunMetrics> runs = byCell.get(c.index()).stream().map(Done::metrics).toList();
                if (runs.isEmpty()) {
                    continue;
                }
                groups.add(new ParityFigures.Group(c.label(), runs));
                if (plan.cells().size() <= 12) {
                    ParityFigures.seedFigures(dir, String.format("parity-cell-%03d", c.index()),
                            plan.name() + " " + c.label(), List.of(groups.get(groups.size() - 1)));
                }
            }
            if (groups.size() > 1 && groups.size() <= 10) {
                ParityFigures.seedFigures(dir, "parity-cells", plan.name(), groups);
            }
            out.println("figures: " + dir + " (parity-cell-NNN-{loss,accuracy,norms}: mean ± std over seeds"
                    + (groups.size() > 1 && groups.size() <= 10 ? "; parity-cells-*: every setting" : "") + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Done widest = null;
        for (List<Done> runs : byCell.values()) {
            for (Done d : runs) {
                double delay = (d.gen() < 0 ? d.metrics().epochs()[d.metrics().rows() - 1] : d.gen()) - d.mem();
                double best = widest == null ? -1 : widest.gen() - widest.mem();
                if (d.mem() >= 0 && Files.isDirectory(d.dir().resolve(Snapshots.DIR)) && delay > best) {
                    widest = d;
                }
            }
        }
        if (widest != null) {
            out.println("KDE and t-SNE panels of the run with the longest memorization-to-generalization delay "
                    + "(as the thesis's code picks): " + widest.dir().resolve(RunDirectory.FIGURES)
                    + "/{kde,tsne}.png");
        }
    }

    /** "3 grok, 2 memorize-only" */
    static String outcomes(List<Done> runs) {
        Map<String, Integer> counts = new TreeMap<>();
        for (Done d : runs) {
            counts.merge(d.summary().outcome(), 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add(v + " " + k));
        return parts.isEmpty() ? "-" : String.join(", ", parts);
    }

    /** Mean ± std over the runs where the value is >= 0 ("k/n" when some runs lack it). */
    static String meanSd(List<Done> runs, java.util.function.ToDoubleFunction<Done> f) {
        List<Double> v = new ArrayList<>();
        for (Done d : runs) {
            double x = f.applyAsDouble(d);
            if (x >= 0) {
                v.add(x);
            }
        }
        if (v.isEmpty()) {
            return "-";
        }
        double mean = v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        double ss = v.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
        double sd = v.size() > 1 ? Math.sqrt(ss / (v.size() - 1)) : 0;
        String s = mean >= 10 ? String.format(Locale.ROOT, "%.0f±%.0f", mean, sd)
                : String.format(Locale.ROOT, "%.3f±%.3f", mean, sd);
        return v.size() < runs.size() ? s + " (" + v.size() + "/" + runs.size() + ")" : s;
    }

    /**
     * Table 3.1: for each (n, weight decay), the largest label-noise fraction p_t of the grid up to which a majority
     * of seeds generalized at every p_t (test accuracy reached eval.generalize_at at some evaluated epoch).
     */
    static void noiseThresholds(SweepPlan plan, Map<Integer, List<Done>> byCell, PrintWriter out) {
        Map<String, TreeMap<Double, int[]>> table = new TreeMap<>();
        TreeSet<Integer> ns = new TreeSet<>();
        TreeSet<Double> wds = new TreeSet<>();
        for (List<Done> runs : byCell.values()) {
            for (Done d : runs) {
                int n = ParityKind.task(d.spec()).n();
                double wd = d.spec().optimizer().decaySwitchAt() != null
                        && d.spec().optimizer().decaySwitchAt() != RunSpec.DecaySwitch.NONE
                        ? d.spec().optimizer().decaySwitchTo() : d.spec().optimizer().weightDecay();
                ns.add(n);
                wds.add(wd);
                int[] c = table.computeIfAbsent(n + "/" + wd, x -> new TreeMap<>())
                        .computeIfAbsent(ParityKind.task(d.spec()).labelNoise(), x -> new int[2]);
                c[1]++;
                if (d.gen() >= 0) {
                    c[0]++;
                }
            }
        }
        out.println();
        out.println("Table 3.1: largest label noise p_t up to which most seeds still generalize "
                + "(measured, thesis in brackets; '-' none)");
        StringBuilder head = new StringBuilder(String.format("%-8s", "n \\ wd"));
        for (double wd : wds) {
            head.append(String.format(Locale.ROOT, "%-18s", wd));
        }
        out.println(head);
        for (int n : ns) {
            StringBuilder row = new StringBuilder(String.format("%-8d", n));
            for (double wd : wds) {
                TreeMap<Double, int[]> byNoise = table.getOrDefault(n + "/" + wd, new TreeMap<>());
                double threshold = -1;
                for (Map.Entry<Double, int[]> e : byNoise.entrySet()) {
                    if (2 * e.getValue()[0] > e.getValue()[1]) {
                        threshold = e.getKey();
                    } else {
                        break;
                    }
                }
                String ref = thesisThreshold(n, wd);
                row.append(String.format(Locale.ROOT, "%-18s", (threshold < 0 ? "-" : fmt(threshold))
                        + (ref == null ? "" : " [" + ref + "]")));
            }
            out.println(row);
        }
        out.println("generalized seeds per p_t:");
        table.forEach((key, byNoise) -> {
            StringBuilder b = new StringBuilder("  n/wd " + key + ":");
            byNoise.forEach((p, c) -> b.append(String.format(Locale.ROOT, "  %s: %d/%d", fmt(p), c[0], c[1])));
            out.println(b);
        });
    }

    static String thesisThreshold(int n, double wd) {
        int i = Reference.TABLE_3_1_N.indexOf(n);
        int j = -1;
        for (int c = 0; c < Reference.TABLE_3_1_WD.size(); c++) {
            if (Math.abs(Reference.TABLE_3_1_WD.get(c) - wd) < 1e-12) {
                j = c;
            }
        }
        return i < 0 || j < 0 ? null : fmt(Reference.TABLE_3_1[i][j]);
    }

    /** Section 3.1: weight decay raised after memorization, per value of decay_switch_to. */
    static void decaySwitch(SweepPlan plan, Map<Integer, List<Done>> byCell, PrintWriter out) {
        Map<Double, List<Done>> byValue = new TreeMap<>();
        for (List<Done> runs : byCell.values()) {
            for (Done d : runs) {
                byValue.computeIfAbsent(d.spec().optimizer().decaySwitchTo(), x -> new ArrayList<>()).add(d);
            }
        }
        out.println();
        out.println("Section 3.1 (Hypothesis 3.1): weight decay raised to wd after memorization");
        out.printf("%-8s %-12s %-22s %-22s %s%n", "wd", "generalized", "memorization epoch", "generalization epoch",
                "final test acc / spectral norm W1");
        byValue.forEach((wd, runs) -> {
            long gen = runs.stream().filter(d -> d.gen() >= 0).count();
            out.printf(Locale.ROOT, "%-8s %-12s %-22s %-22s %s / %s%n", fmt(wd), gen + "/" + runs.size(),
                    meanSd(runs, Done::mem), meanSd(runs, Done::gen), meanSd(runs, d -> d.metrics().last("test_acc")),
                    meanSd(runs, d -> d.metrics().last("sn_W1")));
        });
        out.println("the thesis: generalization speeds up as wd rises, until a threshold \"approximately between "
                + "0.1 and 0.5\" beyond which it deteriorates; too much decay drives the spectral norm to zero "
                + "(Figures 3.1, 3.2)");
    }

    /** PAIR's four classes per setting, from the loss curves (the post's sweep chart). */
    static void pairOutcomes(SweepPlan plan, Map<Integer, List<Done>> byCell, PrintWriter out) {
        out.println();
        out.println("PAIR's classes (min train loss > 1e-5: no-learn; min test loss > 1e-5: memorize-only; "
                + "max test/train loss ratio < 50,000: direct-generalize; else grok):");
        for (SweepPlan.Cell c : plan.cells()) {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (String k : List.of("grok", "direct-generalize", "memorize-only", "no-learn")) {
                counts.put(k, 0);
            }
            for (Done d : byCell.get(c.index())) {
                counts.merge(PairOutcome.of(d.metrics()), 1, Integer::sum);
            }
            out.printf("  %-4d %-60s %s%n", c.index(), c.label(), counts);
        }
    }

    static String fmt(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return String.format(Locale.ROOT, "%.4g", x).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    // ------------------------------------------------------------------------------------------------ small pieces

    /** PAIR's classification of one run from its loss curves (sweep-sparse-parity/init.js). */
    public static final class PairOutcome {
        private PairOutcome() {
        }

        public static String of(RunMetrics m) {
            if (m.min("train_loss") > Reference.PAIR_MIN_LOSS) {
                return "no-learn";
            }
            if (m.min("test_loss") > Reference.PAIR_MIN_LOSS) {
                return "memorize-only";
            }
            double maxRatio = 0;
            double[] tr = m.get("train_loss");
            double[] te = m.get("test_loss");
            for (int i = 0; i < m.rows(); i++) {
                maxRatio = Math.max(maxRatio, te[i] / tr[i]);
            }
            return maxRatio < Reference.PAIR_MAX_RATIO ? "direct-generalize" : "grok";
        }
    }

    /** The final parameters of a small network, neuron by neuron, beside the thesis's 2-neuron weights. */
    record LearnedWeights(RunSpec spec, float[] w1, float[] b1, float[] w2, int width, int cols) {

        static LearnedWeights read(Path runDir, RunSpec spec) {
            Path best = null;
            long bestStep = -1;
            try (var files = Files.list(runDir.resolve(RunDirectory.CHECKPOINTS))) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String name = f.getFileName().toString();
                    if (name.startsWith("step-") && name.endsWith(".safetensors")) {
                        long step = Long.parseLong(name.substring(5, name.length() - ".safetensors".length()));
                        if (step > bestStep) {
                            bestStep = step;
                            best = f;
                        }
                    }
                }
                if (best == null) {
                    return null;
                }
                Safetensors.Loaded l = Safetensors.read(best);
                Safetensors.Tensor w1 = l.tensors().get("W1");
                Safetensors.Tensor b1 = l.tensors().get("b1");
                Safetensors.Tensor w2 = l.tensors().get("W2");
                return new LearnedWeights(spec, w1.data(), b1 == null ? null : b1.data(), w2.data(), w1.shape()[0],
                        w1.shape()[1]);
            } catch (IOException e) {
                return null;
            }
        }

        void print(PrintWriter out) {
            int k = ParityKind.task(spec).k();
            int n = ParityKind.task(spec).n();
            out.printf("  learned weights (last checkpoint), per hidden neuron: W1 on the first %d bits, max |W1| on "
                    + "the other %d, b1, W2%n", k, n - k);
            for (int j = 0; j < width; j++) {
                StringBuilder rel = new StringBuilder("[");
                double maxOther = 0;
                for (int c = 0; c < n; c++) {
                    float v = w1[j * cols + c];
                    if (c < k) {
                        rel.append(c == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%+.3f", v));
                    } else {
                        maxOther = Math.max(maxOther, Math.abs(v));
                    }
                }
                rel.append("]");
                out.printf(Locale.ROOT, "    neuron %d: W1 %s  max|other| %.3f  b1 %s  W2 %+.3f%n", j, rel, maxOther,
                        b1 == null ? "-" : String.format(Locale.ROOT, "%+.3f", b1[j]), w2[j]);
            }
            if (k == 2) {
                out.printf(Locale.ROOT, "    the thesis (Sec. 4.2.3): W1 [+%.2f, +%.2f] and [-%.2f, -%.2f], W2 +%.2f "
                                + "each%n", Reference.TWO_NEURON_W1, Reference.TWO_NEURON_W1, Reference.TWO_NEURON_W1,
                        Reference.TWO_NEURON_W1, Reference.TWO_NEURON_W2);
            }
        }
    }
}
