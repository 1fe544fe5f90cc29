/*
 * groklab training-step benchmark (a program, not a test). Run from the repository root with a JDK 25:
 *
 *   java --add-modules jdk.incubator.vector -cp core/target/groklab.jar bench/StepBenchmark.java [preset...] \
 *        [--threads N] [--warmup SECONDS] [--reps R] [--steps S]
 *
 * (target/groklab.jar in the single-module layout; bench/run.sh finds it and runs a private copy.)
 *
 * For each preset (default: every preset of org.groklab.spec.Presets.names()) it builds the run exactly as the
 * CLI does (SpecLoader.load + Setup.from) and times the training step exactly as Trainer.run does it:
 *
 *   out = model.forward(batch); dOut = new float[out.length]; loss.evaluate(out, labels, n, classes, dOut);
 *   model.backward(dOut); optimizer.step(params, learningRate.at(s));
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
import org.groklab.loss.Loss;
import org.groklab.math.Kernels;
import org.groklab.data.Batch;
import org.groklab.model.Model;
import org.groklab.model.Param;
import org.groklab.optim.GradientClipping;
import org.groklab.spec.Presets;
import org.groklab.spec.RunSpec;
import org.groklab.spec.SpecLoader;
import org.groklab.train.Setup;

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
                    System.out.println("usage: StepBenchmark [preset...] [--threads N] [--warmup S] [--reps R] "
                            + "[--steps S]; presets: " + Presets.names());
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
        System.out.println("kernels    : " + Kernels.get().getClass().getName() + " (groklab.simd="
                + System.getProperty("groklab.simd", "true") + ")");
        System.out.println("threads    : " + threads + (threads > 1
                ? "  NOTE: groklab's kernels are single-threaded; the run uses one thread whatever N is" : ""));
        System.out.printf(Locale.ROOT, "protocol   : warm-up %.1f s, %d timed blocks per preset%n", warmup, reps);

        double peak = peak(1024, reps);
        System.out.printf(Locale.ROOT, "peak       : Kernels.get().matmul 1024x1024x1024: %.1f GFLOP/s (median of %d)%n",
                peak, reps);
        System.out.printf(Locale.ROOT, "RESULT kind=peak size=1024 gflops=%.2f%n", peak);

        for (String preset : presets) {
            bench(preset, threads, warmup, reps, stepsOverride, peak);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // FLOPs per training step: 2 x the multiply-adds (MACs) of the matrix products of forward + backward, counted
    // from the shapes of the products groklab actually computes. Gathers / scatter-adds of the one-hot inputs,
    // element-wise activations, the loss and the optimizer are not counted.
    // ---------------------------------------------------------------------------------------------------------

    /**
     * MACs of one training step (forward + backward) on n examples.
     *
     * <p>pair-mlp (PairMlp: p classes, embedding d, width w), per step:
     * <pre>
     *   forward : W_in = E H          p*d*w   (only when the hidden map is factored)
     *             W_out = O U^T        w*d*p   (only when the output map is factored; U = E when tied)
     *             logits = act W_out   n*w*p
     *   backward: dW_out = act^T dL    w*n*p
     *             dAct = dL W_out^T    n*p*w
     *             dO = dW_out U, dU += dW_out^T O          2*p*w*d   (factored output)
     *             dH = E^T dW_in, dE += dW_in H^T          2*p*w*d   (factored hidden)
     *   total   : 3*n*p*w + 3*p*d*w * (number of factored maps: 2 for pair-modadd, 0 for pair-collapsed)
     * </pre>
     * (The embedding lookups E[a] + E[b] are a gather of rows of W_in; its gradient a scatter-add: no MACs.)
     *
     * <p>gromov-mlp (GromovMlp: p classes, width M, layers 1 or 2), per step:
     * <pre>
     *   forward : pre1 = W1 x / sqrt(M)  gather of two columns of W1 per example: no MACs
     *             [layers = 2: pre2 = h1 W_mid^T / sqrt(M)   n*M*M]
     *             y = top W2^T / p       n*M*p
     *   backward: dW2 = dY^T top         p*n*M
     *             dTop = dY W2           n*p*M
     *             [layers = 2: dW_mid = dPre2^T h1, dH1 = dPre2 W_mid   2*n*M*M]
     *             dW1: scatter-add of dPre1 into two columns per example: no MACs
     *   total   : 3*n*M*p  (+ 3*n*M*M with two hidden layers)
     * </pre>
     */
    static long macsPerStep(RunSpec spec, int n) {
        RunSpec.ModelSpec m = spec.model();
        long p = spec.task().p();
        return switch (m.type()) {
            case "pair-mlp" -> {
                long d = m.dEmbed();
                long w = m.width();
                int factored = (m.collapsedHidden() ? 0 : 1) + (m.collapsedOutput() ? 0 : 1);
                yield 3 * n * p * w + 3 * p * d * w * factored;
            }
            case "gromov-mlp" -> {
                long mm = m.width();
                yield 3 * n * mm * p + (m.layers() == 2 ? 3 * n * mm * mm : 0);
            }
            case "parity-mlp" -> {
                // forward x·W1ᵀ (n·in·w) and h·W2ᵀ (n·w); backward dW1, dW2 and dh (the input gradient is not needed)
                long in = spec.task().n() + (m.inputOne() ? 1 : 0);
                long w = m.width();
                yield 2 * n * in * w + 3 * n * w;
            }
            default -> -1;
        };
    }

    static void bench(String preset, int threads, double warmupSeconds, int reps, Integer stepsOverride,
                      double peak) {
        RunSpec spec = SpecLoader.load(preset, null, List.of()).spec();
        Setup setup = Setup.from(spec);
        Model model = setup.model();
        List<Param> params = model.params();
        Loss loss = setup.loss();
        int classes = model.outputs();
        Batch train = setup.split().trainBatch();
        Batch test = setup.split().testBatch();
        Batch batch = train;
        if (spec.train().batchSize() > 0 && spec.train().batchSize() < train.size()) {
            // Trainer draws shuffled minibatches; the step costs the same on any slice of that size.
            int[] rows = new int[spec.train().batchSize()];
            Arrays.setAll(rows, i -> i);
            batch = train.select(rows);
        }
        double clip = spec.optimizer().gradClip();
        int steps = stepsOverride != null ? stepsOverride : STEPS.getOrDefault(preset, DEFAULT_STEPS);

        RunSpec.ModelSpec m = spec.model();
        String shape = m.type().equals("pair-mlp")
                ? String.format(Locale.ROOT, "pair-mlp p=%d d=%d w=%d tied=%s collapsedHidden=%s collapsedOutput=%s",
                spec.task().p(), m.dEmbed(), m.width(), m.tiedEmbedding(), m.collapsedHidden(), m.collapsedOutput())
                : String.format(Locale.ROOT, "gromov-mlp p=%d M=%d layers=%d activation=%s", spec.task().p(),
                m.width(), m.layers(), m.activation());
        System.out.println();
        System.out.println("-- " + preset + ": " + shape + ", " + spec.loss().type() + "/" + spec.loss().reduction()
                + ", " + spec.optimizer().type() + " lr=" + spec.optimizer().lr() + " wd=" + spec.optimizer()
                .weightDecay() + " betas=" + spec.optimizer().betas());
        System.out.println("   params=" + model.parameterCount() + " train=" + train.size() + " test=" + test.size()
                + " batch=" + batch.size() + " steps/block=" + steps);

        Stepper stepper = new Stepper(setup, model, params, loss, classes, batch, clip);
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
            evaluate(model, loss, classes, train, test);
        }
        for (int i = 0; i < evalMs.length; i++) {
            long a = System.nanoTime();
            evaluate(model, loss, classes, train, test);
            evalMs[i] = (System.nanoTime() - a) / 1e6;
        }

        double med = median(msPerStep);
        double min = Arrays.stream(msPerStep).min().orElseThrow();
        double max = Arrays.stream(msPerStep).max().orElseThrow();
        long flops = 2 * macsPerStep(spec, batch.size());
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

    /** The body of Trainer.run's loop for a step without metrics or checkpoints. */
    static final class Stepper {
        final Setup setup;
        final Model model;
        final List<Param> params;
        final Loss loss;
        final int classes;
        final Batch batch;
        final double clip;
        long s;
        long nonFinite;

        Stepper(Setup setup, Model model, List<Param> params, Loss loss, int classes, Batch batch, double clip) {
            this.setup = setup;
            this.model = model;
            this.params = params;
            this.loss = loss;
            this.classes = classes;
            this.batch = batch;
            this.clip = clip;
        }

        void step() {
            float[] out = model.forward(batch);
            float[] dOut = new float[out.length];
            double trainLoss = loss.evaluate(out, batch.labels(), batch.size(), classes, dOut);
            if (Double.isFinite(trainLoss)) {
                model.backward(dOut);
            } else {
                nonFinite++;
            }
            if (clip > 0) {
                GradientClipping.clip(params, clip);
            }
            setup.optimizer().step(params, setup.learningRate().at(s));
            s++;
        }
    }

    static double sink;

    static void evaluate(Model model, Loss loss, int classes, Batch train, Batch test) {
        float[] trainOut = model.forward(train);
        double trainLoss = loss.evaluate(trainOut, train.labels(), train.size(), classes, null);
        double trainAcc = Loss.accuracy(trainOut, train.labels(), train.size(), classes);
        float[] testOut = model.forward(test);
        double testLoss = loss.evaluate(testOut, test.labels(), test.size(), classes, null);
        double testAcc = Loss.accuracy(testOut, test.labels(), test.size(), classes);
        sink += trainLoss + trainAcc + testLoss + testAcc;
    }

    /** GFLOP/s of Kernels.get().matmul on an n x n x n product: median of reps after a JIT warm-up. */
    static double peak(int n, int reps) {
        Kernels k = Kernels.get();
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
