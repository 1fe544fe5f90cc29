import org.groklab.sweep.SweepPlan;

/**
 * How long a sweep's plan takes before its first run: every run's spec bound (the preset under the sweep's values)
 * and its run id computed, as {@code groklab sweep run}, {@code status} and {@code table} do first. Prints the
 * seconds of each preset's plan in this fresh JVM (class loading included for the first), one preset after the other.
 *
 *   java --add-modules jdk.incubator.vector -cp core/target/groklab.jar bench/PlanBenchmark.java \
 *        [demo-modadd pair-parity-sweep-full murray-fig2-full ...]
 */
public class PlanBenchmark {
    public static void main(String[] args) {
        String[] presets = args.length > 0 ? args
                : new String[] {"demo-modadd", "pair-parity-sweep-full", "murray-fig2-full"};
        for (String preset : presets) {
            long t0 = System.nanoTime();
            SweepPlan plan = SweepPlan.ofPreset(preset);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("%-24s %6d runs  %6.2f s  (%.3f ms a run)%n", preset, plan.runs().size(), s,
                    1000 * s / plan.runs().size());
        }
    }
}
