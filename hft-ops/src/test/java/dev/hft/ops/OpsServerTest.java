package dev.hft.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpsServerTest {
    private static final String TOKEN = "9f86d081884c7d659a2feaa0c55ad015";
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private final ExecutorService engineThread = Executors.newSingleThreadExecutor();
    private final Rig rig = new Rig(0);
    private OpsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        engineThread.shutdownNow();
    }

    /** Control actions run on the single "engine thread", as the session's ring would run them. */
    private Controls controls() {
        return action -> CompletableFuture.supplyAsync(() -> {
            switch (action) {
                case "kill" -> rig.engine.killSwitch();
                case "pause" -> rig.engine.pause();
                case "resume" -> rig.engine.resume();
                default -> rig.engine.release();
            }
            return rig.monitor.publish(2);
        }, engineThread);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(url(path)).POST(HttpRequest.BodyPublishers.noBody());
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void statusMetricsAndHealthDescribeTheSession() throws Exception {
        rig.bar("100");
        rig.bar("99");
        rig.bar("101");
        rig.metrics.decisionNanos(3_000);
        rig.monitor.publish(1);
        server = OpsServer.start("127.0.0.1", 0, rig.monitor, rig.metrics, controls(), TOKEN);

        JsonNode s = json.readTree(get("/api/status").body());
        assertThat(s.get("bars").asLong()).isEqualTo(3);
        assertThat(s.get("positions").get(0).get("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(s.get("controls").asBoolean()).isTrue();
        assertThat(s.toString()).doesNotContain(TOKEN);

        String m = get("/metrics").body();
        assertThat(m).contains("hft_events_total{type=\"bar\"} 3.0", "hft_orders_submitted_total 2.0",
                "hft_fills_total 1.0", "hft_decisions_total{reason=\"ENTRY_SMA_CROSS_UP\"} 1.0",
                "hft_risk_state{state=\"ACTIVE\"} 1.0", "hft_risk_state{state=\"HALTED\"} 0.0",
                "hft_decision_latency_seconds_bucket", "hft_decision_latency_seconds_count 1",
                "hft_exposure{symbol=\"BTCUSDT\"}", "hft_equity ");

        HttpResponse<String> h = get("/health");
        assertThat(h.statusCode()).as("the stream is not up: not ready").isEqualTo(503);
        assertThat(json.readTree(h.body()).get("live").asBoolean()).isTrue();
        rig.monitor.streamStatus("connected", "ws://local");
        rig.monitor.publish(2);
        h = get("/health");
        assertThat(h.statusCode()).isEqualTo(200);
        assertThat(json.readTree(h.body()).get("ready").asBoolean()).isTrue();

        HttpResponse<String> page = get("/");
        assertThat(page.body()).contains("<title>hft dashboard</title>");
        assertThat(get("/dashboard.js").statusCode()).isEqualTo(200);
        HttpResponse<String> lib = get("/echarts.min.js");
        assertThat(lib.statusCode()).isEqualTo(200);
        assertThat(lib.body().length()).as("the minified library, not an error page").isGreaterThan(500_000);
    }

    @Test
    void controlNeedsTheTokenAndRunsOnTheEngineThread() throws Exception {
        rig.monitor.publish(1);
        server = OpsServer.start("127.0.0.1", 0, rig.monitor, rig.metrics, controls(), TOKEN);
        assertThat(post("/api/control/kill", null).statusCode()).isEqualTo(401);
        assertThat(post("/api/control/kill", "Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(post("/api/control/kill", "Bearer " + TOKEN.substring(1)).statusCode()).isEqualTo(401);
        assertThat(post("/api/control/explode", "Bearer " + TOKEN).statusCode()).isEqualTo(404);
        assertThat(rig.engine.risk().killSwitchEngaged()).as("nothing happened yet").isFalse();

        HttpResponse<String> r = post("/api/control/pause", "Bearer " + TOKEN);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json.readTree(r.body()).at("/state/paused").asBoolean()).isTrue();
        r = post("/api/control/kill", "Bearer " + TOKEN);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json.readTree(r.body()).at("/state/killSwitch").asBoolean()).isTrue();
        assertThat(rig.engine.risk().killSwitchEngaged()).isTrue();
        assertThat(post("/api/control/release", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(post("/api/control/resume", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
        assertThat(rig.engine.risk().killSwitchEngaged()).isFalse();
        assertThat(rig.engine.paused()).isFalse();
    }

    @Test
    void withoutAConfiguredTokenTheEndpointIsReadOnly() throws Exception {
        rig.monitor.publish(1);
        server = OpsServer.start("127.0.0.1", 0, rig.monitor, rig.metrics, controls(), null);
        HttpResponse<String> r = post("/api/control/kill", "Bearer anything");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("read-only");
        assertThat(rig.engine.risk().killSwitchEngaged()).isFalse();
        assertThat(server.toString()).contains("read-only");
    }

    @Test
    void dashboardsGetEveryNewViewAsAServerSentEvent() throws Exception {
        rig.monitor.publish(1);
        server = OpsServer.start("127.0.0.1", 0, rig.monitor, rig.metrics, controls(), TOKEN);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<HttpResponse<Stream<String>>> stream = http.sendAsync(HttpRequest.newBuilder(
                url("/events")).header("Accept", "text/event-stream").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(() -> {
            try {
                stream.get().body().forEach(lines::add);
            } catch (Exception e) {
                lines.add("failed: " + e);
            }
        });
        reader.setDaemon(true);
        reader.start();
        assertThat(next(lines, "\"bars\":0")).as("the current view on connect").isNotNull();
        rig.bar("100");
        rig.bar("99");
        rig.monitor.publish(2);
        assertThat(next(lines, "\"bars\":2")).as("the next view pushed").isNotNull();
        assertThat(stream.get().headers().firstValue("content-type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/event-stream"));
    }

    /** The next {@code data:} line containing {@code text}, or null after 30 s. */
    private static String next(BlockingQueue<String> lines, String text) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            String l = lines.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
                        if (l != null && l.startsWith("data:") && l.contains(text)) {
                return l;
            }
        }
        return null;
    }

    /** Sends raw HTTP/1.1 requests on one connection and returns each response's status line. */
    private List<String> onOneConnection(String... requests) throws Exception {
        List<String> statuses = new java.util.ArrayList<>();
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(30_000);
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(
                    s.getInputStream(), java.nio.charset.StandardCharsets.ISO_8859_1));
            java.io.OutputStream out = s.getOutputStream();
            for (String r : requests) {
                out.write(r.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                out.flush();
                String status = in.readLine();
                statuses.add(status);
                int length = 0;
                for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
                    if (h.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                        length = Integer.parseInt(h.substring(15).trim());
                    }
                }
                for (int i = 0; i < length; i++) {
                    in.read();
                }
            }
        }
        return statuses;
    }

    /** The status code of one request sent on a connection of its own. */
    private String alone(String request) {
        try {
            String line = onOneConnection(request).get(0);
            return line == null ? "closed" : line.split(" ")[1];
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String request(String method, String path, String host, String... headers) {
        StringBuilder b = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
        for (String h : headers) {
            b.append(h).append("\r\n");
        }
        return b.append("Content-Length: 0\r\n\r\n").toString();
    }

    @Test
    void onAKeepAliveConnectionOnlyTheExactTokenIsAccepted() throws Exception {
        rig.monitor.publish(1);
        server = OpsServer.start("127.0.0.1", 0, rig.monitor, rig.metrics, controls(), TOKEN);
        String host = "127.0.0.1:" + server.port();
        String upper = TOKEN.toUpperCase(java.util.Locale.ROOT);
        assertThat(onOneConnection(
                request("POST", "/api/control/pause", host, "Authorization: Bearer " + TOKEN),
                request("POST", "/api/control/kill", host, "Authorization: Bearer " + upper),
                request("POST", "/api/control/kill", host, "Authorization: bearer " + TOKEN)))
                .as("a cached right token does not stand in for a differently cased one")
                .extracting(l -> l.split(" ")[1]).containsExactly("200", "401", "401");
        assertThat(rig.engine.risk().killSwitchEngaged()).isFalse();
        assertThat(onOneConnection(
                request("POST", "/api/control/resume", host, "Authorization: Bearer " + upper),
                request("POST", "/api/control/kill", host, "Authorization: Bearer " + TOKEN)))
                .as("a cached wrong-case token does not block the right one")
                .extracting(l -> l.split(" ")[1]).containsExactly("401", "200");
        assertThat(rig.engine.risk().killSwitchEngaged()).isTrue();
    }

    @Test
    void requestsNamingAnotherHostOrComingFromAnotherOriginAreRefused() throws Exception {
        rig.monitor.publish(1);
        server = OpsServer.start("127.0.0.1", 0, rig.monitor, rig.metrics, controls(), TOKEN,
                List.of("trading-box.lan"));
        int port = server.port();
        assertThat(Stream.of(
                request("GET", "/api/status", "rebound.attacker.example:" + port),
                request("GET", "/events", "rebound.attacker.example"),
                request("GET", "/api/status", "127.0.0.1:" + port),
                request("GET", "/api/status", "localhost:" + port),
                request("GET", "/metrics", "TRADING-BOX.lan:" + port),
                request("GET", "/api/status", "[::1]:" + port),
                request("GET", "/api/status", "127.0.0.1:" + port, "Origin: http://rebound.attacker.example"),
                request("GET", "/api/status", "127.0.0.1:" + port, "Origin: http://127.0.0.1:" + port),
                request("POST", "/api/control/kill", "127.0.0.1:" + port, "Origin: https://evil.example",
                        "Authorization: Bearer " + TOKEN)).map(this::alone).toList())
                .containsExactly("421", "421", "200", "200", "200", "200", "403", "200", "403");
        assertThat(rig.engine.risk().killSwitchEngaged()).as("a cross-origin post changes nothing").isFalse();
    }

    @Test
    void aWeakTokenIsRefusedAtStartWithoutQuotingIt() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OpsServer.start("127.0.0.1", 0, rig.monitor,
                rig.metrics, controls(), "tok-123"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too weak").hasMessageContaining("7 characters")
                .hasMessageNotContaining("tok-123");
        assertThat(OpsServer.tokenBits("0123456789abcdef0123456789abcdef")).isEqualTo(128);
        assertThat(OpsServer.tokenBits("0123456789abcdef0123456789abcde")).isLessThan(128);
        assertThat(OpsServer.tokenBits("Zm9vYmFyYmF6cXV4cXV1eA")).as("22 base64 characters").isGreaterThan(128);
        assertThat(OpsServer.beyondLoopback("127.0.0.1")).isFalse();
        assertThat(OpsServer.beyondLoopback("localhost")).isFalse();
        assertThat(OpsServer.beyondLoopback("::1")).isFalse();
        assertThat(OpsServer.beyondLoopback("0.0.0.0")).isTrue();
        assertThat(OpsServer.beyondLoopback("192.168.1.5")).isTrue();
    }

    @Test
    void theControlActionsAreTheFourTheDashboardShows() {
        assertThat(Controls.ACTIONS).isEqualTo(List.of("kill", "pause", "resume", "release"));
    }
}
