import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.groklab.data.Batch;
import org.groklab.kind.Kinds;
import org.groklab.math.Kernels;
import org.groklab.spec.RunSpec;
import org.groklab.spec.SpecLoader;
import org.groklab.train.Setup;
import org.groklab.train.Trainer;

/**
 * ms per training step of one model in two precisions, e.g. pair-modadd (PAIR's mix of float32 and float64) against
 * pair-modadd-f32: Trainer.Step (forward, loss, backward, AdamW) on the full batch, timed as this thread's CPU time
 * so that other processes on a shared machine change the figure less than they change wall-clock time. The presets
 * alternate block by block (warm-up first); the figure is the median over the blocks, with min-max.
 *
 * <p>Run: {@code java --add-modules jdk.incubator.vector -cp core/target/groklab.jar bench/PrecisionBenchmark.java
 * [preset...] [--blocks B] [--steps S]} (default pair-modadd-f32 pair-modadd, 9 blocks of 200 steps).
 */
public class PrecisionBenchmark {
    public static void main(String[] args) {
        List<String> presets = new ArrayList<>();
        int blocks = 9;
        int steps = 200;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--blocks" -> blocks = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                default -> presets.add(args[i]);
            }
        }
        if (presets.isEmpty()) {
            presets = List.of("pair-modadd-f32", "pair-modadd");
        }
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int n = presets.size();
        Trainer.Step[] stepper = new Trainer.Step[n];
        Batch[] batch = new Batch[n];
        long[] done = new long[n];
        for (int p = 0; p < n; p++) {
            RunSpec spec = SpecLoader.load(presets.get(p), null, List.of()).spec();
            Setup setup = Kinds.of(spec).setup(spec, Kernels.preferred());
            stepper[p] = new Trainer.Step(setup);
            batch[p] = setup.split().trainBatch();
            for (int s = 0; s < 3 * steps; s++) { // warm-up: the JIT compiles the step
                stepper[p].gradients(batch[p], done[p]);
                stepper[p].update(done[p]++);
            }
        }
        double[][] ms = new double[n][blocks];
        for (int b = 0; b < blocks; b++) {
            for (int p = 0; p < n; p++) {
                long t0 = cpu.getCurrentThreadCpuTime();
                for (int s = 0; s < steps; s++) {
                    stepper[p].gradients(batch[p], done[p]);
                    stepper[p].update(done[p]++);
                }
                ms[p][b] = (cpu.getCurrentThreadCpuTime() - t0) / 1e6 / steps;
            }
        }
        System.out.println("kernels: " + Kernels.describeActive());
        for (int p = 0; p < n; p++) {
            double[] sorted = ms[p].clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "RESULT preset=%s cpu_ms_per_step median=%.3f min=%.3f max=%.3f "
                    + "blocks=%d steps=%d%n", presets.get(p), sorted[blocks / 2], sorted[0], sorted[blocks - 1], blocks,
                    steps);
        }
    }
}
