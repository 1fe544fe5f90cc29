/*
 * CT-RNN training benchmark (a program, not a test): ms per epoch of Murray's network (Appendix B: N = 100,
 * N_in = 100, T = 50, noise 0.1, minibatches of 256, AdamW) on the SET task with nothing held out (1,800 training
 * trials: 50 per invalid relation, 100 per valid one, i.e. 8 minibatches, the last of 8 trials). Run from the
 * repository root with a JDK 25 after `mvn -B -q -pl core -DskipTests package`:
 *
 *   java --add-modules jdk.incubator.vector -cp core/target/groklab.jar bench/CtrnnBenchmark.java \
 *        [--tau MS] [--warmup EPOCHS] [--reps R] [--plain]
 *
 * Protocol (the same as bench/ctrnn_reference.py): --warmup epochs (default 2) untimed, then --reps (default 7)
 * timed epochs; ms/epoch is the median with min-max. An epoch is the training only (every minibatch: inputs,
 * noise, forward, loss, BPTT, AdamW); one validation pass over 1,350 trials is timed separately. The breakdown
 * times the parts of one 256-trial minibatch. Single-threaded, like a groklab run.
 *
 * FLOPs per trial = 2 · T · (2·N_in·N + 3·N² + 2·N) multiply-adds (forward: input and recurrent products and
 * the readout; backward: recurrent product, dJ, dB, dW), i.e. 1.285 GFLOP per minibatch of 256.
 */

import java.util.Arrays;
import java.util.Locale;
import org.groklab.kinds.ctrnn.Ctrnn;
import org.groklab.kinds.ctrnn.CtrnnConfig;
import org.groklab.kinds.ctrnn.CtrnnLoss;
import org.groklab.kinds.ctrnn.CtrnnNoise;
import org.groklab.kinds.ctrnn.CtrnnTraining;
import org.groklab.kinds.ctrnn.SetTask;
import org.groklab.kinds.ctrnn.SetTaskConfig;
import org.groklab.kinds.ctrnn.TrainingConfig;
import org.groklab.math.Kernels;
import org.groklab.math.Rng;

public class CtrnnBenchmark {
    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        double tau = 100;
        int warmup = 2;
        int reps = 7;
        Kernels kernels = Kernels.vector();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tau" -> tau = Double.parseDouble(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--reps" -> reps = Integer.parseInt(args[++i]);
                case "--plain" -> kernels = Kernels.plain();
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        CtrnnConfig config = CtrnnConfig.MURRAY_100MS.withTau(tau);
        SetTask task = SetTask.generate(SetTaskConfig.MURRAY, 1);
        CtrnnTraining training = new CtrnnTraining(task, config, TrainingConfig.MURRAY.withDropLast(false), kernels, 1);
        int trials = task.trainIds().length;
        int n = config.neurons();
        int in = config.inputDim();
        int t = task.steps();
        double flopsPerTrial = 2.0 * t * (2.0 * in * n + 3.0 * n * n + 2.0 * n);
        System.out.printf("ctrnn      : N=%d N_in=%d T=%d tau=%.0f ms, %d training trials, batch 256, kernels %s%n",
                n, in, t, tau, trials, kernels.getClass().getSimpleName());
        System.out.printf("java       : %s%n", Runtime.version());
        for (int i = 0; i < warmup; i++) {
            training.epoch();
        }
        // training only: the validation pass is the part of epoch() after the last update, timed apart below
        double[] ms = new double[reps];
        double[] val = new double[reps];
        for (int r = 0; r < reps; r++) {
            long t0 = System.nanoTime();
            training.epoch();
            long t1 = System.nanoTime();
            training.evaluate(task.validationIds(), Rng.stream(1, "bench", r));
            long t2 = System.nanoTime();
            val[r] = (t2 - t1) / 1e6;
            ms[r] = (t1 - t0) / 1e6 - val[r];
        }
        double med = median(ms);
        double gflops = flopsPerTrial * trials / (med / 1e3) / 1e9;
        System.out.printf("epoch      : %.1f ms median (min %.1f, max %.1f) over %d epochs; %.2f GFLOP/epoch,"
                + " %.1f GFLOP/s%n", med, min(ms), max(ms), reps, flopsPerTrial * trials / 1e9, gflops);
        System.out.printf("validation : %.1f ms median for %d trials%n", median(val), task.validationIds().length);
        breakdown(config, task, kernels);
        double peak = peak(kernels);
        System.out.printf("peak       : Kernels.matmul 1024^3 %.1f GFLOP/s; the epoch runs at %.0f%% of it%n", peak,
                100 * gflops / peak);
        System.out.printf("RESULT ctrnn tau=%.0f ms_per_epoch=%.2f min=%.2f max=%.2f gflops=%.2f val_ms=%.2f%n",
                tau, med, min(ms), max(ms), gflops, median(val));
    }

    private static void breakdown(CtrnnConfig config, SetTask task, Kernels kernels) {
        int b = 256;
        int t = task.steps();
        int[] ids = Arrays.copyOf(task.trainIds(), b);
        float[] u = new float[b * t * config.inputDim()];
        float[] noise = new float[b * t * config.neurons()];
        float[] dz = new float[b * t];
        Ctrnn model = new Ctrnn(config, kernels, 1);
        CtrnnLoss loss = CtrnnLoss.of(config);
        Rng rng = new Rng(3);
        int reps = 15;
        double[][] parts = new double[4][reps];
        for (int r = -5; r < reps; r++) {
            long t0 = System.nanoTime();
            task.inputs(ids, 0, b, u);
            long t1 = System.nanoTime();
            CtrnnNoise.fill(rng, noise, noise.length, config.noiseStd());
            long t2 = System.nanoTime();
            float[] z = model.forward(u, b, t, noise);
            loss.evaluate(z, task.labels(ids, 0, b), b, t, model.sumSquaredRates(), dz);
            long t3 = System.nanoTime();
            model.backward(dz, loss.rateWeight(b, t));
            long t4 = System.nanoTime();
            if (r >= 0) {
                parts[0][r] = (t1 - t0) / 1e6;
                parts[1][r] = (t2 - t1) / 1e6;
                parts[2][r] = (t3 - t2) / 1e6;
                parts[3][r] = (t4 - t3) / 1e6;
            }
        }
        System.out.printf("minibatch  : inputs %.2f ms, noise %.2f ms, forward+loss %.2f ms, BPTT %.2f ms"
                + " (medians, 256 trials)%n", median(parts[0]), median(parts[1]), median(parts[2]),
                median(parts[3]));
    }

    private static double peak(Kernels kernels) {
        int m = 1024;
        float[] a = new float[m * m];
        float[] bb = new float[m * m];
        float[] c = new float[m * m];
        Rng rng = new Rng(1);
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rng.nextDouble();
            bb[i] = (float) rng.nextDouble();
        }
        double[] g = new double[5];
        for (int r = -1; r < g.length; r++) {
            long t0 = System.nanoTime();
            kernels.matmul(a, bb, c, m, m, m, false);
            long t1 = System.nanoTime();
            if (r >= 0) {
                g[r] = 2.0 * m * m * m / ((t1 - t0) / 1e9) / 1e9;
            }
        }
        return median(g);
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] x) {
        return Arrays.stream(x).min().orElse(Double.NaN);
    }

    private static double max(double[] x) {
        return Arrays.stream(x).max().orElse(Double.NaN);
    }
}
