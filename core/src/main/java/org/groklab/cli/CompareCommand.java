package org.groklab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.groklab.figures.LearningCurves;
import org.groklab.figures.RunComparison;
import org.groklab.query.RunFolder;
import org.groklab.query.Table;
import org.groklab.run.MetricsTable;
import org.groklab.run.RunDirectory;
import org.groklab.run.Summary;
import org.groklab.spec.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare runs: print the keys whose values differ between their specs and each run's outcome, "
                + "and draw their learning curves overlaid (accuracy and test loss against step) into one PNG."})
final class CompareCommand implements Callable<Integer> {
    @CommandLine.Parameters(paramLabel = "RUN", arity = "2..*", description = "two or more run directories")
    List<Path> runs;

    @CommandLine.Option(names = "--out", paramLabel = "FILE.png", defaultValue = "compare.png",
            description = "the figure (default: ${DEFAULT-VALUE})")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        String file = String.valueOf(out.getFileName());
        if (!file.endsWith(".png") || file.length() <= 4) {
            throw new SpecException("--out", "give a file name ending in .png, got " + out);
        }
        List<String> labels = new ArrayList<>();
        List<Map<String, JsonNode>> flat = new ArrayList<>();
        List<RunDirectory> dirs = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (Path p : runs) {
            RunDirectory d = RunDirectory.open(p);
            dirs.add(d);
            String label = String.valueOf(p.toAbsolutePath().normalize().getFileName());
            labels.add(names.add(label) ? label : p.toString());
            Map<String, JsonNode> values = new LinkedHashMap<>();
            RunFolder.flatten("", d.spec().tree(), values);
            flat.add(values);
        }
        PrintWriter o = spec.commandLine().getOut();
        List<String> differing = new ArrayList<>();
        if (flat.stream().map(m -> String.valueOf(m.get("seed"))).distinct().count() > 1) {
            differing.add("seed");
        }
        differing.addAll(RunFolder.differing(flat));
        o.print(table("key", differing, labels, flat).text("-"));
        if (differing.isEmpty()) {
            o.println("(the specs are the same)");
        }
        o.println();
        o.print(outcomes(labels, dirs).text("-"));
        List<RunComparison.Run> curves = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            MetricsTable m = MetricsTable.read(dirs.get(i).root());
            curves.add(new RunComparison.Run(labels.get(i), new LearningCurves.Curves(m.get("step"),
                    m.get("train_loss"), m.get("test_loss"), m.get("train_acc"), m.get("test_acc"))));
        }
        Path abs = out.toAbsolutePath().normalize();
        o.println("figure: " + RunComparison.write(abs.getParent(), file.substring(0, file.length() - 4), curves));
        o.flush();
        return Main.OK;
    }

    /** One row per key, one column per run. */
    static Table table(String first, List<String> keys, List<String> labels, List<Map<String, JsonNode>> flat) {
        List<String> columns = new ArrayList<>(List.of(first));
        columns.addAll(labels);
        List<List<String>> rows = new ArrayList<>();
        for (String k : keys) {
            List<String> row = new ArrayList<>(List.of(k));
            for (Map<String, JsonNode> m : flat) {
                JsonNode v = m.get(k);
                row.add(v == null ? null : v.isTextual() ? v.asText() : v.toString());
            }
            rows.add(row);
        }
        return new Table(columns, java.util.Collections.nCopies(columns.size(), false), rows);
    }

    /** Each run's outcome, events and final accuracies. */
    static Table outcomes(List<String> labels, List<RunDirectory> dirs) {
        List<String> columns = new ArrayList<>(List.of("run", "outcome", "memorized", "generalized",
                "final_train_acc", "final_test_acc"));
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            RunDirectory d = dirs.get(i);
            List<String> row = new ArrayList<>(List.of(labels.get(i)));
            if (!d.complete()) {
                row.addAll(java.util.Arrays.asList("in progress", null, null, null, null));
            } else {
                Summary s = d.readSummary();
                row.add(s.outcome() + (Boolean.TRUE.equals(s.stillImproving()) ? " (still improving)" : ""));
                row.add(s.memorizationStep() == null ? null : s.memorizationStep().toString());
                row.add(s.generalizationStep() == null ? null : s.generalizationStep().toString());
                row.add(fmt(s.finalMetrics().get("train_acc")));
                row.add(fmt(s.finalMetrics().get("test_acc")));
            }
            rows.add(row);
        }
        return new Table(columns, List.of(false, false, true, true, true, true), rows);
    }

    private static String fmt(Double d) {
        return d == null ? null : String.format(java.util.Locale.ROOT, "%.3f", d);
    }
}
