package org.groklab.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A sweep, as written in its YAML or JSON file: a base run (a preset or a config file, plus overrides), axes over
 * any spec field, a number of seeds per cell, and optionally a random sample of the cells.
 *
 * <pre>
 * name: demo-modadd
 * base: {preset: quick-modadd, set: {train.steps: 2000}}
 * axes:
 *   - {field: task.train_fraction, values: [0.3, 0.5, 0.7]}
 *   - {field: optimizer.weight_decay, log: {from: 0.01, to: 1, count: 5}}
 *   - zip: [{field: optimizer.lr, values: [1e-3, 3e-3]}, {field: train.steps, values: [4000, 2000]}]
 * seeds: 3                      # or a list: [0, 1, 2]
 * sample: {count: 10, seed: 0}  # optional
 * </pre>
 */
public record SweepSpec(String name, String source, Base base, List<AxisSpec> axes, JsonNode seeds, Sample sample) {

    /** The run every cell starts from: a preset or a config file (relative to the sweep file), and overrides. */
    public record Base(String preset, String config, Map<String, JsonNode> set) {
    }

    /**
     * One axis: a field and its values (a list, or a linear or log range of {@code count} points), or a group of
     * axes zipped together ({@code zip}), which move in step.
     */
    public record AxisSpec(String field, List<JsonNode> values, Range linear, Range log, List<AxisSpec> zip) {
    }

    /** From, to (both included) and the number of points. */
    public record Range(double from, double to, int count) {
    }

    /** A seeded random subset of {@code count} cells. */
    public record Sample(int count, long seed) {
    }
}
