package org.groklab.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.groklab.sweep.SweepPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Sizes and counts are bounded before anything is allocated: the probe's huge inputs are one-line errors. */
class BoundsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "quick-modadd | task.p=2000 | task.p: an integer in [2, 1000], got 2000",
        "quick-modadd | model.width=10000000 | model.width: an integer in [1, 100000], got 10000000",
        "pair-modadd | model.d_embed=100000000 | model.d_embed: an integer in [1, 100000], got 100000000",
        "quick-parity | model.width=10000000 | model.width: an integer in [1, 100000], got 10000000",
        "quick-modadd | train.steps=9223372036854775807 | train.steps: an integer in [1, 100000000], got 9223372036854775807",
        "quick-modadd | eval.per_decade=2000000000 | eval.per_decade: an integer in [0, 1000], got 2000000000",
        "quick-modadd | checkpoints.per_decade=2000000000 | checkpoints.per_decade: an integer in [0, 100], got 2000000000",
        "quick-parity | task.train_size=2000000000 | task.train_size: an integer in [1, 1000000], got 2000000000",
        "pair-modadd | model.d_embed=10000000 | model.d_embed: an integer in [1, 100000], got 10000000",
        "pair-modadd | model.width=10000000 | model.width: an integer in [1, 100000], got 10000000",
        // numbers that do not fit the field's int or long: the validator's range, with the number given
        "pair-modadd | task.p=2147483648 | task.p: an integer in [2, 1000], got 2147483648",
        "quick-modadd | task.p=-2147483649 | task.p: an integer in [2, 1000], got -2147483649",
        "quick-modadd | train.steps=92233720368547758070 | train.steps: an integer in [1, 100000000], got 92233720368547758070",
        "quick-modadd | eval.every=2147483648 | eval.every: a whole number in [-2147483648, 2147483647], got 2147483648",
        "quick-modadd | seed=100000000000000000000 | seed: a whole number in [-9223372036854775808, 9223372036854775807], got 100000000000000000000",
    })
    void hugeSettingsAreRefusedNamingTheirRange(String preset, String set, String message) {
        SpecException e = assertThrows(SpecException.class, () -> SpecLoader.load(preset, null, List.of(set)));
        assertEquals(message, e.getMessage());
    }

    @Test
    void hugeSweepsAreRefusedBeforeTheyAreExpanded(@TempDir Path tmp) throws Exception {
        Path seeds = tmp.resolve("seeds.yaml");
        Files.writeString(seeds, "name: s\nbase: {preset: quick-modadd}\naxes:\n  - {field: optimizer.lr, values: [0.001]}\nseeds: 2000000000\n");
        SpecException a = assertThrows(SpecException.class, () -> SweepPlan.of(seeds));
        assertEquals("seeds: a count in [1, 10000], got 2000000000", a.getMessage());
        Path count = tmp.resolve("count.yaml");
        Files.writeString(count, "name: c\nbase: {preset: quick-modadd}\naxes:\n"
                + "  - {field: optimizer.lr, linear: {from: 0.001, to: 0.01, count: 2000000000}}\n");
        SpecException b = assertThrows(SpecException.class, () -> SweepPlan.of(count));
        assertEquals("axes[0].linear.count: an integer in [1, 10000], got 2000000000", b.getMessage());
        Path product = tmp.resolve("product.yaml");
        Files.writeString(product, "name: p\nbase: {preset: quick-modadd}\naxes:\n"
                + "  - {field: optimizer.lr, linear: {from: 0.001, to: 0.01, count: 1000}}\n"
                + "  - {field: optimizer.weight_decay, linear: {from: 0, to: 1, count: 1000}}\nseeds: 1\n");
        SpecException c = assertThrows(SpecException.class, () -> SweepPlan.of(product));
        assertEquals("axes: the sweep plans more than 100000 runs; at most 100000 (cells x seeds; use sample: to "
                + "pick cells)", c.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "pair-modadd | optimizer.momentum=0.9 | optimizer.momentum: is used by sgd only; this run's optimizer is adamw",
        "pair-modadd | optimizer.nesterov=true | optimizer.nesterov: is used by sgd only; this run's optimizer is adamw",
        "thesis-fig2.1 | optimizer.eps=1e-6 | optimizer.eps: is used by adam and adamw only; this run's optimizer is sgd",
        "quick-modadd | optimizer.decay_switch_to=0.1 | optimizer.decay_switch_to: is used only with "
                + "optimizer.decay_switch_at memorization or generalization",
    })
    void settingsTheRunsOptimizerDoesNotUseAreErrors(String preset, String set, String message) {
        SpecException e = assertThrows(SpecException.class, () -> SpecLoader.load(preset, null, List.of(set)));
        assertEquals(message, e.getMessage());
    }
}
