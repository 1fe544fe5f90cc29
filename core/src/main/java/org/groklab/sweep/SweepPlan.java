package org.groklab.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.groklab.math.Rng;
import org.groklab.run.RunDirectory;
import org.groklab.spec.SpecException;
import org.groklab.spec.SpecLoader;

/**
 * A sweep expanded into runs. Cells are the cartesian product of the axes, first axis outermost (a zipped group
 * is one axis); each cell is run once per seed. Every run is fully resolved and validated here, before anything
 * starts, and named by its run id (the hash of its resolved spec), so the same sweep always names the same runs.
 */
public final class SweepPlan {

    /** One point of the grid: the value of each swept field. */
    public record Cell(int index, Map<String, JsonNode> values) {
        public String label() {
            List<String> parts = new ArrayList<>();
            values.forEach((k, v) -> parts.add(k + "=" + (v.isTextual() ? v.asText() : v.toString())));
            return String.join(" ", parts);
        }
    }

    /** One run of the sweep. */
    public record Run(String runId, int cell, long seed, SpecLoader.Loaded spec) {
    }

    private final String name;
    private final ObjectNode base;
    private final List<String> fields;
    private final List<Cell> cells;
    private final List<Run> runs;

    private SweepPlan(String name, ObjectNode base, List<String> fields, List<Cell> cells, List<Run> runs) {
        this.name = name;
        this.base = base;
        this.fields = fields;
        this.cells = cells;
        this.runs = runs;
    }

    public String name() {
        return name;
    }

    /** The resolved base spec every run starts from. */
    public ObjectNode base() {
        return base;
    }

    /** The swept fields, in axis order. */
    public List<String> fields() {
        return fields;
    }

    public List<Cell> cells() {
        return cells;
    }

    public List<Run> runs() {
        return runs;
    }

    /**
     * The heap of the plan's largest run, times the runs its {@code workers} hold at once (at most one per run).
     */
    public org.groklab.kind.ResourceEstimate memory(int workers) {
        org.groklab.kind.ResourceEstimate largest = new org.groklab.kind.ResourceEstimate(0, "axes", "the run");
        for (Run r : runs) {
            var spec = r.spec().spec();
            var e = org.groklab.kind.Kinds.of(spec).memory(spec);
            if (e.bytes() > largest.bytes()) {
                largest = e;
            }
        }
        int atOnce = Math.max(1, Math.min(workers, runs.size()));
        return atOnce == 1 ? largest : largest.timesWorkers(atOnce);
    }

