package dev.hft.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hft.binance.FakeBinance;
import dev.hft.binance.FakeStreams;
import dev.hft.binance.Kline;
import dev.hft.journal.JournalRecovery;
import dev.hft.research.HeadlessChrome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard of a running `hft paper` session in headless Chromium: the page loads without errors, follows the
 * engine as bars arrive (server-sent events), refuses the kill switch without the token and engages it with it;
 * `hft status` prints the same state; /metrics and /health answer; the kill switch is in the journal.
 */
class DashboardTest {
    private static final long MIN = 60_000L;
    private static final String TOKEN = "5e884898da28047151d0e56f8dc62927";

    @TempDir
    Path tmp;

    private static String price(int k) {
        return String.format(Locale.ROOT, "%.2f", 42_000 + 400 * Math.sin(k / 3.0));
    }

    /** Waits in the page (up to 30 s) until {@code condition} holds, then returns {@code value}. */
    private static JsonNode waitFor(HeadlessChrome chrome, String condition, String value) throws Exception {
        return chrome.eval("new Promise(function (ok, fail) { var t0 = Date.now(); (function check() { "
                + "try { if (" + condition + ") { ok(" + value + "); return; } } catch (e) { } "
                + "if (Date.now() - t0 > 30000) { fail('timed out waiting for: " + condition.replace("'", "\\'")
                + "'); } else { setTimeout(check, 50); } })(); })");
    }

