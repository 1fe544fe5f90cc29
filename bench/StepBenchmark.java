/*
 * groklab training-step benchmark (a program, not a test). Run from the repository root with a JDK 25:
 *
 *   java --add-modules jdk.incubator.vector -cp core/target/groklab.jar bench/StepBenchmark.java [preset...] \
 *        [--threads N] [--warmup SECONDS] [--reps R] [--steps S]
 *
 * (target/groklab.jar in the single-module layout; bench/run.sh finds it and runs a private copy.)
 *
 * For each preset (default: every preset of org.groklab.spec.Presets.names()) it builds the run exactly as the
 * CLI does (SpecLoader.load + Kinds.setup) and times Trainer's own step (Trainer.Step: forward, loss, backward,
 * clipping, optimizer update), the one Trainer.run calls between evaluations.
 *
 * Protocol (the same as bench/pytorch_reference.py): warm-up for --warmup seconds (default 2), then --reps
 * (default 7) timed blocks of S steps each (S per preset from STEPS below, or --steps); report the median and
 * min-max of ms/step over the blocks. One evaluation (forward + loss + accuracy on the train set and on the test
 * set, as Trainer.measure does, without the weight norms) is timed separately, median of several.
 *
 * Machine-readable lines start with "RESULT " (parsed by bench/run.sh).
 *
 * groklab's kernels are single-threaded: --threads is accepted so that run.sh passes the same N to both sides,
 * and it is printed, but groklab has no thread setting today; with N > 1 this program says so.
 */

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.incubator.vector.FloatVector;
import org.groklab.math.Kernels;
import org.groklab.data.Batch;
import org.groklab.model.Model;
import org.groklab.spec.Presets;
import org.groklab.spec.RunSpec;
import org.groklab.spec.SpecLoader;
import org.groklab.kind.Kind;
import org.groklab.kind.Kinds;
import org.groklab.train.Setup;
import org.groklab.train.Trainer;

public class StepBenchmark {

    /**
     * Steps per timed block, the same numbers as STEPS in bench/pytorch_reference.py (the two sides time the same
     * number of steps). Sized so that a block takes roughly 0.2-1 s on one core.
     */
    static final Map<String, Integer> STEPS = Map.of(
            "quick-modadd", 200,
            "pair-modadd", 200,
            "pair-collapsed", 400,
            "gromov-quadratic", 20,
            "gromov-random-op", 20);
    static final int DEFAULT_STEPS = 50;

