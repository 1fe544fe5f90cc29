package org.groklab.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.groklab.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The explorer in a real headless Chromium (Debian's chromium and chromium-driver, through Selenium), in order: the
 * runs list; a modular-addition run started while the page is open (p = 23, 1,800 steps: it memorizes at step 300
 * and generalizes at step 1,775) appears and its curves grow; scrubbing that run from before memorization to after
 * generalization changes the weight heatmap and the spectrum; a sweep's phase diagram opens a cell's runs; a
 * traversal is refused; reports open from disk with the network off. Screenshots: target/explorer-screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExplorerBrowserTest {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SHOTS = Path.of("target", "explorer-screenshots");
    static final String LIVE = "live-p23";

    static Path root;
    static Path profile;
    static ExplorerServer server;
    static ChromeDriver driver;
    static WebDriverWait wait;

    @BeforeAll
    static void start() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM), "no /usr/bin/chromium (apt-get install chromium chromium-driver)");
        root = Files.createTempDirectory("groklab-explorer");
        profile = Files.createTempDirectory("groklab-chromium-profile");
        Files.createDirectories(SHOTS);
        FakeRuns.sweep(root.resolve("sweeps").resolve("demo"), new double[] {0.3, 0.5, 0.7},
                new double[] {0.1, 0.3, 1.0}, 3);
        FakeRuns.run(root.resolve("fake-run"), "fake", 7, "memorize-only", 2000);
        server = ExplorerServer.start(root, "127.0.0.1", 0);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir=" + profile,
                "--window-size=1400,1500");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(40), Duration.ofMillis(100));
    }

    @AfterAll
    static void stop() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
        for (Path p : new Path[] {root, profile}) {
            if (p != null) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                }
            }
        }
    }

    /** Every test ends with no error in the browser's console. */
    @AfterEach
    void noConsoleErrors() {
        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).toList();
        assertTrue(severe.isEmpty(), "console errors: " + severe);
    }

    static void shot(String name) throws IOException {
        Files.write(SHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Clicks the first element matching {@code css}, again if the page re-rendered it meanwhile. */
    static void click(String css) {
        wait.until(d -> {
            try {
                List<WebElement> found = all(css);
                if (found.isEmpty()) {
                    return false;
                }
                found.get(0).click();
                return true;
            } catch (StaleElementReferenceException e) {
                return false;
            }
        });
    }

    static List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    @Test
    @Order(1)
    void runsListLoadsWithNoConsoleErrors() throws IOException {
        driver.get(server.url());
        wait.until(d -> !all("a.sweep-link").isEmpty());
        assertEquals("sweeps/demo", all("a.sweep-link").get(0).getText());
        wait.until(d -> all("tr.run-row").size() == 1);
        assertEquals("fake-run", all("tr.run-row").get(0).getDomAttribute("data-path"),
                "one run: the sweep's runs are on its own page");
        shot("runs-list");
    }

    @Test
    @Order(2)
    void aRunStartedWhileThePageIsOpenAppearsAndItsCurveGrows() throws Exception {
        driver.get(server.url() + "#/runs");
        wait.until(d -> !all("a.sweep-link").isEmpty());
        StringWriter out = new StringWriter();
        // the run is slowed down between evaluations (150 ms each; its results do not change) so that the page sees
        // it grow however fast the machine trains
        org.groklab.train.Progress slow = (m, total, seconds) -> {
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        Thread training = Thread.ofPlatform().start(() -> {
            org.groklab.run.Summary s = org.groklab.run.Runner.train(org.groklab.spec.SpecLoader.load("quick-modadd",
                    null, java.util.List.of("task.p=23", "train.steps=1800")), root.resolve(LIVE), slow);
            org.groklab.render.RunFigures.draw(root.resolve(LIVE), false);
            out.write("outcome: " + s.outcome());
        });
        wait.until(d -> !all("tr.run-row[data-path='" + LIVE + "']").isEmpty());
        shot("runs-list-live");
        click("tr.run-row[data-path='" + LIVE + "'] a");
        wait.until(d -> !all("#acc-chart canvas").isEmpty());
        Pattern rows = Pattern.compile("live: (\\d+) rows");
        int first = wait.until(d -> {
            Matcher m = rows.matcher(d.findElement(By.id("status")).getText());
            return m.find() ? Integer.parseInt(m.group(1)) : null;
        });
        int later = wait.until(d -> {
            Matcher m = rows.matcher(d.findElement(By.id("status")).getText());
            int n = m.find() ? Integer.parseInt(m.group(1)) : -1;
            return n > first ? n : null;
        });
        assertTrue(later > first, "the curve grew from " + first + " to " + later + " rows");
        shot("run-live");
        training.join(120_000);
        assertFalse(training.isAlive(), "training finished");
        assertTrue(out.toString().contains("outcome: grok"), out.toString());
        wait.until(d -> d.findElement(By.id("status")).getText().equals("finished"));
        assertTrue(driver.findElement(By.id("run-info")).getText().contains("grok"));
    }

    @Test
    @Order(3)
    void scrubbingFromBeforeMemorizationToAfterGeneralizationChangesHeatmapAndSpectrum() throws Exception {
        JsonNode summary = Json.MAPPER.readTree(root.resolve(LIVE).resolve("summary.json").toFile());
        assertEquals("grok", summary.get("outcome").asText());
        long memorized = summary.get("memorization_step").asLong();
        long generalized = summary.get("generalization_step").asLong();
        driver.get(server.url() + "#/run?path=" + LIVE);
        driver.navigate().refresh();
        wait.until(d -> !all("#views .heatmap-card canvas").isEmpty());
        WebElement slider = driver.findElement(By.id("scrubber"));
        slider.click();
        slider.sendKeys(Keys.HOME);
        wait.until(d -> "0".equals(d.findElement(By.id("views")).getDomAttribute("data-step")));
        String heatBefore = (String) js("return document.querySelector('#views .heatmap-card canvas').toDataURL()");
        String sortedBefore = (String) js("return document.querySelectorAll('#views .heatmap-card canvas')[1].toDataURL()");
        double[] spectrumBefore = spectrum();
        String starBefore = (String) js("return document.querySelector('#star-card canvas').toDataURL()");
        String activationBefore = (String) js("return document.querySelector('#activation-card canvas').toDataURL()");
        shot("run-before-memorization");

        slider.sendKeys(Keys.END);
        wait.until(d -> !"0".equals(d.findElement(By.id("views")).getDomAttribute("data-step")));
        long after = Long.parseLong(driver.findElement(By.id("views")).getDomAttribute("data-step"));
        assertTrue(0 < memorized && after >= generalized, "scrubbed from step 0 (memorized at " + memorized
                + ") to checkpoint " + after + " (generalized at " + generalized + ")");
        assertTrue(driver.findElement(By.id("scrub-step")).getText().contains("checkpoint"));
        String heatAfter = (String) js("return document.querySelector('#views .heatmap-card canvas').toDataURL()");
        String sortedAfter = (String) js("return document.querySelectorAll('#views .heatmap-card canvas')[1].toDataURL()");
        double[] spectrumAfter = spectrum();
        assertNotEquals(heatBefore, heatAfter, "the raw heatmap changed");
        assertNotEquals(sortedBefore, sortedAfter, "the sorted heatmap changed");
        double change = 0;
        for (int k = 0; k < spectrumAfter.length; k++) {
            change += Math.abs(spectrumAfter[k] - spectrumBefore[k]);
        }
        assertEquals(11, spectrumAfter.length, "frequencies 1..11 for p = 23");
        assertTrue(change > 0.05, "the spectrum changed by " + change + " (L1)");
        assertNotEquals(starBefore, js("return document.querySelector('#star-card canvas').toDataURL()"),
                "the star plot of the largest frequency group changed");
        assertNotEquals(activationBefore, js("return document.querySelector('#activation-card canvas').toDataURL()"),
                "the first activation map changed");
        assertEquals(23 * 23, ((Number) js("const c = document.querySelector('#activation-card canvas'); "
                + "return c.width * c.height")).intValue(), "an activation map is p x p");
        shot("run-after-generalization");
    }

    private static double[] spectrum() {
        String values = driver.findElement(By.id("spectrum-card")).getDomAttribute("data-values");
        return Stream.of(values.split(",")).mapToDouble(Double::parseDouble).toArray();
    }

    @Test
    @Order(4)
    void selectedRunsAreComparedSideBySide() throws IOException {
        driver.get(server.url() + "#/runs");
        click("input[data-path='" + LIVE + "']");
        wait.until(d -> d.findElement(By.id("compare")).getText().contains("(1)"));
        click("input[data-path='fake-run']");
        wait.until(d -> d.findElement(By.id("compare")).getText().contains("(2)"));
        click("#compare");
        wait.until(d -> !all("#compare-acc canvas").isEmpty() && !all("#compare-loss canvas").isEmpty());
        String table = driver.findElement(By.id("compare-summary")).getText();
        assertTrue(table.contains(LIVE) && table.contains("fake-run") && table.contains("grok")
                && table.contains("memorize-only"), table);
        shot("compare");
    }

    @Test
    @Order(5)
    void aSweepsPhaseDiagramOpensACellsRuns() throws IOException {
        driver.get(server.url() + "#/runs");
        click("a.sweep-link");
        wait.until(d -> all("#phase td.cell").size() == 9);
        WebElement cell = driver.findElement(By.cssSelector("#phase td.cell[data-xv='0.7'][data-yv='1.0']"));
        assertEquals("2/3", cell.getText(), "two of three seeds grok, seed 0 generalizes directly (FakeRuns)");
        cell.click();
        wait.until(d -> all("#cell tr.sweep-run").size() == 3 && !all("#cell-chart canvas").isEmpty());
        assertTrue(driver.findElement(By.id("cell")).getText().contains("task.train_fraction = 0.7"));
        assertEquals(List.of("direct-generalize", "grok", "grok"), all("#cell tr.sweep-run .badge").stream()
                .map(WebElement::getText).sorted().toList());
        assertEquals(27, Integer.parseInt(driver.findElement(By.cssSelector("#sweep-runs .pager span")).getText()
                .replaceAll(".* of ", "")));
        shot("sweep");
    }

    @Test
    @Order(6)
    void aParityRunShowsTheDensityAndTsneOfTheAnalysedSnapshotNearestTheScrubber() throws IOException {
        Path run = root.resolve("parity");
        org.groklab.spec.SpecLoader.Loaded spec = org.groklab.spec.SpecLoader.load("quick-parity", null,
                List.of("train.steps=400", "task.train_size=120"));
        org.groklab.run.Runner.train(spec, run, org.groklab.train.Progress.NONE);
        org.groklab.render.RunFigures.draw(run, false); // as `groklab train` does: the panels' data, then figures
        assertTrue(Files.isRegularFile(run.resolve("analysis").resolve("parity-panels.json")));
        driver.get(server.url() + "#/run?path=parity");
        wait.until(d -> !all("#density-card canvas").isEmpty() && !all("#tsne-card canvas").isEmpty());
        String end = driver.findElement(By.id("density-card")).getDomAttribute("data-step");
        String tsneEnd = (String) js("return document.querySelector('#tsne-card canvas').toDataURL()");
        shot("run-parity");
        WebElement slider = driver.findElement(By.id("scrubber"));
        slider.click();
        slider.sendKeys(Keys.HOME);
        wait.until(d -> "0".equals(d.findElement(By.id("views")).getDomAttribute("data-step")));
        String start = driver.findElement(By.id("density-card")).getDomAttribute("data-step");
        assertTrue(Long.parseLong(start) < Long.parseLong(end), "panels of step " + start + " then " + end);
        assertNotEquals(tsneEnd, js("return document.querySelector('#tsne-card canvas').toDataURL()"));
    }

    @Test
    @Order(7)
    void aTraversalRequestIsRefused() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("files/..%2f..%2f..%2fetc%2fpasswd", "files/%2e%2e/%2e%2e/etc/passwd",
                "api/run?path=..%2F..%2Fetc")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(r.statusCode() == 403 || r.statusCode() == 404, path + " gave " + r.statusCode());
            assertFalse(r.body().contains("root:"), path);
        }
        driver.get(server.url() + "files/%2e%2e/%2e%2e/etc/passwd");
        assertFalse(driver.getPageSource().contains("root:"));
        driver.get(server.url()); // leave a page whose 403 is not a console error of the next test
        driver.manage().logs().get(LogType.BROWSER);
    }

    @Test
    @Order(8)
    void reportsOpenFromDiskWithTheNetworkOff() throws IOException {
        Path runReport = SHOTS.resolve("report-run.html").toAbsolutePath();
        Path sweepReport = SHOTS.resolve("report-sweep.html").toAbsolutePath();
        Report.write(root.resolve(LIVE), runReport);
        Report.write(root.resolve("sweeps").resolve("demo"), sweepReport);
        for (Path report : List.of(runReport, sweepReport)) {
            String html = Files.readString(report);
            assertFalse(Pattern.compile("(src|href)\\s*=\\s*[\"']?(https?:)?//").matcher(html).find(),
                    report + " refers to the network");
        }
        driver.get("about:blank"); // no page of the server left polling it
        driver.manage().logs().get(LogType.BROWSER);
        server.close();
        ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
        offline.setOffline(true);
        driver.setNetworkConditions(offline);
        try {
            driver.get(runReport.toUri().toString());
            wait.until(d -> !all("#views .heatmap-card canvas").isEmpty() && !all("#acc-chart canvas").isEmpty());
            String end = driver.findElement(By.id("views")).getDomAttribute("data-step");
            WebElement slider = driver.findElement(By.id("scrubber"));
            slider.click();
            slider.sendKeys(Keys.HOME);
            wait.until(d -> "0".equals(d.findElement(By.id("views")).getDomAttribute("data-step")));
            assertEquals("1800", end);
            assertFalse(all("#star-card canvas").isEmpty() || all("#activation-card canvas").isEmpty());
            shot("report-run");
            driver.get(sweepReport.toUri().toString());
            wait.until(d -> all("#phase td.cell").size() == 9);
            driver.findElement(By.cssSelector("#phase td.cell[data-xv='0.3'][data-yv='0.1']")).click();
            wait.until(d -> all("#cell tr.sweep-run").size() == 3 && !all("#cell-chart canvas").isEmpty());
            shot("report-sweep");
        } finally {
            driver.deleteNetworkConditions();
        }
    }
}
