package org.groklab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.groklab.spec.SpecLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated malformed specs, sweep files and command lines (seeded, so the same cases every time), each run through
 * {@link Main#run}: exit code 0, 1 or 2 only, no stack trace, at most two lines on stderr for an error, nothing
 * written on exit 2, and every case done within a bound.
 *
 * <p>Cases that set a size or count ({@link #SIZES}, sweep seeds and axis counts) to a huge whole number (more than
 * {@value #HUGE}) are generated but not run:
 * they need the range checks of the spec validator (a model of ten million units, a run of 2^63 steps, a sweep of
 * two billion cells allocate or run until they are stopped). They are counted and printed, to be run once the
 * validator bounds every field.
 */
class FuzzTest {
    static final long HUGE = 100_000;
    static final int SPECS = 260;
    static final int SWEEPS = 160;
    static final int COMMANDS = 160;

    static final List<String> LEAVES = List.of("name", "source", "seed", "task.type", "task.p", "task.operation",
            "task.pairs", "task.train_fraction", "task.label_noise", "task.table_seed", "task.n", "task.k",
            "task.train_size", "task.test_size", "task.test_seed", "task.bits", "model.type", "model.d_embed",
            "model.width", "model.tied_embedding", "model.activation", "model.layers", "model.hidden_bias",
            "loss.type", "loss.reduction", "optimizer.type", "optimizer.lr", "optimizer.betas", "optimizer.eps",
            "optimizer.momentum", "optimizer.weight_decay", "optimizer.decay", "optimizer.schedule",
            "optimizer.warmup_steps", "optimizer.min_lr_factor", "optimizer.grad_clip", "optimizer.decay_switch_at",
            "train.steps", "train.batch_size", "eval.every", "eval.per_decade", "eval.memorize_at",
            "checkpoints.per_decade", "checkpoints.resume_every", "snapshots.every", "snapshots.steps");

    /** Sizes and counts: a huge whole number here allocates or runs for as long as it says. */
    static final List<String> SIZES = List.of("task.p", "task.n", "task.k", "task.train_size", "task.test_size",
            "model.d_embed", "model.width", "train.steps", "train.batch_size", "eval.per_decade",
            "checkpoints.per_decade");

    /** Values of the wrong type, sign or size, as YAML text. */
    static final List<String> BAD = List.of("-1", "0", "-1000000", "1.5", "-0.5", "2147483648", "1e300", "-1e300",
            "abc", "''", "true", "null", "[]", "{}", "[1, 2]", "{a: 1}", ".nan", "-.inf", "3", "0.999999", "\"7\"",
            "9223372036854775808", "-9223372036854775809", "[[[]]]", "&x 5", "*undefined", "1_000", "0x10", "~",
            "2000000000", "100000000", "9223372036854775807", ".inf");

    @TempDir
    static Path root;
    static Path run;
    static int skipped;
    static final List<String> VALIDATOR_CASES = new ArrayList<>();

    @BeforeAll
    static void trainOne() {
        run = root.resolve("run");
        CliRunner.Result r = CliRunner.run("train", "--preset", "quick-modadd", "--quiet", "--set", "train.steps=5",
                "--set", "eval.every=1", "--out", run.toString());
        assertEquals(0, r.code(), r.toString());
    }

    /** A run spec as YAML text: quick-modadd, 3 steps, with 1-3 mutations. */
    static String spec(Random rnd, List<String> huge) {
        ObjectNode tree = SpecLoader.resolve("quick-modadd", null, List.of("train.steps=3", "eval.every=1",
                "eval.per_decade=0", "checkpoints.per_decade=0"));
        int mutations = 1 + rnd.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            mutateTree(rnd, tree, huge);
        }
        String text;
        try {
            text = rnd.nextInt(4) == 0 ? SpecLoader.JSON.writeValueAsString(tree)
                    : SpecLoader.YAML.writeValueAsString(tree);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return rnd.nextInt(3) == 0 ? mutateText(rnd, text) : text;
    }

    static void mutateTree(Random rnd, ObjectNode tree, List<String> huge) {
        String leaf = LEAVES.get(rnd.nextInt(LEAVES.size()));
        String[] parts = leaf.split("\\.");
        if (parts.length > 1 && !tree.path(parts[0]).isObject()) {
            return; // an earlier mutation replaced the section
        }
        ObjectNode parent = parts.length == 1 ? tree : (ObjectNode) tree.get(parts[0]);
        String key = parts[parts.length - 1];
        switch (rnd.nextInt(5)) {
            case 0, 1 -> {
                String raw = BAD.get(rnd.nextInt(BAD.size()));
                JsonNode v;
                try {
                    v = raw.startsWith("&") || raw.startsWith("*") ? JsonNodeFactory.instance.textNode(raw)
                            : SpecLoader.YAML.readTree(raw);
                } catch (Exception e) {
                    v = JsonNodeFactory.instance.textNode(raw);
                }
                if (v == null) {
                    v = JsonNodeFactory.instance.nullNode();
                }
                if (SIZES.contains(leaf) && v.isIntegralNumber() && v.asDouble() > HUGE) {
                    huge.add(leaf + "=" + raw);
                }
                parent.set(key, v);
            }
            case 2 -> parent.put("unknown_" + rnd.nextInt(100), 1);
            case 3 -> tree.put(parts[0], rnd.nextBoolean() ? "scalar" : "");
            default -> parent.remove(key);
        }
    }

    /** Text damage: truncation, a duplicated line, stray characters, a bad alias, garbage bytes. */
    static String mutateText(Random rnd, String text) {
        return switch (rnd.nextInt(7)) {
            case 0 -> text.substring(0, rnd.nextInt(text.length() + 1));
            case 1 -> {
                String[] lines = text.split("\n");
                String dup = lines[1 + rnd.nextInt(lines.length - 1)];
                yield text + dup + "\n";
            }
            case 2 -> {
                int at = rnd.nextInt(text.length() + 1);
                String junk = List.of("\t", ":", "[", "{", "}", "- ", "&a ", "*a", "!!binary ", "%", "'", "\"", "\\")
                        .get(rnd.nextInt(13));
                yield text.substring(0, at) + junk + text.substring(at);
            }
            case 3 -> text + "extra: *nowhere\n";
            case 4 -> "";
            case 5 -> "- just\n- a\n- list\n";
            default -> {
                byte[] b = new byte[1 + rnd.nextInt(200)];
                rnd.nextBytes(b);
                yield new String(b, StandardCharsets.ISO_8859_1);
            }
        };
    }

    /** A sweep spec as YAML text: the two-run test sweep with 1-2 mutations. */
    static String sweep(Random rnd, List<String> huge) {
        List<String> name = List.of("name: fuzz", "name: ''", "name: 'a b'", "name: [x]", "");
        List<String> base = List.of("base: {preset: quick-modadd, set: {train.steps: 3, eval.every: 1}}",
                "base: {preset: nope}", "base: {preset: quick-modadd, config: x.yaml}", "base: {}", "base: 3",
                "base: {preset: quick-modadd, set: {nope: 1}}", "base: {config: missing.yaml}",
                "base: {preset: quick-modadd, set: {train.steps: -3}}", "");
        List<String> axes = List.of("axes: [{field: optimizer.weight_decay, values: [0.1, 0.3]}]",
                "axes: []", "axes: [{field: nope, values: [1]}]", "axes: [{field: seed}]",
                "axes: [{field: optimizer.lr, log: {from: 0, to: 1, count: 3}}]",
                "axes: [{field: optimizer.lr, log: {from: 1, to: 0.1, count: -2}}]",
                "axes: [{field: optimizer.lr, linear: {from: 1, to: 2}}]",
                "axes: [{field: optimizer.lr, values: [a, b]}]",
                "axes: [{zip: [{field: seed, values: [1, 2]}, {field: task.p, values: [31]}]}]",
                "axes: [{field: task.p, values: [31, 1.5, -7]}]", "axes: {field: seed}", "axes: 7", "",
                "axes: [{field: optimizer.lr, linear: {from: 0.1, to: 0.2, count: 2000000000}}]",
                "axes: [{field: optimizer.lr, values: [0.1], log: {from: 1, to: 2, count: 2}}]");
        List<String> seeds = List.of("seeds: 1", "seeds: 0", "seeds: -5", "seeds: []", "seeds: [a]", "seeds: 1.5",
                "seeds: [1, 1, 2]", "seeds: 2000000000", "seeds: {a: 1}", "", "sample: 1", "sample: -1",
                "seeds: 9223372036854775807");
        String a = axes.get(rnd.nextInt(axes.size()));
        String s = seeds.get(rnd.nextInt(seeds.size()));
        if (a.contains("2000000000")) {
            huge.add(a);
        }
        if (s.contains("2000000000") || s.contains("9223372036854775807")) {
            huge.add(s);
        }
        String text = String.join("\n", name.get(rnd.nextInt(name.size())), base.get(rnd.nextInt(base.size())), a,
                s) + "\n";
        return rnd.nextInt(4) == 0 ? mutateText(rnd, text) : text;
    }

    /** A command line from pieces that are each wrong in some way (or right, in the wrong company). */
    static List<String> command(Random rnd, Path out, Path file) {
        List<List<String>> heads = List.of(List.of("train"), List.of("resume"), List.of("sweep", "plan"),
                List.of("sweep", "run"), List.of("sweep", "resume"), List.of("sweep", "table"),
                List.of("sweep", "export"), List.of("sweep", "figures"), List.of("query"), List.of("analyze"),
                List.of("presets"), List.of("bogus"), List.of(), List.of("parity", "run"), List.of("sweep"));
        List<List<String>> pieces = List.of(List.of("--preset", "nope"), List.of("--preset", "quick-modadd"),
                List.of("--config", file.toString()), List.of("--config", root.resolve("missing.yaml").toString()),
                List.of("--config", root.toString()), List.of("--set", "task.p=-3"), List.of("--set", "nope=1"),
                List.of("--set", "=1"), List.of("--set", "task=3"), List.of("--set", "task.p.x=3"),
                List.of("--set", "optimizer.lr=abc"), List.of("--out", out.toString()),
                List.of("--out", root.resolve("a-file").resolve("x").toString()), List.of("--out", ""),
                List.of("--workers", "0"), List.of("--workers", "-1"), List.of("--workers", "abc"),
                List.of("--workers", "99999999999"), List.of("--max-rows", "0"), List.of("--csv"), List.of("--quiet"),
                List.of(run.toString()), List.of(root.resolve("missing").toString()), List.of(file.toString()),
                List.of(root.resolve("a-file").toString()), List.of("SELECT nope"), List.of("SELECT 1; SELECT 2"),
                List.of("COPY (SELECT 1) TO '" + out + "'"), List.of("--zzz"), List.of("-"), List.of(""),
                List.of("--input", "1,2,3"), List.of("--input", "a"), List.of("--x", "nope"),
                List.of("--parquet", out.resolve("x.parquet").toString()), List.of("--no-figures"));
        List<String> args = new ArrayList<>(heads.get(rnd.nextInt(heads.size())));
        int n = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            args.addAll(pieces.get(rnd.nextInt(pieces.size())));
        }
        boolean longRun = args.contains("quick-modadd") && !args.contains("nope") && !args.contains("--config");
        if (longRun && (args.get(0).equals("train") || args.get(0).equals("parity"))) {
            args.addAll(List.of("--set", "train.steps=3", "--set", "eval.every=1")); // keep a valid run short
        }
        return args;
    }

    private static void check(String what, List<String> args, Path out) throws Exception {
        List<String> before = CliRunner.listing(root);
        CliRunner.Result r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> CliRunner.run(args.toArray(String[]::new)), what);
        String where = what + " " + args + "\n" + r;
        assertTrue(r.code() >= 0 && r.code() <= 2, where);
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception in thread"), where);
        if (r.code() != 0) {
            assertTrue(r.err().lines().count() <= 2, where);
            assertTrue(r.err().startsWith("groklab: "), where);
        }
        if (r.code() == 2) {
            assertFalse(Files.exists(out), "nothing written on exit 2: " + where);
            assertEquals(before, CliRunner.listing(root), "nothing written on exit 2: " + where);
        }
    }

    @Test
    void malformedSpecsSweepsAndCommandLines() throws Exception {
        Random rnd = new Random(20261129L);
        Files.writeString(root.resolve("a-file"), "x");
        int ran = 0;
        for (int i = 0; i < SPECS + SWEEPS + COMMANDS; i++) {
            List<String> huge = new ArrayList<>();
            Path out = root.resolve("out" + i);
            String kind;
            List<String> args;
            if (i < SPECS) {
                kind = "spec";
                String text = spec(rnd, huge);
                Path f = root.resolve("spec" + i + (text.startsWith("{") ? ".json" : ".yaml"));
                Files.writeString(f, text, StandardCharsets.ISO_8859_1);
                args = List.of("train", "--config", f.toString(), "--out", out.toString(), "--quiet");
            } else if (i < SPECS + SWEEPS) {
                kind = "sweep";
                Path f = root.resolve("sweep" + i + ".yaml");
                Files.writeString(f, sweep(rnd, huge), StandardCharsets.ISO_8859_1);
                args = rnd.nextInt(8) == 0
                        ? List.of("sweep", "run", f.toString(), "--out", out.toString(), "--workers", "1")
                        : List.of("sweep", "plan", f.toString());
            } else {
                kind = "command";
                Path f = root.resolve("spec" + rnd.nextInt(SPECS) + ".yaml");
                args = command(rnd, out, f);
            }
            if (!huge.isEmpty()) {
                VALIDATOR_CASES.add(kind + " " + i + ": " + huge);
                continue;
            }
            check(kind + " " + i, args, out);
            ran++;
        }
        System.out.println("fuzz: " + ran + " cases run; " + VALIDATOR_CASES.size()
                + " left to the spec validator's range checks: " + VALIDATOR_CASES);
        assertTrue(ran >= 500, "at least 500 cases run, got " + ran);
    }
}
