package org.groklab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.groklab.spec.SpecLoader;
import org.groklab.sweep.SweepDirectory;
import org.groklab.sweep.SweepPlan;
import org.groklab.sweep.SweepRunner;
import org.groklab.train.Progress;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python package (python/groklab) against the engine: trains a tiny run of every model kind and variant listed
 * in python/tests/runs.json and the sweep python/tests/sweep.yaml through the Java API, then runs the package's
 * unittest suite on them (GROKLAB_TEST_RUNS). The suite checks, among the rest, that the PyTorch module and the
 * numpy forward pass of every run give the train and test loss and accuracy of metrics.csv at every checkpoint
 * within float32 rounding, and runs the examples of docs/python.md. GROKLAB_TEST_STRICT makes a test that would
 * skip fail instead. Skipped only when /usr/bin/python3 with numpy and torch is absent.
 */
class PythonPackageTest {
    private static final String PYTHON = "/usr/bin/python3";

    @Test
    void thePythonPackageReproducesTheEngineOnEveryModelKind(@TempDir Path tmp) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of(PYTHON)), "needs " + PYTHON);
        Process probe = new ProcessBuilder(PYTHON, "-c", "import numpy, torch").redirectErrorStream(true).start();
        probe.getInputStream().readAllBytes();
        Assumptions.assumeTrue(probe.waitFor() == 0, "needs numpy and torch for " + PYTHON);
        Path repo = repositoryRoot();

        JsonNode fixtures = SpecLoader.JSON.readTree(repo.resolve("python/tests/runs.json").toFile());
        List<String> common = strings(fixtures.get("common"));
        for (JsonNode run : fixtures.get("runs")) {
            List<String> sets = new ArrayList<>(common);
            sets.addAll(strings(run.get("set")));
            Runner.train(SpecLoader.load(run.get("preset").asText(), null, sets),
                    tmp.resolve("runs").resolve(run.get("name").asText()), Progress.NONE);
        }
        Path sweepSpec = repo.resolve("python/tests/sweep.yaml");
        SweepDirectory sweep = SweepDirectory.prepare(tmp.resolve("sweep"), SpecLoader.readFile(sweepSpec, "SPEC"),
                SweepPlan.of(sweepSpec));
        SweepRunner.run(sweep, 2, s -> {
        });
        Files.writeString(tmp.resolve("defaults.json"), SpecLoader.JSON.writeValueAsString(allDefaults()));

        ProcessBuilder pb = new ProcessBuilder(PYTHON, "-m", "unittest", "discover", "-v", "-s", "tests", "-t", ".")
                .directory(repo.resolve("python").toFile()).redirectErrorStream(true);
        pb.environment().put("GROKLAB_TEST_RUNS", tmp.toString());
        pb.environment().put("GROKLAB_TEST_STRICT", "1");
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python tests did not finish:\n" + output);
        assertEquals(0, p.exitValue(), output);
        Matcher ran = Pattern.compile("Ran (\\d+) tests?").matcher(output);
        assertTrue(ran.find() && Integer.parseInt(ran.group(1)) >= 10, "too few python tests ran:\n" + output);
        assertFalse(output.contains("skipped"), "a python test skipped:\n" + output);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** The checkout's root: the first directory above the working directory that holds python/groklab. */
    static Path repositoryRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("python/groklab/__init__.py"))) {
            dir = dir.getParent();
        }
        assertTrue(dir != null, "python/groklab not found above " + System.getProperty("user.dir"));
        return dir;
    }

    /**
     * The defaults of every kind in one tree (the keys of all task and model types under task and model, which
     * agree where kinds share a key), with the default kind's types: what the Python package's defaults mirror.
     */
    static ObjectNode allDefaults() {
        ObjectNode all = SpecLoader.defaults(SpecLoader.defaults().path("task").path("type").asText(), null);
        for (org.groklab.spec.SpecKind kind : org.groklab.spec.SpecKinds.all()) {
            for (String model : kind.models().keySet()) {
                ObjectNode d = SpecLoader.defaults(kind.taskType(), model);
                for (String section : List.of("task", "model")) {
                    d.with(section).fields().forEachRemaining(e -> {
                        if (!all.with(section).has(e.getKey())) {
                            all.with(section).set(e.getKey(), e.getValue());
                        }
                    });
                }
            }
        }
        return all;
    }
}
