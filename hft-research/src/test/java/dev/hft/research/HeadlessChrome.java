package dev.hft.research;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real headless Chromium driven over the Chrome DevTools Protocol with the JDK's WebSocket client: loads a page,
 * collects console errors and uncaught exceptions, and evaluates expressions in it. Tests wait on protocol events
 * (load fired, a reply to a command), never on sleeps.
 *
 * <p>The browser is Debian's chromium ({@code /usr/bin/chromium}, or {@code HFT_CHROMIUM}). When none is installed
 * the tests using this skip, unless {@code -Dhft.browser.required=true} (set by .ci/run after installing it), in
 * which case they fail.
 */
public final class HeadlessChrome implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern WS = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();
    private final List<String> stderr = java.util.Collections.synchronizedList(new ArrayList<>());

    /** The browser executable, if one is installed. */
    public static Optional<Path> executable() {
        String env = System.getenv("HFT_CHROMIUM");
        List<String> candidates = env != null ? List.of(env)
                : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome");
        return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
    }

    /** True when the build demands a browser (CI), so a missing one is a failure, not a skip. */
    public static boolean required() {
        return Boolean.getBoolean("hft.browser.required");
    }

    /** The installed browser; skips the calling test when there is none, fails it when one is required. */
    public static Path browserOrSkip() {
        Optional<Path> exe = executable();
        if (exe.isEmpty()) {
            if (required()) {
                throw new AssertionError("hft.browser.required is set but no chromium is installed");
            }
            org.junit.jupiter.api.Assumptions.abort("no chromium installed (apt-get install chromium); "
                    + ".ci/run installs it");
        }
        return exe.get();
    }

    /**
     * Opens an hft report.html, adds console errors and exceptions to {@code errors}, and returns the name of
     * every chart after asserting that each has data points.
     */
    public static List<String> reportCharts(Path page, List<String> errors) throws Exception {
        try (HeadlessChrome chrome = start(browserOrSkip())) {
            chrome.load(page.toUri().toString());
            JsonNode charts = chrome.eval("window.hftReport.charts.map(function (c) { return { name: c.name, "
                    + "points: c.chart.getOption().series.reduce(function (n, s) { "
                    + "return n + (s.data ? s.data.length : 0); }, 0) }; })");
            errors.addAll(chrome.errors());
            List<String> names = new ArrayList<>();
            for (JsonNode c : charts) {
                names.add(c.get("name").asText());
                if (c.get("points").asInt() <= 0) {
                    throw new AssertionError("chart " + c.get("name").asText() + " has no data in " + page);
                }
            }
            return names;
        }
    }

    private HeadlessChrome(Process process, Path profile, WebSocket socket) {
        this.process = process;
        this.profile = profile;
        this.socket = socket;
    }

    /** Starts the browser on a blank page. */
    public static HeadlessChrome start(Path browser) throws Exception {
        Path profile = Files.createTempDirectory("hft-chromium");
        Process p = new ProcessBuilder(browser.toString(), "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--remote-allow-origins=*",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> wsUrl = new CompletableFuture<>();
        List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread reader = new Thread(() -> {
            try {
                for (String line; (line = err.readLine()) != null; ) {
                    lines.add(line);
                    Matcher m = WS.matcher(line);
                    if (m.find()) {
                        wsUrl.complete(m.group(1));
                    }
                }
                wsUrl.completeExceptionally(new IOException("chromium exited: " + lines));
            } catch (IOException e) {
                wsUrl.completeExceptionally(e);
            }
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        String browserWs = wsUrl.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        URI http = URI.create(browserWs.replace("ws://", "http://"));
        HttpClient client = HttpClient.newHttpClient();
        String list = client.send(HttpRequest.newBuilder(http.resolve("/json/list")).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String pageWs = null;
        for (JsonNode t : JSON.readTree(list)) {
            if ("page".equals(t.path("type").asText())) {
                pageWs = t.path("webSocketDebuggerUrl").asText();
                break;
            }
        }
        if (pageWs == null) {
            p.destroyForcibly();
            throw new IOException("no page target in " + list);
        }
        HeadlessChrome[] self = new HeadlessChrome[1];
        Listener listener = new Listener(self);
        WebSocket ws = client.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(URI.create(pageWs), listener)
                .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        HeadlessChrome c = new HeadlessChrome(p, profile, ws);
        c.stderr.addAll(lines);
        self[0] = c;
        c.send("Runtime.enable", null);
        c.send("Log.enable", null);
        c.send("Page.enable", null);
        return c;
    }

    /** Navigates to {@code url} and waits for the load event. */
    public void load(String url) throws Exception {
        loaded = new CompletableFuture<>();
        ObjectNode params = JSON.createObjectNode().put("url", url);
        JsonNode r = send("Page.navigate", params);
        if (r.has("errorText")) {
            throw new IOException("navigation to " + url + " failed: " + r.get("errorText").asText());
        }
        loaded.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Evaluates {@code expression} (promises awaited) and returns its value as JSON. */
    public JsonNode eval(String expression) throws Exception {
        ObjectNode params = JSON.createObjectNode().put("expression", expression).put("returnByValue", true)
                .put("awaitPromise", true);
        JsonNode r = send("Runtime.evaluate", params);
        if (r.has("exceptionDetails")) {
            throw new IllegalStateException("evaluation threw: " + r.get("exceptionDetails"));
        }
        return r.path("result").path("value");
    }

    /** Sets the page's viewport to {@code width} x {@code height} CSS pixels (a desktop, scale 1). */
    public void viewport(int width, int height) throws Exception {
        ObjectNode p = JSON.createObjectNode().put("width", width).put("height", height).put("deviceScaleFactor", 1)
                .put("mobile", false);
        send("Emulation.setDeviceMetricsOverride", p);
    }

    /** Saves a PNG of the whole page (beyond the viewport) to {@code file}, creating its directory. */
    public void screenshot(Path file) throws Exception {
        JsonNode size = send("Page.getLayoutMetrics", null).path("cssContentSize");
        ObjectNode clip = JSON.createObjectNode().put("x", 0).put("y", 0).put("width", size.path("width").asDouble())
                .put("height", Math.min(size.path("height").asDouble(), 16_000)).put("scale", 1);
        ObjectNode p = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        p.set("clip", clip);
        byte[] png = java.util.Base64.getDecoder().decode(send("Page.captureScreenshot", p).path("data").asText());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, png);
    }

    /** Saves a PNG of the first element matching {@code selector} (scrolled into view) to {@code file}. */
    public void screenshot(Path file, String selector) throws Exception {
        JsonNode r = eval("(function () { var e = document.querySelector('" + selector.replace("'", "\\'")
                + "'); e.scrollIntoView(); var b = e.getBoundingClientRect(); return { x: b.left + window.scrollX, "
                + "y: b.top + window.scrollY, w: b.width, h: b.height }; })()");
        ObjectNode clip = JSON.createObjectNode().put("x", r.get("x").asDouble()).put("y", r.get("y").asDouble())
                .put("width", r.get("w").asDouble()).put("height", r.get("h").asDouble()).put("scale", 1);
        ObjectNode p = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
        p.set("clip", clip);
        byte[] png = java.util.Base64.getDecoder().decode(send("Page.captureScreenshot", p).path("data").asText());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, png);
    }

    /**
     * The tables wider than the box that holds them (their card: a section, a details block or a grid cell), each
     * as its nearest heading's text; empty when nothing is clipped or scrolls sideways.
     */
    public List<String> overflowingTables() throws Exception {
        JsonNode r = eval("Array.from(document.querySelectorAll('table')).filter(function (t) { "
                + "return t.offsetParent !== null && t.scrollWidth > t.parentElement.clientWidth + 1; })"
                + ".map(function (t) { var s = t.closest('section, details, div'); var h = s && s.querySelector("
                + "'h2, summary'); return (h ? h.textContent : '?') + ' (' + t.scrollWidth + ' > ' "
                + "+ t.parentElement.clientWidth + ' px)'; })");
        List<String> out = new ArrayList<>();
        r.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Console errors, uncaught exceptions and error log entries seen so far. */
    public List<String> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    private JsonNode send(String method, JsonNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode().put("id", id).put("method", method);
        if (params != null) {
            msg.set("params", params);
        }
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        socket.sendText(JSON.writeValueAsString(msg), true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        JsonNode reply = f.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (reply.has("error")) {
            throw new IOException(method + " failed: " + reply.get("error"));
        }
        return reply.path("result");
    }

    private void onMessage(JsonNode m) {
        if (m.has("id")) {
            CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
            if (f != null) {
                f.complete(m);
            }
            return;
        }
        String method = m.path("method").asText();
        JsonNode p = m.path("params");
        switch (method) {
            case "Page.loadEventFired" -> loaded.complete(null);
            case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails"));
            case "Runtime.consoleAPICalled" -> {
                String type = p.path("type").asText();
                if ("error".equals(type) || "assert".equals(type)) {
                    errors.add("console." + type + ": " + p.path("args"));
                }
            }
            case "Log.entryAdded" -> {
                if ("error".equals(p.path("entry").path("level").asText())) {
                    errors.add("log: " + p.path("entry").path("text").asText() + " "
                            + p.path("entry").path("url").asText());
                }
            }
            default -> {
            }
        }
    }

    @Override
    public void close() throws Exception {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the browser goes anyway
        }
        // Chromium's helper processes (zygote, renderers) outlive the main one for a moment and keep writing into
        // the profile: take them down too, before the profile is deleted
        List<ProcessHandle> helpers = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        for (ProcessHandle h : helpers) {
            h.destroyForcibly();
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                // gone or stuck: the profile is removed as far as it can be
            }
        }
        for (int attempt = 0; attempt < 3 && Files.exists(profile); attempt++) {
            try (Stream<Path> s = Files.walk(profile)) {
                s.sorted(Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
            } catch (IOException | java.io.UncheckedIOException e) {
                // a file vanished while walking (a helper's temporary file): walk again
            }
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private final HeadlessChrome[] owner;
        private final StringBuilder buffer = new StringBuilder();

        Listener(HeadlessChrome[] owner) {
            this.owner = owner;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String text = buffer.toString();
                buffer.setLength(0);
                try {
                    if (owner[0] != null) {
                        owner[0].onMessage(JSON.readTree(text));
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("bad DevTools message: " + text, e);
                }
            }
            ws.request(1);
            return null;
        }
    }
}
