package org.groklab.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.launcher.JavaModuleOptions;

/**
 * A Spark standalone master and one worker (1 core, 1 GiB), started by a test as child JVMs of this JVM's java and
 * class path, bound to 127.0.0.1 only. The worker launches executors with this JVM's java too (JAVA_HOME) from a
 * scratch SPARK_HOME whose jars/ is empty: the executors' class path comes from spark.executor.extraClassPath.
 */
final class LoopbackCluster implements AutoCloseable {
    private static final Pattern ONE_WORKER = Pattern.compile("\"aliveworkers\"\\s*:\\s*1\\b");

    final String masterUrl;
    final Path home;
    private final int masterUi;
    private final List<Process> processes = new ArrayList<>();

    private LoopbackCluster(Path home, int masterPort, int masterUi) {
        this.home = home;
        this.masterUrl = "spark://127.0.0.1:" + masterPort;
        this.masterUi = masterUi;
    }

    /**
     * Starts the master and the worker without waiting for them ({@link #awaitWorker}); stops what it started if
     * it fails.
     */
    static LoopbackCluster launch(Path home) throws IOException {
        Files.createDirectories(home.resolve("jars"));
        LoopbackCluster c = new LoopbackCluster(home, freePort(), freePort());
        try {
            c.launch("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
                    "--port", c.masterUrl.substring(c.masterUrl.lastIndexOf(':') + 1),
                    "--webui-port", Integer.toString(c.masterUi));
            c.launch("worker", "org.apache.spark.deploy.worker.Worker", c.masterUrl, "--cores", "1",
                    "--memory", "1g", "--host", "127.0.0.1", "--webui-port", Integer.toString(freePort()),
                    "--work-dir", home.resolve("work").toString());
            return c;
        } catch (IOException | RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    private void launch(String name, String mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(Arrays.asList(JavaModuleOptions.defaultModuleOptionArray()));
        // small daemons that mostly wait: quick to start, few threads (the executors get the usual JIT and GC)
        cmd.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
                "-cp", System.getProperty("java.class.path"), mainClass));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(home.resolve(name + ".log").toFile());
        Map<String, String> env = pb.environment();
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        // the worker builds executor commands with Spark's launcher: it needs SPARK_HOME/jars and the Scala version
        // (which a distribution's load-spark-env.sh exports), and takes java from JAVA_HOME
        env.put("SPARK_HOME", home.toString());
        env.put("SPARK_SCALA_VERSION", "2.13");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.remove("SPARK_CONF_DIR");
        processes.add(pb.start());
    }

    /** Waits until the worker has registered with the master; fails after {@code timeout}. */
    void awaitWorker(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUi + "/json/"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a Spark daemon exited with " + p.exitValue() + "\n" + logs());
                }
            }
            try {
                last = http.send(req, HttpResponse.BodyHandlers.ofString()).body();
                if (ONE_WORKER.matcher(last).find()) {
                    return;
                }
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("no worker registered with " + masterUrl + " within " + timeout
                + "; master said: " + last + "\n" + logs());
    }

    /** The daemons' logs and the executors' stderr, for a failure message. */
    String logs() {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> s = Files.walk(home)) {
            for (Path p : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".log")
                    || f.getFileName().toString().equals("stderr")).sorted()::iterator) {
                List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                b.append("---- ").append(home.relativize(p)).append('\n');
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> b.append(l).append('\n'));
            }
        } catch (IOException e) {
            b.append(e);
        }
        return b.toString();
    }

    /** Stops the worker (and its executors), then the master: SIGTERM, then SIGKILL after 10 s. */
    @Override
    public void close() {
        for (Process p : processes.reversed()) {
            List<ProcessHandle> children = p.descendants().toList();
            p.destroy();
            try {
                if (!p.waitFor(10, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }
        processes.clear();
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