    @Test
    void theDashboardFollowsTheSessionAndTheKillSwitchNeedsTheToken() throws Exception {
        Path browser = HeadlessChrome.browserOrSkip();
        long last = Math.floorDiv(System.currentTimeMillis(), MIN) * MIN - MIN;
        Path config = tmp.resolve("hft.yaml");
        Files.writeString(config, "ops:\n  token: " + TOKEN + "\n");
        try (FakeBinance rest = FakeBinance.hmac("k", "s", System::currentTimeMillis);
             FakeStreams streams = new FakeStreams()) {
            List<Kline> history = new ArrayList<>();
            for (int k = -60; k <= 40; k++) {
                history.add(FakeStreams.kline("BTCUSDT", last + k * MIN, price(k)));
            }
            rest.klineHistory.put("BTCUSDT", history);
            Path dir = tmp.resolve("paper");
            String[] args = {"paper", "--symbol", "BTCUSDT", "--strategy", "sma-cross", "--param", "fast=2",
                "--clock", "stream",
                "--param", "slow=5", "--stream-url", streams.base().toString(), "--rest-url", rest.base().toString(),
                "--config", config.toString(), "--http-port", "0", "--liquidations-url", "off", "--out", dir.toString(),
                "--max-bars", "12"};
            StringWriter log = new StringWriter();
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.execute(args,
                    new PrintWriter(log, true), new PrintWriter(log, true)));
            assertThat(streams.connections.poll(60, TimeUnit.SECONDS)).as("connected; %s", log).isNotNull();
            JsonNode ops = new ObjectMapper().readTree(dir.resolve("ops.json").toFile());
            String url = ops.get("url").asText();
            assertThat(url).startsWith("http://127.0.0.1:");
            assertThat(log.toString()).contains("dashboard " + url, "control on (token)").doesNotContain(TOKEN);

            try (HeadlessChrome chrome = HeadlessChrome.start(browser)) {
                chrome.load(url);
                assertThat(chrome.errors()).as("console errors after load").isEmpty();
                assertThat(waitFor(chrome, "window.hftState && window.hftState.bars > 0",
                        "window.hftState.bars").asLong()).as("warm-up bars shown; %s", chrome.errors()).isEqualTo(5);
                assertThat(chrome.eval("document.getElementById('session').textContent").asText())
                        .contains("sma-cross", "BTCUSDT");
                for (int k = 1; k <= 4; k++) {
                    streams.send(FakeStreams.closedKline("BTCUSDT", last + k * MIN, price(k)));
                }
                assertThat(waitFor(chrome, "document.getElementById('bars').textContent === '9'",
                        "document.getElementById('bars').textContent").asText()).as("the page followed the engine")
                        .isEqualTo("9");
                assertThat(waitFor(chrome, "window.hftState.streamUp", "document.getElementById('ready')"
                        + ".textContent").asText()).isEqualTo("yes");
                JsonNode points = chrome.eval("echarts.getInstanceByDom(document.getElementById('equity-chart'))"
                        + ".getOption().series[0].data.length");
                assertThat(points.asInt()).as("equity curve points").isPositive();

                // the kill switch asks first: nothing is sent until the question is answered
                chrome.eval("document.getElementById('btn-kill').click()");
                assertThat(chrome.eval("document.getElementById('confirm').hidden").asBoolean()).isFalse();
                assertThat(chrome.eval("document.getElementById('confirm-text').textContent").asText())
                        .contains("kill switch", "flatten");
                chrome.eval("document.getElementById('btn-cancel').click()");
                assertThat(chrome.eval("document.getElementById('control-result').textContent").asText())
                        .isEqualTo("canceled");
                assertThat(status(url).get("killSwitch").asBoolean()).isFalse();

                // without the token: refused, nothing engaged
                chrome.eval("document.getElementById('btn-kill').click(); "
                        + "document.getElementById('btn-confirm').click()");
                assertThat(waitFor(chrome, "document.getElementById('control-result').textContent"
                        + ".indexOf('refused') >= 0", "document.getElementById('control-result').textContent")
                        .asText()).contains("kill refused (401)");
                assertThat(status(url).get("killSwitch").asBoolean()).isFalse();

                // with it: engaged, shown at once
                chrome.eval("document.getElementById('token').value = '" + TOKEN + "'; "
                        + "document.getElementById('btn-kill').click(); "
                        + "document.getElementById('btn-confirm').click()");
                assertThat(waitFor(chrome, "document.getElementById('killswitch').textContent.length > 0",
                        "document.getElementById('risk').textContent").asText()).isEqualTo("HALTED");
                assertThat(status(url).get("killSwitch").asBoolean()).isTrue();
                assertThat(waitFor(chrome, "document.getElementById('alerts').textContent.indexOf('kill switch') >= 0",
                        "document.getElementById('alerts').textContent").asText()).as("the alert on the page")
                        .contains("CRITICAL", "kill switch engaged");
                assertThat(chrome.errors()).as("console errors: only the browser's note of the refused call")
                        .singleElement().asString().contains("401", "/api/control/kill");
            }

            CliTest.Run st = CliTest.hft("status", "--session", dir.toString());
            assertThat(st.code()).as(st.err()).isZero();
            assertThat(st.out()).contains("paper session", "risk HALTED (RISK_KILL_SWITCH), kill switch ENGAGED",
                    "bars 9", "ready yes");
            assertThat(CliTest.hft("status", "--session", dir.toString(), "--json").out())
                    .contains("\"killSwitch\":true");
            HttpClient http = HttpClient.newHttpClient();
            String metrics = http.send(HttpRequest.newBuilder(URI.create(url + "metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("hft_kill_switch 1.0", "hft_risk_state{state=\"HALTED\"} 1.0",
                    "hft_decision_latency_seconds_count 4");
            assertThat(http.send(HttpRequest.newBuilder(URI.create(url + "health")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

            for (int k = 5; k <= 12; k++) {
                streams.send(FakeStreams.closedKline("BTCUSDT", last + k * MIN, price(k)));
            }
            assertThat(run.get(60, TimeUnit.SECONDS)).as(log.toString()).isZero();
            assertThat(log.toString()).contains("ALERT CRITICAL kill switch");
            assertThat(dir.resolve("ops.json")).as("removed at the stop").doesNotExist();
            List<String> operator = new ArrayList<>();
            JournalRecovery.scan(dir.resolve("journal"), r -> {
                if (r.type().equals("operator")) {
                    operator.add(r.data());
                }
            }, false);
            assertThat(operator).singleElement().asString().contains("killSwitch");
            assertThat(CliTest.hft("replay", "--journal", dir.toString()).code()).isZero();
            CliTest.Run gone = CliTest.hft("status", "--url", url);
            assertThat(gone.code()).isEqualTo(1);
            assertThat(gone.err()).contains("no session answers at " + url);
        }
    }

    private static JsonNode status(String url) throws Exception {
        return new ObjectMapper().readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url
                + "api/status")).build(), HttpResponse.BodyHandlers.ofString()).body());
    }
}
