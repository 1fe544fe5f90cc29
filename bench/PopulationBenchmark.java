import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.groklab.data.Batch;
import org.groklab.kind.Kinds;
import org.groklab.math.PopulationKernels;
import org.groklab.model.Population;
import org.groklab.optim.Optimizer;
import org.groklab.run.Runner;
import org.groklab.train.PopulationTrainer;
import org.groklab.train.Setup;
import org.groklab.train.Trainer;
import org.groklab.spec.SpecLoader;
import org.groklab.train.Progress;

/**
 * Populations against one model per run: K runs of a preset that differ only in their seed (a sweep cell's seeds)
 * are trained as whole runs (evaluations, metrics, checkpoints and snapshots written to a temporary directory, no
 * figures) four ways: solo one after the other in one thread; as one population in one thread
 * ({@code Runner.trainTogether}); solo on W worker threads; as W populations of K/W members on W threads. Prints,
 * per way, the median over the repetitions of the wall clock and of the CPU time of the threads that trained, and
 * runs per hour. The first repetition warms the JIT and is not counted.
 *
 *   java --add-modules jdk.incubator.vector -cp core/target/groklab.jar bench/PopulationBenchmark.java \
 *        PRESET [members=16] [reps=3] [workers=2] [--set key=value ...]
 *
 * With {@code -DstepsOnly=true} (before the file name) it measures only the training steps.
 */
