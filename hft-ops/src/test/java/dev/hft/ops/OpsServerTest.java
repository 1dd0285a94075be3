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
    private static final String TOKEN = "s3cret-token-for-tests";
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

    @Test
    void theControlActionsAreTheFourTheDashboardShows() {
        assertThat(Controls.ACTIONS).isEqualTo(List.of("kill", "pause", "resume", "release"));
    }
}
