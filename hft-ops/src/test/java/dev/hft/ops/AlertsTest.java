package dev.hft.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alerts against a local webhook: the three payload shapes, the rate limit, deduplication, retries, secrecy. */
class AlertsTest {
    private final ObjectMapper json = new ObjectMapper();
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final AtomicInteger failFirst = new AtomicInteger();
    private final AtomicInteger status = new AtomicInteger(200);
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final List<String> console = new ArrayList<>();
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            received.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int code = failFirst.getAndDecrement() > 0 ? 500 : status.get();
            ex.sendResponseHeaders(code, -1);
            ex.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private Alerts alerts(Alerts.Format format, String path, int perMinute) {
        URI hook = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
        return new Alerts(new Alerts.Settings(hook, format, format == Alerts.Format.TELEGRAM ? "-1001" : null,
                perMinute, Duration.ofMinutes(5), "paper test"), console::add, clock::get, HttpClient.newHttpClient());
    }

    @Test
    void theThreeFormatsCarryTheAlert() throws Exception {
        try (Alerts a = alerts(Alerts.Format.GENERIC, "/hook", 10)) {
            a.alert(Alerts.Severity.CRITICAL, "kill switch", "kill", "kill switch engaged");
        }
        JsonNode g = json.readTree(received.take());
        assertThat(g.get("source").asText()).isEqualTo("paper test");
        assertThat(g.get("severity").asText()).isEqualTo("CRITICAL");
        assertThat(g.get("kind").asText()).isEqualTo("kill switch");
        assertThat(g.get("message").asText()).isEqualTo("kill switch engaged");
        assertThat(g.get("time").asText()).isEqualTo("1970-01-01T00:16:40Z");
        try (Alerts a = alerts(Alerts.Format.SLACK, "/services/T0/B0/XXXX", 10)) {
            a.alert(Alerts.Severity.WARNING, "freeze", "f", "BTCUSDT frozen");
        }
        assertThat(json.readTree(received.take()).get("text").asText())
                .isEqualTo("[paper test] WARNING freeze: BTCUSDT frozen");
        try (Alerts a = alerts(Alerts.Format.TELEGRAM, "/bot123:SECRET/sendMessage", 10)) {
            a.alert(Alerts.Severity.WARNING, "halt", "h", "trading halted");
        }
        JsonNode t = json.readTree(received.take());
        assertThat(t.get("chat_id").asText()).isEqualTo("-1001");
        assertThat(t.get("text").asText()).contains("trading halted");
        assertThat(console).hasSize(3).allSatisfy(l -> assertThat(l).startsWith("ALERT "));
    }

    @Test
    void anAlertStormIsCappedPerMinuteAndTheSuppressedAreCounted() throws Exception {
        Alerts a = alerts(Alerts.Format.GENERIC, "/hook", 3);
        int admitted = 0;
        for (int i = 0; i < 50; i++) {
            admitted += a.alert(Alerts.Severity.WARNING, "freeze", "freeze:" + i, "storm " + i) ? 1 : 0;
        }
        assertThat(admitted).isEqualTo(3);
        assertThat(a.suppressed()).isEqualTo(47);
        assertThat(console).as("the console still sees every alert").hasSize(50);
        clock.addAndGet(60_000); // a minute later the window has room again
        assertThat(a.alert(Alerts.Severity.WARNING, "freeze", "freeze:x", "after")).isTrue();
        a.close();
        assertThat(a.delivered()).isEqualTo(4);
        List<String> bodies = new ArrayList<>();
        received.drainTo(bodies);
        assertThat(bodies).hasSize(4);
        assertThat(json.readTree(bodies.get(3)).get("message").asText())
                .isEqualTo("after (47 more alerts suppressed by the rate limit)");
    }

    @Test
    void theSameAlertAgainWithinTheWindowIsSentOnce() throws Exception {
        Alerts a = alerts(Alerts.Format.GENERIC, "/hook", 100);
        assertThat(a.alert(Alerts.Severity.WARNING, "freeze", "freeze:BTC", "one")).isTrue();
        clock.addAndGet(60_000);
        assertThat(a.alert(Alerts.Severity.WARNING, "freeze", "freeze:BTC", "two")).isFalse();
        assertThat(a.alert(Alerts.Severity.WARNING, "freeze", "freeze:ETH", "other key")).isTrue();
        clock.addAndGet(5 * 60_000);
        assertThat(a.alert(Alerts.Severity.WARNING, "freeze", "freeze:BTC", "three")).isTrue();
        a.close();
        assertThat(a.delivered()).isEqualTo(3);
    }

    @Test
    void aServerErrorIsRetriedAndABadRequestIsNot() throws Exception {
        failFirst.set(1);
        Alerts a = alerts(Alerts.Format.GENERIC, "/hook", 10);
        a.alert(Alerts.Severity.CRITICAL, "order lost", "lost:1", "x-1 lost");
        a.close();
        assertThat(a.delivered()).isEqualTo(1);
        assertThat(received).as("a 500, then the retry").hasSize(2);
        received.clear();
        status.set(400);
        Alerts b = alerts(Alerts.Format.GENERIC, "/hook", 10);
        b.alert(Alerts.Severity.CRITICAL, "order lost", "lost:2", "x-2 lost");
        b.close();
        assertThat(b.failed()).isEqualTo(1);
        assertThat(received).as("no retry of a request the server refused").hasSize(1);
    }

    @Test
    void theWebhookUrlNeverShowsItsSecretPart() {
        Alerts a = alerts(Alerts.Format.TELEGRAM, "/bot123:SECRET/sendMessage", 10);
        assertThat(a.toString()).contains("127.0.0.1").doesNotContain("SECRET").doesNotContain("bot123");
        a.closeQuietly();
    }

    @Test
    void settingsAreChecked() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Alerts.Settings(URI.create("http://h/x"),
                Alerts.Format.TELEGRAM, null, 5, Duration.ZERO, "s")).hasMessageContaining("chatId");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Alerts.Settings(null, Alerts.Format.GENERIC,
                null, 0, Duration.ZERO, "s")).hasMessageContaining("perMinute");
        assertThat(Alerts.Settings.consoleOnly("s").toString()).contains("console only");
    }
}