    /** A hash of the run ids in order: two sweeps with the same hash run the same runs. */
    public String hash() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Run r : runs) {
                md.update((r.runId() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return java.util.HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Plans the sweep in {@code file}; a config named by its base is read relative to the file. */
    public static SweepPlan of(Path file) {
        JsonNode tree = SpecLoader.readFile(file, "SPEC");
        SweepSpec spec = SweepSpecs.bind(tree);
        ObjectNode base = SweepSpecs.resolveBase(spec, file.toAbsolutePath().getParent());
        return expand(spec, base);
    }

    /** Plans a shipped sweep preset ({@code resources/sweeps/NAME.yaml}); its base must be a preset. */
    public static SweepPlan ofPreset(String name) {
        return expand(SweepSpecs.bind(SweepSpecs.presetTree(name)), resolveBase(SweepSpecs.presetTree(name)));
    }

    private static ObjectNode resolveBase(JsonNode tree) {
        SweepSpec spec = SweepSpecs.bind(tree);
        if (spec.base().config() != null) {
            throw new SpecException("base.config", "a sweep preset must build on a preset, not a file");
        }
        return SweepSpecs.resolveBase(spec, null);
    }

    /** Expands a bound sweep spec over a resolved base tree. */
    /** The most seeds per cell, points per axis and runs in one sweep (Murray's Figure 2 is 19,584 runs). */
    public static final int MAX_SEEDS = 10_000;
    public static final int MAX_POINTS = 10_000;
    public static final long MAX_RUNS = 100_000;

    public static SweepPlan expand(SweepSpec spec, ObjectNode base) {
        List<Axis> axes = new ArrayList<>();
        for (int i = 0; i < spec.axes().size(); i++) {
            axes.add(Axis.of(spec.axes().get(i), "axes[" + i + "]"));
        }
        List<String> fields = new ArrayList<>();
        for (Axis a : axes) {
            for (String f : a.fields()) {
                if (fields.contains(f)) {
                    throw new SpecException("axes", "field " + f + " is swept twice");
                }
                fields.add(f);
            }
        }
        long cellCount = 1;
        for (Axis a : axes) {
            cellCount = Math.multiplyExact(cellCount, (long) a.points().size());
            if (cellCount > MAX_RUNS) {
                break;
            }
        }
        long planned = spec.sample() != null && spec.sample().count() > 0 ? Math.min(cellCount, spec.sample().count())
                : cellCount;
        long seedCount = SweepSpecs.seeds(spec.seeds()).length;
        if (cellCount > MAX_RUNS || planned * seedCount > MAX_RUNS) {
            throw new SpecException("axes", "the sweep plans " + (cellCount > MAX_RUNS ? "more than " + MAX_RUNS
                    : planned * seedCount) + " runs; at most " + MAX_RUNS + " (cells x seeds; use sample: to pick "
                    + "cells)");
        }
        List<Map<String, JsonNode>> grid = new ArrayList<>();
        grid.add(new LinkedHashMap<>());
        for (Axis a : axes) {
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> partial : grid) {
                for (List<JsonNode> point : a.points()) {
                    Map<String, JsonNode> m = new LinkedHashMap<>(partial);
                    for (int f = 0; f < a.fields().size(); f++) {
                        m.put(a.fields().get(f), point.get(f));
                    }
                    next.add(m);
                }
            }
            grid = next;
        }
        int[] chosen = sample(spec.sample(), grid.size());
        List<Cell> cells = new ArrayList<>();
        for (int i = 0; i < chosen.length; i++) {
            cells.add(new Cell(i, grid.get(chosen[i])));
        }
        long[] seeds = SweepSpecs.seeds(spec.seeds());
        List<Run> runs = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Cell cell : cells) {
            for (long seed : seeds) {
                ObjectNode tree = base.deepCopy();
                cell.values().forEach((field, value) -> {
                    try {
                        SpecLoader.set(tree, field, value);
                    } catch (SpecException e) {
                        throw new SpecException("axes: " + e.field(), e.getMessage().substring(e.field().length() + 2));
                    }
                });
                tree.put("seed", seed);
                SpecLoader.Loaded loaded;
                try {
                    loaded = SpecLoader.bind(tree);
                } catch (SpecException e) {
                    throw new SpecException(e.field(), e.getMessage().substring(e.field().length() + 2)
                            + " (in cell " + cell.label() + ")");
                }
                String id = RunDirectory.runId(loaded.tree());
                if (ids.add(id)) {
                    runs.add(new Run(id, cell.index(), seed, loaded));
                }
            }
        }
        return new SweepPlan(spec.name(), base, fields, cells, runs);
    }

    private static int[] sample(SweepSpec.Sample sample, int n) {
        if (sample == null || sample.count() >= n) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        if (sample.count() <= 0) {
            throw new SpecException("sample.count", "must be > 0, got " + sample.count());
        }
        int[] pick = Arrays.copyOf(Rng.stream(sample.seed(), "sample").permutation(n), sample.count());
        Arrays.sort(pick);
        return pick;
    }

    /** An expanded axis: its fields and, per point, one value per field. */
    record Axis(List<String> fields, List<List<JsonNode>> points) {

        static Axis of(SweepSpec.AxisSpec a, String where) {
            if (a.zip() != null) {
                if (a.field() != null || a.values() != null || a.linear() != null || a.log() != null) {
                    throw new SpecException(where, "a zip axis holds only its list of axes");
                }
                if (a.zip().isEmpty()) {
                    throw new SpecException(where + ".zip", "an empty zip; give at least one axis");
                }
                List<String> fields = new ArrayList<>();
                List<List<JsonNode>> columns = new ArrayList<>();
                for (int i = 0; i < a.zip().size(); i++) {
                    Axis inner = of(a.zip().get(i), where + ".zip[" + i + "]");
                    fields.addAll(inner.fields());
                    columns.add(inner.points().stream().map(p -> p.get(0)).toList());
                }
                int n = columns.get(0).size();
                for (int i = 1; i < columns.size(); i++) {
                    if (columns.get(i).size() != n) {
                        throw new SpecException(where + ".zip", "zipped axes need the same number of values ("
                                + n + " and " + columns.get(i).size() + ")");
                    }
                }
                List<List<JsonNode>> points = new ArrayList<>();
                for (int j = 0; j < n; j++) {
                    List<JsonNode> p = new ArrayList<>();
                    for (List<JsonNode> c : columns) {
                        p.add(c.get(j));
                    }
                    points.add(p);
                }
                return new Axis(fields, points);
            }
            if (a.field() == null || a.field().isBlank()) {
                throw new SpecException(where + ".field", "each axis names the spec field it sweeps");
            }
            int kinds = (a.values() != null ? 1 : 0) + (a.linear() != null ? 1 : 0) + (a.log() != null ? 1 : 0);
            if (kinds != 1) {
                throw new SpecException(where, "give exactly one of values, linear or log for " + a.field());
            }
            List<JsonNode> values = new ArrayList<>();
            if (a.values() != null) {
                values.addAll(a.values());
            } else {
                SweepSpec.Range r = a.linear() != null ? a.linear() : a.log();
                boolean log = a.log() != null;
                if (r.count() < 1 || r.count() > MAX_POINTS) {
                    throw new SpecException(where + (log ? ".log" : ".linear") + ".count", "an integer in [1, "
                            + MAX_POINTS + "], got " + r.count());
                }
                if (log && (r.from() <= 0 || r.to() <= 0)) {
                    throw new SpecException(where + ".log", "from and to must be > 0 for a log range");
                }
                for (int i = 0; i < r.count(); i++) {
                    double t = r.count() == 1 ? 0 : (double) i / (r.count() - 1);
                    double v = log ? Math.exp(Math.log(r.from()) + t * (Math.log(r.to()) - Math.log(r.from())))
                            : r.from() + t * (r.to() - r.from());
                    values.add(SpecLoader.JSON.getNodeFactory().numberNode(round(v)));
                }
            }
            if (values.isEmpty()) {
                throw new SpecException(where + ".values", "an empty axis; give at least one value for " + a.field());
            }
            return new Axis(List.of(a.field()), values.stream().map(List::of).toList());
        }

        /** 12 significant digits, so that 0.1 + 2·0.1 prints as 0.3 and run ids stay stable. */
        private static double round(double v) {
            return v == 0 ? 0 : new java.math.BigDecimal(v).round(new java.math.MathContext(12)).doubleValue();
        }
    }

    static String json(JsonNode node) {
        try {
            return SpecLoader.JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