public class PopulationBenchmark {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        String preset = args[0];
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int workers = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        List<String> sets = new ArrayList<>();
        for (int i = 4; i + 1 < args.length; i += 2) {
            sets.add(args[i + 1]);
        }
        List<SpecLoader.Loaded> specs = new ArrayList<>();
        for (int seed = 0; seed < k; seed++) {
            List<String> all = new ArrayList<>(sets);
            all.add("seed=" + seed);
            specs.add(SpecLoader.load(preset, null, all));
        }
        System.out.printf("population benchmark: %s %s, %d runs of %d steps, %d workers, JDK %s, %d cores%n", preset,
                sets, k, specs.get(0).spec().train().steps(), workers, Runtime.version(),
                Runtime.getRuntime().availableProcessors());
        if (Boolean.getBoolean("kernels")) { // -Dkernels=true: the products of the preset's model, solo and together
            kernels(k, reps);
            return;
        }
        if (Boolean.getBoolean("stepsOnly")) { // -DstepsOnly=true: the training steps alone
            stepsOnly(specs, reps);
            return;
        }
        String[] ways = {"solo, 1 thread", "population, 1 thread", "solo, " + workers + " workers",
            workers + " populations, " + workers + " workers"};
        double[][] wall = new double[ways.length][reps];
        double[][] cpu = new double[ways.length][reps];
        for (int rep = -1; rep < reps; rep++) {
            for (int w = 0; w < ways.length; w++) {
                Path tmp = Files.createTempDirectory("pop-bench");
                int threads = w < 2 ? 1 : workers;
                boolean together = w % 2 == 1;
                long t0 = System.nanoTime();
                double cpuSeconds = run(specs, tmp, threads, together);
                double seconds = (System.nanoTime() - t0) / 1e9;
                delete(tmp);
                if (rep >= 0) {
                    wall[w][rep] = seconds;
                    cpu[w][rep] = cpuSeconds;
                }
            }
        }
        stepsOnly(specs, reps);
        for (int w = 0; w < ways.length; w++) {
            double wm = median(wall[w]), cm = median(cpu[w]);
            System.out.printf("RESULT %-28s wall %7.2f s (%.2f-%.2f)  cpu %7.2f s (%.2f-%.2f)  %7.0f runs/hour%n",
                    ways[w], wm, min(wall[w]), max(wall[w]), cm, min(cpu[w]), max(cpu[w]), k * 3600 / wm);
        }
    }

    /**
     * The products of one training step of the thesis's parity network (width 500 and 1,000, batch 32, 50 inputs) and
     * of PAIR's 24-neuron model in float32 (p = 67, d_embed = 500, n = its training set), each for K members: K solo
     * calls of the vector kernels against one call of the vector population kernels. Prints GFLOP/s of each (CPU time
     * of the thread).
     */
    static void kernels(int k, int reps) {
        int pairRows = Kinds.setup(SpecLoader.load("pair-modadd-f32", null, List.of()).spec()).split().trainBatch()
                .size();
        // name, layout (0 A·B, 1 Aᵀ·B, 2 A·Bᵀ), m, k, n
        Object[][] shapes = {
            {"parity w500 X·W1ᵀ", 2, 32, 50, 500}, {"parity w500 dPreᵀ·X", 1, 500, 32, 50},
            {"parity w500 h·W2", 0, 32, 500, 1},
            {"parity w1000 X·W1ᵀ", 2, 32, 50, 1000}, {"parity w1000 dPreᵀ·X", 1, 1000, 32, 50},
            {"pair E·H", 0, 67, 500, 24}, {"pair O·Uᵀ", 2, 24, 500, 67}, {"pair act·W_out", 0, pairRows, 24, 67},
            {"pair actᵀ·dLogits", 1, 24, pairRows, 67}, {"pair dLogits·W_outᵀ", 2, pairRows, 67, 24},
            {"pair dW_out·U", 0, 24, 67, 500}, {"pair dW_outᵀ·O", 1, 67, 24, 500},
            {"pair Eᵀ·dW_in", 1, 500, 67, 24}, {"pair dW_in·Hᵀ", 2, 67, 24, 500}};
        org.groklab.math.Kernels solo = org.groklab.math.Kernels.vector();
        PopulationKernels together = PopulationKernels.vector();
        org.groklab.math.Rng rng = new org.groklab.math.Rng(1);
        for (int pass = 0; pass < 2; pass++) { // the first pass warms the JIT on every shape
        for (Object[] sh : shapes) {
            int layout = (Integer) sh[1], m = (Integer) sh[2], kk = (Integer) sh[3], n = (Integer) sh[4];
            float[][] a = new float[k][m * kk], b = new float[k][kk * n], c = new float[k][m * n];
            for (int i = 0; i < k; i++) {
                for (int e = 0; e < a[i].length; e++) {
                    a[i][e] = (float) rng.nextGaussian();
                }
                for (int e = 0; e < b[i].length; e++) {
                    b[i][e] = (float) rng.nextGaussian();
                }
            }
            float[] ai = new float[k * m * kk], bi = new float[k * kk * n], ci = new float[k * m * n];
            PopulationKernels.interleave(a, null, m * kk, ai);
            PopulationKernels.interleave(b, null, kk * n, bi);
            double flops = 2.0 * m * kk * n * k;
            int iters = (int) Math.max(3, 2e8 / flops);
            double[] s = new double[reps], t = new double[reps];
            for (int rep = -1; rep < reps; rep++) {
                long c0 = CPU.getCurrentThreadCpuTime();
                for (int it = 0; it < iters; it++) {
                    for (int i = 0; i < k; i++) {
                        switch (layout) {
                            case 0 -> solo.matmul(a[i], b[i], c[i], m, kk, n, false);
                            case 1 -> solo.matmulTransA(a[i], b[i], c[i], m, kk, n, false);
                            default -> solo.matmulTransB(a[i], b[i], c[i], m, kk, n, false);
                        }
                    }
                }
                long c1 = CPU.getCurrentThreadCpuTime();
                for (int it = 0; it < iters; it++) {
                    switch (layout) {
                        case 0 -> together.matmul(k, ai, bi, ci, m, kk, n, false);
                        case 1 -> together.matmulTransA(k, ai, bi, ci, m, kk, n, false);
                        default -> together.matmulTransB(k, ai, bi, ci, m, kk, n, false);
                    }
                }
                long c2 = CPU.getCurrentThreadCpuTime();
                if (rep >= 0) {
                    s[rep] = flops * iters / (c1 - c0);
                    t[rep] = flops * iters / (c2 - c1);
                }
            }
            if (pass == 0) {
                continue;
            }
            System.out.printf("RESULT kernel %-22s %5d x %4d x %4d  solo %6.1f GFLOP/s  population of %d %6.1f GFLOP/s"
                    + "  (%.2fx)%n", sh[0], m, kk, n, median(s), k, median(t), median(t) / median(s));
        }
        }
    }

    /**
     * The training steps alone (forward, loss, backward, optimizer; no evaluation or files), one thread: the runs'
     * setups stepped solo one after the other, then as one population, on a fixed batch of each run's training set (of
     * the preset's batch size). Prints the CPU time per run-step.
     */
    static void stepsOnly(List<SpecLoader.Loaded> specs, int reps) {
        int steps = Integer.getInteger("steps", 1000);
        List<Setup> setups = new ArrayList<>();
        List<Batch> batches = new ArrayList<>();
        for (SpecLoader.Loaded spec : specs) {
            Setup s = Kinds.setup(spec.spec());
            setups.add(s);
            Batch train = s.split().trainBatch();
            int size = spec.spec().train().batchSize();
            int rows = size <= 0 || size >= train.size() ? train.size() : size;
            batches.add(train.select(java.util.stream.IntStream.range(0, rows).toArray()));
        }
        Population pop = PopulationTrainer.population(setups, PopulationKernels.preferred());
        if (pop == null) {
            System.out.println("steps only: this model has no population; solo only");
        }
        Optimizer popOpt = Setup.optimizer(specs.get(0).spec().optimizer());
        if (pop != null) {
            pop.load();
        }
        double[] solo = new double[reps];
        double[] together = new double[reps];
        for (int rep = -1; rep < reps; rep++) {
            long c0 = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < setups.size(); i++) {
                Trainer.Step step = new Trainer.Step(setups.get(i));
                for (int t = 0; t < steps; t++) {
                    step.gradients(batches.get(i), t);
                    step.update(t);
                }
            }
            long c1 = CPU.getCurrentThreadCpuTime();
            if (pop != null) {
                Batch[] b = batches.toArray(Batch[]::new);
                for (int t = 0; t < steps; t++) {
                    float[][] out = pop.forward(b);
                    float[][] dOut = new float[out.length][];
                    for (int i = 0; i < out.length; i++) {
                        Setup s = setups.get(i);
                        dOut[i] = new float[out[i].length];
                        s.loss().evaluate(out[i], b[i].targets(), b[i].size(), s.model().outputs(), dOut[i]);
                    }
                    pop.backward(dOut);
                    popOpt.step(pop.params(), setups.get(0).learningRate().at(t));
                }
            }
            long c2 = CPU.getCurrentThreadCpuTime();
            if (rep >= 0) {
                solo[rep] = (c1 - c0) / 1e3 / steps / setups.size();
                together[rep] = (c2 - c1) / 1e3 / steps / setups.size();
            }
        }
        System.out.printf("RESULT steps only, solo         %7.1f us CPU per run-step (%.1f-%.1f)%n", median(solo),
                min(solo), max(solo));
        if (pop != null) {
            System.out.printf("RESULT steps only, population   %7.1f us CPU per run-step (%.1f-%.1f), %s%n",
                    median(together), min(together), max(together), PopulationKernels.preferred().describe());
        }
    }

    /** Trains the runs on {@code threads} threads, each its share solo or together; returns the threads' CPU time. */
    static double run(List<SpecLoader.Loaded> specs, Path tmp, int threads, boolean together) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<Double>> parts = new ArrayList<>();
        int k = specs.size();
        for (int t = 0; t < threads; t++) {
            int from = t * k / threads, to = (t + 1) * k / threads;
            parts.add(pool.submit(() -> {
                long c0 = CPU.getCurrentThreadCpuTime();
                List<SpecLoader.Loaded> mine = specs.subList(from, to);
                List<Path> outs = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    outs.add(tmp.resolve("run-" + i));
                }
                if (together) {
                    Runner.trainTogether(mine, outs, Progress.NONE);
                } else {
                    for (int i = 0; i < mine.size(); i++) {
                        Runner.train(mine.get(i), outs.get(i), Progress.NONE);
                    }
                }
                return (CPU.getCurrentThreadCpuTime() - c0) / 1e9;
            }));
        }
        double cpu = 0;
        for (Future<Double> f : parts) {
            cpu += f.get();
        }
        pool.shutdown();
        return cpu;
    }

    static double median(double[] x) {
        double[] s = x.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static double min(double[] x) {
        return java.util.Arrays.stream(x).min().orElse(Double.NaN);
    }

    static double max(double[] x) {
        return java.util.Arrays.stream(x).max().orElse(Double.NaN);
    }

    static void delete(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