    public static void main(String[] args) throws Exception {
        List<String> presets = new ArrayList<>();
        int threads = 1;
        double warmup = 2.0;
        int reps = 7;
        Integer stepsOverride = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Double.parseDouble(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--steps" -> stepsOverride = Integer.parseInt(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("usage: StepBenchmark [preset[@key=value...]...] [--threads N] [--warmup S] "
                            + "[--reps R] [--steps S]; presets: " + Presets.names());
                    return;
                }
                default -> presets.add(args[i]);
            }
        }
        if (presets.isEmpty()) {
            presets.addAll(Presets.names());
        }

        System.out.println("== groklab step benchmark");
        System.out.println("jdk        : " + System.getProperty("java.vm.name") + " " + Runtime.version()
                + " (" + System.getProperty("java.vendor") + ")");
        System.out.println("os.arch    : " + System.getProperty("os.arch") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.version"));
        System.out.println("cpu        : " + cpuModel() + ", availableProcessors=" + Runtime.getRuntime()
                .availableProcessors());
        System.out.println("species    : " + FloatVector.SPECIES_PREFERRED + " (" + FloatVector.SPECIES_PREFERRED
                .vectorBitSize() + " bit)");
        System.out.println("kernels    : " + Kernels.describeActive() + " (groklab.simd="
                + System.getProperty("groklab.simd", "true") + ")");
        System.out.println("threads    : " + threads + (threads > 1
                ? "  NOTE: groklab's kernels are single-threaded; the run uses one thread whatever N is" : ""));
        System.out.printf(Locale.ROOT, "protocol   : warm-up %.1f s, %d timed blocks per preset%n", warmup, reps);

        double peak = peak(1024, reps);
        System.out.printf(Locale.ROOT, "peak       : Kernels.preferred().matmul 1024x1024x1024: %.1f GFLOP/s (median of %d)%n",
                peak, reps);
        System.out.printf(Locale.ROOT, "RESULT kind=peak size=1024 gflops=%.2f%n", peak);

        for (String preset : presets) {
            if (preset.contains("/")) { // a variant of the PyTorch reference only (gromov-quadratic/onehot)
                System.out.println("\n-- " + preset + ": a PyTorch-only variant, nothing to time here");
                continue;
            }
            bench(preset, threads, warmup, reps, stepsOverride, peak);
        }
    }

    // FLOPs per training step: each kind's own count (Kind.flopsPerStep): 2 x the multiply-adds of the matrix
    // products of forward + backward, from the shapes groklab computes; gathers, element-wise work, the loss and
    // the optimizer are not counted.

    static void bench(String preset, int threads, double warmupSeconds, int reps, Integer stepsOverride,
                      double peak) {
        // "name@key=value@key=value": a preset with overrides (e.g. thesis-fig2.1@model.width=1000)
        String[] parts = preset.split("@");
        RunSpec spec = SpecLoader.load(parts[0], null, Arrays.asList(parts).subList(1, parts.length)).spec();
        Kind kind = Kinds.of(spec);
        Setup setup = kind.setup(spec, Kernels.preferred());
        Model model = setup.model();
        Batch train = setup.split().trainBatch();
        Batch test = setup.split().testBatch();
        Batch batch = train;
        if (spec.train().batchSize() > 0 && spec.train().batchSize() < train.size()) {
            // Trainer draws shuffled minibatches; the step costs the same on any slice of that size.
            int[] rows = new int[spec.train().batchSize()];
            Arrays.setAll(rows, i -> i);
            batch = train.select(rows);
        }
        int steps = stepsOverride != null ? stepsOverride : STEPS.getOrDefault(parts[0], DEFAULT_STEPS);

        String shape = spec.task() + " " + spec.model();
        System.out.println();
        System.out.println("-- " + preset + ": " + shape + ", " + spec.loss().type() + "/" + spec.loss().reduction()
                + ", " + spec.optimizer().type() + " lr=" + spec.optimizer().lr() + " wd=" + spec.optimizer()
                .weightDecay() + " betas=" + spec.optimizer().betas());
        System.out.println("   params=" + model.parameterCount() + " train=" + train.size() + " test=" + test.size()
                + " batch=" + batch.size() + " steps/block=" + steps);

        Kernels.awaitPreferredWarm(); // the vector kernels themselves, not the plain twins of a process's first seconds
        Stepper stepper = new Stepper(new Trainer.Step(setup), batch);
        long t0 = System.nanoTime();
        long warmSteps = 0;
        while (System.nanoTime() - t0 < warmupSeconds * 1e9 || warmSteps < 10) {
            stepper.step();
            warmSteps++;
        }
        double[] msPerStep = new double[reps];
        for (int r = 0; r < reps; r++) {
            long a = System.nanoTime();
            for (int s = 0; s < steps; s++) {
                stepper.step();
            }
            msPerStep[r] = (System.nanoTime() - a) / 1e6 / steps;
        }
        if (stepper.nonFinite > 0) {
            System.out.println("   WARNING: " + stepper.nonFinite + " steps had a non-finite loss (backward skipped"
                    + " as Trainer would stop)");
        }

        // One evaluation: forward + loss + accuracy on the train set and on the test set (Trainer.measure).
        double[] evalMs = new double[Math.max(reps, 5)];
        for (int i = 0; i < 3; i++) {
            evaluate(setup, train, test);
        }
        for (int i = 0; i < evalMs.length; i++) {
            long a = System.nanoTime();
            evaluate(setup, train, test);
            evalMs[i] = (System.nanoTime() - a) / 1e6;
        }

        double med = median(msPerStep);
        double min = Arrays.stream(msPerStep).min().orElseThrow();
        double max = Arrays.stream(msPerStep).max().orElseThrow();
        long flops = (long) kind.flopsPerStep(setup);
        double gflops = flops / (med * 1e6);
        double evalMed = median(evalMs);
        System.out.printf(Locale.ROOT, "   step: %.4f ms median (min %.4f, max %.4f over %d blocks of %d; warm-up %d"
                        + " steps), %.1f steps/s%n", med, min, max, reps, steps, warmSteps, 1000 / med);
        System.out.printf(Locale.ROOT, "   FLOPs/step %.4g (matmul MACs x2) -> %.2f GFLOP/s = %.1f%% of the measured"
                + " peak%n", (double) flops, gflops, 100 * gflops / peak);
        System.out.printf(Locale.ROOT, "   eval (train %d + test %d examples): %.3f ms median (min %.3f, max %.3f)%n",
                train.size(), test.size(), evalMed, Arrays.stream(evalMs).min().orElseThrow(),
                Arrays.stream(evalMs).max().orElseThrow());
        System.out.printf(Locale.ROOT, "RESULT kind=step preset=%s ms_median=%.5f ms_min=%.5f ms_max=%.5f "
                        + "steps_per_s=%.2f flops=%d gflops=%.3f peak_share=%.4f eval_ms=%.4f threads=%d steps=%d "
                        + "reps=%d%n", preset, med, min, max, 1000 / med, flops, gflops, gflops / peak, evalMed,
                threads, steps, reps);
    }

    /** Trainer's own step (Trainer.Step), as its loop runs it between evaluations. */
    static final class Stepper {
        final Trainer.Step step;
        final Batch batch;
        long s;
        long nonFinite;

        Stepper(Trainer.Step step, Batch batch) {
            this.step = step;
            this.batch = batch;
        }

        void step() {
            if (!Double.isFinite(step.gradients(batch, s).loss())) {
                nonFinite++;
            }
            step.update(s);
            s++;
        }
    }

    static double sink;

    /** One evaluation as Trainer.measure does it: forward, loss and accuracy on both sets. */
    static void evaluate(Setup setup, Batch train, Batch test) {
        Model model = setup.model();
        int outputs = model.outputs();
        float[] trainOut = model.forward(train);
        double trainLoss = setup.loss().evaluate(trainOut, train.targets(), train.size(), outputs, null);
        double trainAcc = setup.scoring().accuracy(trainOut, train.targets(), train.size(), outputs);
        float[] testOut = model.forward(test);
        double testLoss = setup.loss().evaluate(testOut, test.targets(), test.size(), outputs, null);
        double testAcc = setup.scoring().accuracy(testOut, test.targets(), test.size(), outputs);
        sink += trainLoss + trainAcc + testLoss + testAcc;
    }

    /** GFLOP/s of Kernels.preferred().matmul on an n x n x n product: median of reps after a JIT warm-up. */
    static double peak(int n, int reps) {
        Kernels k = Kernels.preferred();
        Kernels.awaitPreferredWarm();
        float[] a = new float[n * n];
        float[] b = new float[n * n];
        float[] c = new float[n * n];
        java.util.Random rnd = new java.util.Random(1);
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextGaussian();
            b[i] = (float) rnd.nextGaussian();
        }
        long t0 = System.nanoTime();
        int warm = 0;
        while (warm < 3 || System.nanoTime() - t0 < 1e9) {
            k.matmul(a, b, c, n, n, n, false);
            warm++;
        }
        double[] g = new double[reps];
        for (int r = 0; r < reps; r++) {
            long s = System.nanoTime();
            k.matmul(a, b, c, n, n, n, false);
            g[r] = 2.0 * n * n * n / (System.nanoTime() - s);
        }
        sink += c[0];
        return median(g);
    }

    static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        int h = s.length / 2;
        return s.length % 2 == 1 ? s[h] : (s[h - 1] + s[h]) / 2;
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return "unknown";
    }
}
