import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.groklab.data.Batch;
import org.groklab.spec.SpecLoader;
import org.groklab.train.Setup;

/**
 * Population against one-model-per-core, for issue 3 item 6. K same-shaped models of a preset (its seeds) are
 * trained for S steps three ways: (a) one after the other in one thread, (b) as a population stepping in lockstep
 * in one thread (one pass over the step for all models: the shape a fused population kernel would have), and
 * (c) one model per worker thread on W threads. Prints model-steps per second for each and runs per hour for the
 * preset at its own step count.
 *
 *   java --add-modules jdk.incubator.vector -cp core/target/groklab.jar bench/PopulationBenchmark.java \
 *        [preset=quick-modadd] [models=4] [steps=600] [workers=2]
 */
public class PopulationBenchmark {
    public static void main(String[] args) throws Exception {
        String preset = args.length > 0 ? args[0] : "quick-modadd";
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 600;
        int workers = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        long presetSteps = SpecLoader.load(preset, null, List.of()).spec().train().steps();
        System.out.printf("population benchmark: %s, %d models x %d steps, %d workers, %s, %d cores%n", preset, k,
                steps, workers, Runtime.version(), Runtime.getRuntime().availableProcessors());
        for (int round = 0; round < 2; round++) { // round 0 warms up the JIT
            double seq = time(() -> {
                for (Setup s : setups(preset, k)) {
                    train(s, steps);
                }
            });
            double lockstep = time(() -> {
                List<Setup> pop = setups(preset, k);
                List<Batch> batches = pop.stream().map(s -> s.split().trainBatch()).toList();
                List<org.groklab.train.Trainer.Step> stepsOf = pop.stream().map(org.groklab.train.Trainer.Step::new)
                        .toList();
                for (int t = 0; t < steps; t++) {
                    for (int i = 0; i < pop.size(); i++) {
                        stepsOf.get(i).gradients(batches.get(i), t);
                        stepsOf.get(i).update(t);
                    }
                }
            });
            double parallel = time(() -> {
                ExecutorService pool = Executors.newFixedThreadPool(workers);
                List<Future<?>> fs = new ArrayList<>();
                for (Setup s : setups(preset, k)) {
                    fs.add(pool.submit(() -> train(s, steps)));
                }
                for (Future<?> f : fs) {
                    f.get();
                }
                pool.shutdown();
            });
            if (round == 1) {
                report("sequential, 1 thread", seq, k, steps, presetSteps);
                report("population in lockstep, 1 thread", lockstep, k, steps, presetSteps);
                report("one model per core, " + workers + " threads", parallel, k, steps, presetSteps);
            }
        }
    }

    interface Work {
        void run() throws Exception;
    }

    static double time(Work w) throws Exception {
        long t0 = System.nanoTime();
        w.run();
        return (System.nanoTime() - t0) / 1e9;
    }

    static List<Setup> setups(String preset, int k) {
        List<Setup> out = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            out.add(org.groklab.kind.Kinds.setup(SpecLoader.load(preset, null, List.of("seed=" + i)).spec()));
        }
        return out;
    }

    static void train(Setup s, int steps) {
        Batch b = s.split().trainBatch();
        org.groklab.train.Trainer.Step step = new org.groklab.train.Trainer.Step(s);
        for (int t = 0; t < steps; t++) {
            step.gradients(b, t);
            step.update(t);
        }
    }

    static void report(String how, double seconds, int k, int steps, long presetSteps) {
        double modelSteps = (double) k * steps / seconds;
        System.out.printf("RESULT %-36s %8.0f model-steps/s  = %6.0f runs/hour at %d steps (training only)%n", how,
                modelSteps, modelSteps * 3600 / presetSteps, presetSteps);
    }
}
