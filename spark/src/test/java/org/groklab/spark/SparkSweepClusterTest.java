package org.groklab.spark;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tiny sweep on a standalone Spark cluster on 127.0.0.1 (a master and a worker started here), driver in this
 * JVM (client mode), gives the local executor's sweep.
 */
class SparkSweepClusterTest {
    @TempDir
    static Path tmp;

    static LoopbackCluster cluster;

    static Path local;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LoopbackCluster.launch(tmp.resolve("spark-home"));
        local = SweepFixture.reference(); // while the daemons start
        cluster.awaitWorker(Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void standaloneClusterMatchesTheLocalExecutor() throws Exception {
        Path spec = SweepFixture.writeSpec(tmp);
        Path shared = tmp.resolve("spark");
        SparkConf conf = SweepFixture.conf(cluster.masterUrl)
                .set("spark.executor.memory", "512m")
                .set("spark.executor.extraClassPath", System.getProperty("java.class.path"))
                .set("spark.executor.extraJavaOptions", "--add-modules jdk.incubator.vector -Djava.awt.headless=true");
        String out;
        try {
            out = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> SweepFixture.runOnSpark(conf,
                    spec.toString(), "--out", shared.toString()));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + cluster.logs(), e);
        }
        assertTrue(out.contains("master " + cluster.masterUrl), out);
        assertTrue(out.contains("runs per executor: {0=4}"), out);
        SweepFixture.assertSameSweep(local, shared, out);
    }
}
