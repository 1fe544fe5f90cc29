package org.groklab.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code groklab serve}: the explorer over a directory of runs and sweeps, on the JDK's HTTP server. Read-only:
 * GET and HEAD only; {@code /} the page, {@code /static/NAME} its fixed assets, {@code /api/ENDPOINT} the data
 * ({@link Api}), {@code /files/PATH} a file under the directory (refused when the path would leave it).
 */
public final class ExplorerServer implements AutoCloseable {
    /** How long a sweep request waits for the sweep to open before answering 202 (the page asks again). */
    static final long SWEEP_WAIT_MILLIS = 500;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Api api;
    private final SafePaths paths;

    private ExplorerServer(HttpServer server, ExecutorService executor, Api api, SafePaths paths) {
        this.server = server;
        this.executor = executor;
        this.api = api;
        this.paths = paths;
    }

    /** Starts serving {@code dir} on {@code host}:{@code port} (0: any free port). */
    public static ExplorerServer start(Path dir, String host, int port) throws IOException {
        SafePaths paths = new SafePaths(dir);
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 64);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        http.setExecutor(executor);
        ExplorerServer s = new ExplorerServer(http, executor, new Api(paths, SWEEP_WAIT_MILLIS), paths);
        http.createContext("/", s::handle);
        http.start();
        return s;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The page's address. */
    public String url() {
        String host = server.getAddress().getHostString();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/";
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                send(ex, 405, "text/plain; charset=utf-8", "read-only: GET and HEAD only\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String raw = ex.getRequestURI().getRawPath();
            String lower = raw.toLowerCase(Locale.ROOT);
            if (lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") || lower.contains("%2e")
                    || raw.contains("..") || raw.contains("\\")) {
                send(ex, 403, "text/plain; charset=utf-8", "path not allowed\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = ex.getRequestURI().getPath();
            if (path.equals("/") || path.equals("/index.html")) {
                send(ex, 200, "text/html; charset=utf-8", Page.served().getBytes(StandardCharsets.UTF_8));
            } else if (path.startsWith("/static/") && Assets.FILES.containsKey(path.substring(8))) {
                String name = path.substring(8);
                send(ex, 200, Assets.contentType(name), Assets.bytes(Assets.FILES.get(name)));
            } else if (path.startsWith("/api/")) {
                api(ex, path.substring(5));
            } else if (path.startsWith("/files/")) {
                file(ex, path.substring(7));
            } else {
                send(ex, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            // the exchange is closed; the client sees a reset connection or a short answer
        }
    }

    private void api(HttpExchange ex, String endpoint) throws IOException {
        int status;
        JsonNode body;
        try {
            body = api.handle(endpoint, query(ex.getRequestURI().getRawQuery()));
            status = 200;
        } catch (SafePaths.Refused e) {
            status = e.forbidden() ? 403 : 404;
            body = Json.MAPPER.createObjectNode().put("error", e.getMessage());
        } catch (Api.Opening e) {
            status = 202;
            body = Json.MAPPER.createObjectNode().put("opening", true).put("message", e.getMessage());
        } catch (Api.BadRequest e) {
            status = 400;
            body = Json.MAPPER.createObjectNode().put("error", e.getMessage());
        } catch (IOException | RuntimeException e) {
            status = 500;
            body = Json.MAPPER.createObjectNode().put("error", String.valueOf(e.getMessage()));
        }
        send(ex, status, "application/json", Json.MAPPER.writeValueAsBytes(body));
    }

    private void file(HttpExchange ex, String relative) throws IOException {
        Path p;
        try {
            p = paths.resolve(relative);
        } catch (SafePaths.Refused e) {
            send(ex, e.forbidden() ? 403 : 404, "text/plain; charset=utf-8",
                    (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (!Files.isRegularFile(p)) {
            send(ex, 404, "text/plain; charset=utf-8", "not a file\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(ex, 200, Assets.contentType(p.getFileName().toString()), Files.readAllBytes(p));
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.put(k, v);
        }
        return q;
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        var h = ex.getResponseHeaders();
        h.set("Content-Type", type);
        h.set("Cache-Control", "no-store");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        api.close();
    }
}
