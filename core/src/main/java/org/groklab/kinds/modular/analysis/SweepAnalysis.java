package org.groklab.kinds.modular.analysis;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.groklab.io.AtomicFiles;
import org.groklab.measure.Wilson;
import org.groklab.sweep.SweepDirectory;
import org.groklab.sweep.SweepPlan;
import org.groklab.train.Outcome;

/**
 * {@code groklab analyze SWEEP_DIR}: {@link RunAnalysis} of every finished run of a sweep, and how many key
 * frequencies the runs use, by outcome (PAIR: the generalizing runs each use a handful of frequencies, different
 * ones from run to run). Writes {@code key-frequencies.csv} into the sweep directory: one row per analysed run.
 */
public final class SweepAnalysis {
    public static final String CSV = "key-frequencies.csv";

    /** One analysed run. */
    public record Row(String runId, int cell, String cellLabel, long seed, String outcome, List<Integer> keys,
                      double keyWeight, double testLoss, double restrictedLoss, double excludedLoss) {
    }

    /** The analysed runs, the number of planned runs, and the CSV written. */
    public record Result(String name, List<Row> rows, int planned, Path csv) {
    }

    private SweepAnalysis() {
    }

    /**
     * Analyses every finished run of a sweep ({@code perRun} is handed each run's result, e.g. to draw its
     * figures) and writes key-frequencies.csv.
     */
    public static Result analyze(Path dir, java.util.function.Consumer<RunAnalysis.Result> perRun,
                                 PrintWriter progress) {
        SweepDirectory sweep = SweepDirectory.open(dir);
        List<SweepPlan.Run> runs = sweep.plan().runs();
        List<Row> rows = new ArrayList<>();
        for (SweepPlan.Run run : runs) {
            if (!sweep.complete(run)) {
                continue;
            }
            RunAnalysis.Result r = RunAnalysis.analyze(sweep.run(run.runId()), RunAnalysis.Options.defaults());
            perRun.accept(r);
            FourierAnalysis fa = r.last().fourier();
            var pm = r.last().progress();
            String label = sweep.plan().cells().get(run.cell()).label();
            rows.add(new Row(run.runId(), run.cell(), label, run.seed(), r.outcome(), fa.keyFrequencies(),
                    fa.keyWeight(), pm.testLoss(), pm.restrictedLoss(), pm.excludedLoss()));
            if (progress != null) {
                progress.printf(Locale.ROOT, "analysed %d/%d: %s seed %d %s, key frequencies [%s]%n", rows.size(),
                        runs.size(), run.runId(), run.seed(), r.outcome(), RunAnalysis.join(fa.keyFrequencies()));
                progress.flush();
            }
        }
        StringBuilder csv = new StringBuilder(
                "run_id,cell,cell_label,seed,outcome,key_count,key_frequencies,key_weight,test_loss,restricted_loss,"
                        + "excluded_loss\n");
        for (Row r : rows) {
            csv.append(String.format(Locale.ROOT, "%s,%d,\"%s\",%d,%s,%d,%s,%s,%s,%s,%s%n", r.runId(), r.cell(),
                    r.cellLabel().replace("\"", "\"\""), r.seed(),
                    r.outcome(), r.keys().size(), RunAnalysis.join(r.keys()), r.keyWeight(), r.testLoss(),
                    r.restrictedLoss(), r.excludedLoss()));
        }
        Path out = dir.resolve(CSV);
        try {
            AtomicFiles.writeString(out, csv.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Result(sweep.plan().name(), List.copyOf(rows), runs.size(), out);
    }

    /**
     * Per cell: the share of its analysed runs that generalized (outcome grok or direct-generalize) with its Wilson
     * 95% interval, and the key frequencies of each run that did.
     */
    static String rates(List<Row> sorted) {
        Map<String, List<Row>> byCell = new LinkedHashMap<>();
        for (Row row : sorted) {
            byCell.computeIfAbsent(row.cellLabel(), k -> new ArrayList<>()).add(row);
        }
        StringBuilder b = new StringBuilder();
        byCell.forEach((cell, rows) -> {
            List<Row> generalized = rows.stream().filter(r -> r.outcome().equals(Outcome.GROK.label())
                    || r.outcome().equals(Outcome.DIRECT_GENERALIZE.label())).toList();
            Wilson.Interval w = Wilson.interval(generalized.size(), rows.size());
            b.append(String.format(Locale.ROOT, "%s: generalized %d of %d runs (%.0f%%, Wilson 95%% interval "
                            + "%.0f%%-%.0f%%)%n", cell, generalized.size(), rows.size(),
                    100.0 * generalized.size() / rows.size(), 100 * w.lower(), 100 * w.upper()));
            for (Row r : generalized) {
                b.append(String.format(Locale.ROOT, "  seed %d (%s): key frequencies [%s]%n", r.seed(), r.outcome(),
                        RunAnalysis.join(r.keys())));
            }
        });
        return b.toString();
    }

    /**
     * The distribution of key-frequency counts across seeds: one line per cell and outcome with the number of runs
     * and how many key frequencies they use ("count (runs)"); then the frequencies used most often by the runs that
     * generalized (those of a network that has not generalized say nothing of the generalizing algorithm).
     */
    public static String table(Result r) {
        Map<String, Map<Integer, Integer>> groups = new LinkedHashMap<>();
        Map<Integer, Integer> byFrequency = new TreeMap<>();
        List<Row> sorted = new ArrayList<>(r.rows());
        sorted.sort(Comparator.comparingInt(Row::cell).thenComparing(Row::outcome));
        int cellWidth = 4;
        for (Row row : sorted) {
            groups.computeIfAbsent(row.cellLabel() + "\t" + row.outcome(), k -> new TreeMap<>())
                    .merge(row.keys().size(), 1, Integer::sum);
            cellWidth = Math.max(cellWidth, row.cellLabel().length());
            if (generalized(row.outcome())) {
                for (int k : row.keys()) {
                    byFrequency.merge(k, 1, Integer::sum);
                }
            }
        }
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "sweep %s: %d of %d runs finished and analysed%n", r.name(),
                r.rows().size(), r.planned()));
        String format = "%-" + cellWidth + "s  %-17s %4s  %s%n";
        b.append(String.format(Locale.ROOT, format, "cell", "outcome", "runs",
                "key frequencies per run: count (runs)"));
        groups.forEach((key, counts) -> {
            String[] parts = key.split("\t");
            int total = counts.values().stream().mapToInt(Integer::intValue).sum();
            StringBuilder dist = new StringBuilder();
            counts.forEach((count, runs) -> dist.append(dist.isEmpty() ? "" : ", ").append(count).append(" (")
                    .append(runs).append(')'));
            b.append(String.format(Locale.ROOT, format, parts[0], parts[1], total, dist));
        });
        b.append(rates(sorted));
        if (!byFrequency.isEmpty()) {
            List<Map.Entry<Integer, Integer>> top = new ArrayList<>(byFrequency.entrySet());
            top.sort((x, y) -> y.getValue() != x.getValue().intValue() ? y.getValue() - x.getValue()
                    : x.getKey() - y.getKey());
            b.append("most used key frequencies of the runs that generalized (runs):");
            for (Map.Entry<Integer, Integer> e : top.subList(0, Math.min(10, top.size()))) {
                b.append(' ').append(e.getKey()).append(" (").append(e.getValue()).append(')');
            }
            b.append('\n');
        } else if (!sorted.isEmpty()) {
            b.append("no run generalized: the key frequencies above are of networks that have not generalized\n");
        }
        return b.toString();
    }

    /** Grok and direct-generalize: the outcomes whose key frequencies are those of a generalizing network. */
    static boolean generalized(String outcome) {
        return "grok".equals(outcome) || "direct-generalize".equals(outcome);
    }
}
