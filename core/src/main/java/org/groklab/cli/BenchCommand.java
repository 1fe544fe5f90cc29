package org.groklab.cli;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.groklab.data.Batch;
import org.groklab.kind.Kind;
import org.groklab.kind.Kinds;
import org.groklab.math.KernelSpeed;
import org.groklab.math.Kernels;
import org.groklab.spec.Presets;
import org.groklab.spec.RunSpec;
import org.groklab.spec.SpecLoader;
import org.groklab.train.Setup;
import org.groklab.train.Trainer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure this machine: on one thread, the core's fused multiply-add peak, the GFLOP/s of "
                + "groklab's matrix products (a large square one and the presets' own shapes) against that peak, "
                + "and milliseconds per training step of a few presets; then runs per hour of a small sweep with one "
                + "worker and with every core. Says which kernels are active.",
                "Close other programs first: on a busy machine the figures are lower (the CPU-time column leaves "
                        + "out the time other processes held the core)."})
final class BenchCommand implements Callable<Integer> {
    /**
     * name, layout, m, k, n: the square product, then the products of the presets' training steps (the resource
     * gemm-shapes.txt, which bench/kernels.sh times against torch.mm too).
     */
    static List<String> shapes() {
        List<String> out = new ArrayList<>();
        for (String line : Presets.resourceText("gemm-shapes.txt").split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                out.add(String.join(" ", t.split("\\s+")));
            }
        }
        return out;
    }

    static final List<String> PRESETS = List.of("quick-modadd", "pair-modadd", "quick-parity", "thesis-fig2.1");

    @CommandLine.Option(names = "--reps", paramLabel = "N", defaultValue = "5",
            description = "timed repetitions per figure; the median is printed (default ${DEFAULT-VALUE})")
    int reps;

    @CommandLine.Option(names = "--quick", description = "shorter warm-up and repetitions (figures less steady)")
    boolean quick;

    @CommandLine.Option(names = "--no-steps", description = "only the peak and the matrix products")
    boolean noSteps;

    @CommandLine.Option(names = "--no-sweep", description = "leave out the runs per hour of a small sweep")
    boolean noSweep;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (reps < 1 || reps > 100) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--reps must be 1..100, not " + reps);
        }
        PrintWriter o = spec.commandLine().getOut();
        long warm = quick ? 300 : 1500;
        long rep = quick ? 100 : 300;
        o.printf("groklab bench: 1 thread, %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        o.println("kernels: " + Kernels.describeActive());
        Kernels k = Kernels.preferred();
        KernelSpeed.Speed peak = KernelSpeed.fmaPeak(warm, reps, rep);
        o.printf(Locale.ROOT, "peak: %.1f GFLOP/s per core by CPU time (%.1f by the wall clock): fused multiply-adds "
                + "in 12 independent chains of the widest vectors%n", peak.cpu(), peak.wall());
        o.println();
        o.println("GFLOP/s by the wall clock, median [min-max]; by CPU time, and that as a share of the peak");
        o.println("matrix products                       wall [min-max]           CPU   % of peak");
        for (String line : shapes()) {
            String[] s = line.split(" ");
            int m = Integer.parseInt(s[2]);
            int kk = Integer.parseInt(s[3]);
            int n = Integer.parseInt(s[4]);
            KernelSpeed.Speed sp = KernelSpeed.product(k, KernelSpeed.Layout.valueOf(s[1].toUpperCase(Locale.ROOT)),
                    m, kk, n, warm, reps, rep);
            o.printf(Locale.ROOT, "  %-17s %-2s %-14s %7.1f [%.1f-%.1f] %8.1f  %6.0f%%%n", s[0], s[1],
                    m + "x" + kk + "x" + n, sp.wall(), sp.wallMin(), sp.wallMax(), sp.cpu(), 100 * sp.cpu() / peak.cpu());
            o.flush();
        }
        if (!noSteps) {
            o.println();
            o.println("training steps (Trainer's step)   ms/step wall [min-max]    CPU ms   GFLOP/s (CPU)  % of peak");
            // a step's code reaches its compiled speed later than a lone product's (the JIT compiles, deoptimises
            // and recompiles the kernels as the step's shapes arrive): 6 s of warm-up each
            long warmStep = quick ? warm : 6000;
            for (String preset : PRESETS) {
                steps(o, preset, warmStep, rep, peak.cpu());
            }
        }
        if (!noSweep) {
            sweeps(o);
        }
        return Main.OK;
    }

    /** Trainer's own step on the preset's batch: warm-up, then {@code reps} blocks of about {@code rep} ms. */
    private void steps(PrintWriter o, String preset, long warm, long rep, double peak) {
        RunSpec spec = SpecLoader.load(preset, null, List.of()).spec();
        Kind kind = Kinds.of(spec);
        Setup setup = kind.setup(spec, Kernels.preferred());
        Batch batch = setup.split().trainBatch();
        int size = spec.train().batchSize();
        if (size > 0 && size < batch.size()) {
            int[] rows = new int[size];
            Arrays.setAll(rows, i -> i);
            batch = batch.select(rows);
        }
        Trainer.Step step = new Trainer.Step(setup);
        Kernels.awaitPreferredWarm(); // the vector kernels (float32 and float64), not their plain twins
        long s = 0;
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < warm * 1_000_000L || s < 10) {
            step.gradients(batch, s);
            step.update(s++);
        }
        double perStep = (System.nanoTime() - t0) / 1e6 / s;
        int block = (int) Math.max(1, rep / perStep);
        List<Double> ms = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < reps; r++) {
            long c = mx.getCurrentThreadCpuTime();
            long a = System.nanoTime();
            for (int i = 0; i < block; i++) {
                step.gradients(batch, s);
                step.update(s++);
            }
            ms.add((System.nanoTime() - a) / 1e6 / block);
            cpu.add((mx.getCurrentThreadCpuTime() - c) / 1e6 / block);
        }
        ms.sort(null);
        cpu.sort(null);
        double med = ms.get(ms.size() / 2);
        double cpuMed = cpu.get(cpu.size() / 2);
        double gflops = kind.flopsPerStep(setup) / (cpuMed * 1e6);
        o.printf(Locale.ROOT, "  %-28s %8.3f [%.3f-%.3f] %8.3f  %8.1f  %6.0f%%%n", preset, med, ms.get(0),
                ms.get(ms.size() - 1), cpuMed, gflops, 100 * gflops / peak);
        o.flush();
    }

    /** Runs per hour of a small sweep with one worker and with every core (the second one-worker pass is kept). */
    private void sweeps(PrintWriter o) {
        int cores = Runtime.getRuntime().availableProcessors();
        o.println();
        o.println("a small sweep (8 runs of quick-modadd, 1,500 steps, written whole as sweep run writes them)");
        o.flush();
        SweepSpeed.Timed one = SweepSpeed.run(1); // the first pass also warms the JIT up
        if (!quick) {
            one = SweepSpeed.run(1);
        }
        o.printf(Locale.ROOT, "  1 worker   %6.1f s  %8.0f runs/hour%n", one.seconds(), one.runsPerHour());
        o.flush();
        if (cores > 1) {
            SweepSpeed.Timed all = SweepSpeed.run(cores);
            o.printf(Locale.ROOT, "  %d workers  %6.1f s  %8.0f runs/hour  (%.2fx one worker)%n", cores, all.seconds(),
                    all.runsPerHour(), all.runsPerHour() / one.runsPerHour());
        }
        o.flush();
    }
}
