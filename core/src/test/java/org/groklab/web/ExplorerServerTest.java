package org.groklab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The explorer's server without a browser: refusals, paging, following a growing metrics.csv, a sweep's views. */
class ExplorerServerTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path tmp;

    private static HttpResponse<String> get(ExplorerServer s, String rawPath) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + rawPath)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The answer to a GET, asking again while a sweep is being opened (202). */
    private static JsonNode json(ExplorerServer s, String rawPath) throws Exception {
        HttpResponse<String> r = get(s, rawPath);
        for (int tries = 0; r.statusCode() == 202 && tries < 1200; tries++) {
            assertTrue(Json.MAPPER.readTree(r.body()).get("opening").asBoolean(), r.body());
            Thread.sleep(100);
            r = get(s, rawPath);
        }
        assertEquals(200, r.statusCode(), rawPath + ": " + r.body());
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void pathsLeavingTheDirectoryAreRefusedAndNothingOutsideIsServed() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("served"));
        Path secret = Files.createDirectories(tmp.resolve("secret"));
        Files.writeString(secret.resolve("key.txt"), "TOP-SECRET");
        Files.writeString(secret.resolve("config.json"), "{\"name\": \"TOP-SECRET\"}");
        FakeRuns.run(root.resolve("r1"), "r1", 0, "grok", 100);
        Files.createSymbolicLink(root.resolve("link-out"), secret);
        Files.createSymbolicLink(root.resolve("r1").resolve("key-link.txt"), secret.resolve("key.txt"));
        try (ExplorerServer s = ExplorerServer.start(root, "127.0.0.1", 0)) {
            assertEquals(200, get(s, "/files/r1/config.json").statusCode(), "a file under the directory is served");
            List<String> attempts = List.of("/files/../secret/key.txt", "/files/r1/../../secret/key.txt",
                    "/files/%2e%2e/secret/key.txt", "/files/..%2fsecret%2fkey.txt", "/files/%2E%2E%2Fsecret/key.txt",
                    "/files/..%5csecret%5ckey.txt", "/files/" + secret.resolve("key.txt"), "/files//" + secret,
                    "/files/link-out/key.txt", "/files/r1/key-link.txt", "/static/../../secret/key.txt",
                    "/api/run?path=..", "/api/run?path=..%2Fsecret", "/api/run?path=%2E%2E/secret",
                    "/api/run?path=" + secret, "/api/run?path=link-out", "/api/metrics?path=r1/../../secret",
                    "/api/checkpoint?path=link-out&step=0", "/api/sweep?path=../secret", "/api/run?path=r1%00");
            for (String a : attempts) {
                HttpResponse<String> r = get(s, a);
                assertTrue(r.statusCode() == 403 || r.statusCode() == 404, a + " gave " + r.statusCode());
                assertFalse(r.body().contains("TOP-SECRET"), a + " leaked the file");
            }
            HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
                    + "/api/runs")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(405, post.statusCode(), "read-only");
        }
    }

    @Test
    void analysisRecordsAreListedAndServedAsWrittenAndOnlyFromTheRunsAnalysisFolder() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("served"));
        Path run = FakeRuns.run(root.resolve("r1"), "r1", 0, "grok", 100);
        Files.createDirectories(run.resolve("analysis"));
        Files.writeString(run.resolve("analysis").resolve("panels.json"), "{\"step\": [100, 200]}");
        Files.writeString(tmp.resolve("secret.json"), "{\"name\": \"TOP-SECRET\"}");
        Files.createSymbolicLink(run.resolve("analysis").resolve("leak.json"), tmp.resolve("secret.json"));
        try (ExplorerServer s = ExplorerServer.start(root, "127.0.0.1", 0)) {
            assertEquals(List.of("panels.json"), Json.MAPPER.convertValue(json(s, "/api/run?path=r1").get("analyses"),
                    List.class), "links are not listed");
            assertEquals("[100,200]", json(s, "/api/analysis?path=r1&name=panels.json").get("step").toString());
            for (String name : List.of("leak.json", "..%2Fconfig.json", "../config.json", "config.json", "x.txt")) {
                HttpResponse<String> r = get(s, "/api/analysis?path=r1&name=" + name);
                assertTrue(r.statusCode() >= 400 && r.statusCode() < 500, name + " gave " + r.statusCode());
                assertFalse(r.body().contains("TOP-SECRET"), name);
            }
        }
        Path html = tmp.resolve("report.html");
        Report.write(run, html);
        assertTrue(Files.readString(html).contains(Json.MAPPER.writeValueAsString(Api.key("analysis", "path", "",
                "name", "panels.json"))), "a report inlines the run's analysis records under the page's key");
    }

    @Test
    void runsListIsPagedFilteredSearchedAndSorted() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("runs"));
        String[] outcomes = {"grok", "memorize-only", "no-learn"};
        for (int i = 0; i < 120; i++) {
            FakeRuns.run(root.resolve(String.format(Locale.ROOT, "run-%03d", i)), "id" + i, i, outcomes[i % 3], 100);
        }
        try (ExplorerServer s = ExplorerServer.start(root, "127.0.0.1", 0)) {
            JsonNode page = json(s, "/api/runs?offset=50&limit=50&sort=path&order=asc");
            assertEquals(120, page.get("total").asInt());
            assertEquals(50, page.get("runs").size());
            assertEquals("run-050", page.get("runs").get(0).get("path").asText());
            JsonNode grok = json(s, "/api/runs?limit=500&outcome=grok&sort=path&order=desc");
            assertEquals(40, grok.get("total").asInt());
            assertEquals("run-117", grok.get("runs").get(0).get("path").asText());
            grok.get("runs").forEach(r -> assertEquals("grok", r.get("outcome").asText()));
            assertEquals(1, json(s, "/api/runs?q=run-007").get("total").asInt());
            assertEquals(List.of("grok", "memorize-only", "no-learn"),
                    Json.MAPPER.convertValue(page.get("outcomes"), List.class));
        }
    }

    @Test
    void metricsAreFollowedByByteOffsetLeavingAHalfWrittenLineForLater() throws Exception {
        Path run = FakeRuns.run(tmp.resolve("live"), "live", 0, "grok", 100);
        Files.delete(run.resolve("summary.json"));
        Path metrics = run.resolve("metrics.csv");
        Files.writeString(metrics, "step,lr,test_acc,train_acc\n0,0.1,0.5,0.25\n10,0.1,0.5");
        MetricsCsv.Chunk first = MetricsCsv.read(metrics, 0);
        assertEquals(1, first.rows().size(), "the half-written line is not read");
        assertEquals(0.25, first.rows().get(0)[first.column("train_acc")], "columns by name, not by position");
        Files.writeString(metrics, "5,0.75\n20,0.1,0.875,1.0\n", StandardOpenOption.APPEND);
        MetricsCsv.Chunk second = MetricsCsv.read(metrics, first.offset());
        assertEquals(2, second.rows().size());
        assertEquals(10, second.rows().get(0)[0]);
        assertEquals(0.75, second.rows().get(0)[3]);
        assertEquals(Files.size(metrics), second.offset());
        assertEquals(0, MetricsCsv.read(metrics, second.offset()).rows().size());
        try (Api api = new Api(new SafePaths(tmp))) {
            JsonNode m = api.handle("metrics", Map.of("path", "live", "offset", String.valueOf(first.offset())));
            assertEquals(2, m.get("rows").size());
            assertFalse(m.get("complete").asBoolean());
            assertEquals("running", api.handle("run", Map.of("path", "live")).get("outcome").asText());
            assertEquals(20, api.handle("run", Map.of("path", "live")).get("step_done").asLong());
        }
    }

    @Test
    void aSweepStillRunningFillsInAsItsRunsFinish() throws Exception {
        Path sweep = FakeRuns.sweep(tmp.resolve("runs").resolve("live"), new double[] {0.3, 0.7}, new double[] {0.1, 1.0}, 2);
        List<Path> summaries;
        try (var runs = Files.list(sweep.resolve("runs"))) {
            summaries = runs.sorted().limit(3).map(r -> r.resolve("summary.json")).toList();
        }
        List<String> saved = new java.util.ArrayList<>();
        for (Path f : summaries) {
            saved.add(Files.readString(f));
            Files.delete(f);
        }
        try (ExplorerServer s = ExplorerServer.start(tmp.resolve("runs"), "127.0.0.1", 0)) {
            JsonNode before = json(s, "/api/sweep?path=live");
            assertEquals(8, before.get("planned").asInt());
            assertEquals(5, before.get("finished").asInt());
            for (int i = 0; i < summaries.size(); i++) {
                Files.writeString(summaries.get(i), saved.get(i));
            }
            int finished = 5;
            for (int tries = 0; tries < 300 && finished < 8; tries++) { // reopened in the background every few seconds
                Thread.sleep(100);
                finished = json(s, "/api/sweep?path=live").get("finished").asInt();
            }
            assertEquals(8, finished, "the finished runs appear without a restart");
            assertEquals(8, json(s, "/api/sweep-runs?path=live").get("runs").size());
        }
    }

    @Test
    void aSweepIsAnsweredFromDuckDbInPages() throws Exception {
        // the same requests at 20,000 runs, timed: bench/ExplorerSweepBenchmark.java
        double[] xs = new double[6];
        double[] ys = new double[6];
        for (int i = 0; i < 6; i++) {
            xs[i] = 0.3 + 0.05 * i;
            ys[i] = 0.1 * (i + 1);
        }
        FakeRuns.sweep(tmp.resolve("runs").resolve("sweep"), xs, ys, 5);
        try (ExplorerServer s = ExplorerServer.start(tmp.resolve("runs"), "127.0.0.1", 0)) {
            JsonNode list = json(s, "/api/runs");
            assertEquals(0, list.get("total").asInt(), "a sweep's runs are on its own page, not in the runs list");
            assertEquals(180, list.get("sweeps").get(0).get("planned").asInt());
            JsonNode d = json(s, "/api/sweep?path=sweep");
            assertEquals(180, d.get("finished").asInt());
            assertEquals(36, d.get("cells").size());
            assertEquals(List.of("task.train_fraction", "optimizer.weight_decay"),
                    Json.MAPPER.convertValue(d.get("fields"), List.class));
            JsonNode top = null;
            for (JsonNode c : d.get("cells")) {
                assertEquals(5, c.get("finished").asInt());
                if (c.get("xv").asText().equals(String.valueOf(xs[5])) && c.get("yv").asText().equals(String.valueOf(ys[5]))) {
                    top = c;
                }
            }
            assertEquals("grok", top.get("dominant").asText(), "high fraction and decay: grok (see FakeRuns)");
            assertEquals(4, top.get("counts").get("grok").asInt());
            assertEquals(1, top.get("counts").get("direct-generalize").asInt(), "seed 0");
            JsonNode swapped = json(s, "/api/sweep?path=sweep&x=optimizer.weight_decay&y=task.train_fraction");
            assertEquals("optimizer.weight_decay", swapped.get("x").asText());
            JsonNode cell = json(s, "/api/cell?path=sweep&x=task.train_fraction&xv=" + xs[0]
                    + "&y=optimizer.weight_decay&yv=" + ys[0]);
            assertEquals(5, cell.get("planned").asInt());
            assertEquals(4, cell.get("rates").get(0).get("count").asInt(), "no-learn in the low corner");
            assertEquals(5, cell.get("runs").size());
            JsonNode last = json(s, "/api/sweep-runs?path=sweep&offset=170&limit=50");
            assertEquals(10, last.get("runs").size());
            assertEquals(180, last.get("total").asInt());
            JsonNode run = json(s, "/api/run?path=sweep/" + last.get("runs").get(1).get("path").asText());
            assertEquals("fake", run.get("name").asText());
            assertEquals(400, get(s, "/api/sweep?path=sweep&x=no.such.field").statusCode());
        }
    }
}
