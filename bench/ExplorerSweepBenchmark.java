/*
 * The explorer over a large sweep (a program, not a test). Run from the repository root with a JDK 25:
 *
 *   java --add-modules jdk.incubator.vector -cp core/target/groklab.jar bench/ExplorerSweepBenchmark.java \
 *        [--runs 20000] [--dir DIR] [--keep]
 *
 * Writes a sweep directory of --runs small runs (default 20,000: 20 x 20 cells x 50 seeds) the way a finished
 * `groklab sweep run` leaves it — sweep.json, plan.csv, and per run config.json, metrics.csv (11 rows) and
 * summary.json — under DIR (default: a new directory in /dev/shm when there is one, else in the temporary
 * directory), starts `groklab serve` on it and times, over HTTP, what the pages ask for: the runs list, the first
 * sweep request (which opens the sweep: DuckDB reads plan.csv and every summary.json once; meanwhile the server
 * answers 202 and the program asks again, as the page does), and then the phase
 * diagram, a cell's runs, the last page of runs and one run. Prints one line per request; deletes DIR unless
 * --keep (a sweep kept in DIR is reused).
 */

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.groklab.web.ExplorerServer;

public class ExplorerSweepBenchmark {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        int runs = 20000;
        Path dir = null;
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--keep" -> keep = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (allowed: --runs N, --dir DIR, --keep)");
            }
        }
        Path shm = Path.of("/dev/shm");
        if (dir == null) {
            dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "groklab-explorer")
                    : Files.createTempDirectory("groklab-explorer");
        }
        int seeds = Math.max(1, runs / 400);
        try {
            long t0 = System.nanoTime();
            Path plan = dir.resolve("sweep").resolve("plan.csv");
            int n;
            if (Files.isRegularFile(plan)) { // kept from an earlier run (--keep)
                try (Stream<String> lines = Files.lines(plan)) {
                    n = (int) lines.count() - 1;
                }
                System.out.printf(Locale.ROOT, "sweep of %,d runs found under %s%n", n, dir);
            } else {
                n = write(dir.resolve("sweep"), seeds);
                System.out.printf(Locale.ROOT, "sweep of %,d runs written in %.1f s under %s%n", n,
                        (System.nanoTime() - t0) / 1e9, dir);
            }
            try (ExplorerServer s = ExplorerServer.start(dir, "127.0.0.1", 0)) {
                time(s, "runs list", "/api/runs");
                time(s, "first sweep request (opens the sweep)", "/api/sweep?path=sweep");
                time(s, "phase diagram, other axes", "/api/sweep?path=sweep&x=optimizer.weight_decay&y=task.train_fraction");
                time(s, "a cell's runs", "/api/cell?path=sweep&x=task.train_fraction&xv=0.3&y=optimizer.weight_decay&yv=0.01");
                time(s, "last page of runs", "/api/sweep-runs?path=sweep&offset=" + (n - 10) + "&limit=50");
                time(s, "one run", "/api/run?path=sweep/runs/" + id(7));
                time(s, "one run's curves", "/api/curves?path=sweep/runs/" + id(7));
                time(s, "runs list, again", "/api/runs");
            }
        } finally {
            if (!keep) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    /**
     * Times a request until it is answered (200), asking again every 100 ms while the sweep is being opened (202, as
     * the page does); prints the time to the answer and the longest single request.
     */
    private static void time(ExplorerServer s, String what, String path) throws Exception {
        long t = System.nanoTime();
        long longest = 0;
        int opening = 0;
        HttpResponse<String> r;
        for (;;) {
            long a = System.nanoTime();
            r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            longest = Math.max(longest, System.nanoTime() - a);
            if (r.statusCode() != 202) {
                break;
            }
            opening++;
            Thread.sleep(100);
        }
        double ms = (System.nanoTime() - t) / 1e6;
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " gave " + r.statusCode() + ": " + r.body());
        }
        System.out.printf(Locale.ROOT, "RESULT %-40s %8.0f ms  %,9d bytes  (longest request %.0f ms%s)%n", what, ms,
                r.body().length(), longest / 1e6, opening == 0 ? "" : "; " + opening + " answered 202: opening");
    }

    private static String id(int n) {
        return String.format(Locale.ROOT, "%012x", 0x5eed000000L + n);
    }

    /** 20 x 20 cells over train fraction and weight decay, {@code seeds} seeds each; outcome a function of the cell. */
    private static int write(Path sweep, int seeds) throws IOException {
        Files.createDirectories(sweep.resolve("runs"));
        StringBuilder plan = new StringBuilder("run_id,cell,seed,task.train_fraction,optimizer.weight_decay\n");
        int n = 0;
        for (int i = 0; i < 20; i++) {
            for (int j = 0; j < 20; j++) {
                double x = 0.3 + 0.02 * i;
                double y = 0.01 * (j + 1);
                for (int seed = 0; seed < seeds; seed++) {
                    String id = id(n);
                    plan.append(id).append(',').append(i * 20 + j).append(',').append(seed).append(',').append(x)
                            .append(',').append(y).append('\n');
                    String outcome = seed == 0 ? "direct-generalize" : i >= 10 && j >= 10 ? "grok"
                            : i >= 10 ? "memorize-only" : "no-learn";
                    run(sweep.resolve("runs").resolve(id), id, seed, outcome, x, y);
                    n++;
                }
            }
        }
        Files.writeString(sweep.resolve("plan.csv"), plan.toString());
        Files.writeString(sweep.resolve("sweep.json"), String.format(Locale.ROOT,
                "{\"name\": \"bench\", \"runs\": %d, \"cells\": 400}%n", n));
        return n;
    }

    private static void run(Path dir, String id, long seed, String outcome, double x, double y) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), String.format(Locale.ROOT, """
                {"run_id": "%s", "name": "bench", "seed": %d, "task": {"type": "modular", "p": 23, "train_fraction": %s},
                 "model": {"type": "gromov-mlp", "width": 8}, "optimizer": {"weight_decay": %s}, "train": {"steps": 100}}
                """, id, seed, x, y));
        boolean mem = !outcome.equals("no-learn");
        boolean gen = outcome.equals("grok") || outcome.equals("direct-generalize");
        StringBuilder m = new StringBuilder("step,lr,train_loss,train_acc,test_loss,test_acc\n");
        for (int i = 0; i <= 10; i++) {
            double train = mem ? Math.min(1, 0.1 * i + 0.05) : 0.05;
            double test = gen ? (i >= 8 ? 1 : 0.05) : 0.05;
            m.append(String.format(Locale.ROOT, "%d,0.001,%.4f,%.4f,%.4f,%.4f%n", 10 * i, 1.001 - train, train,
                    1.001 - test, test));
        }
        Files.writeString(dir.resolve("metrics.csv"), m.toString());
        Files.writeString(dir.resolve("summary.json"), String.format(Locale.ROOT, """
                {"run_id": "%s", "name": "bench", "outcome": "%s", "memorization_step": %s, "generalization_step": %s,
                 "grok_delay": null, "steps": 100, "steps_done": 100, "diverged_at": null,
                 "final_metrics": {"train_loss": 0.01, "train_acc": %s, "test_loss": 0.5, "test_acc": %s},
                 "wall_time_seconds": 0.1, "error": null, "groklab_version": "0.1.0"}
                """, id, outcome, mem ? "90" : null, gen ? "80" : null, mem ? "1.0" : "0.05", gen ? "1.0" : "0.05"));
    }
}
