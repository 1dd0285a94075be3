package dev.hft.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hft.backtest.data.BarSeries;
import dev.hft.core.Fixed;
import dev.hft.research.HeadlessChrome;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hft paper --replay}: a session on recorded or generated bars from a local venue, through the same node
 * as against Binance; and the dashboard of such a session, as a user without Binance access sees it.
 */
class PaperReplayTest {
    private static final String TOKEN = "5e884898da28047151d0e56f8dc62927";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theLocalVenueAnswersLikeBinanceAndServesOnlyClosedKlines() throws Exception {
        BarSeries s = new BarSeries("BTCUSDT", 60_000L, 10);
        long t0 = 1_704_067_200_000L;
        for (int i = 0; i < 10; i++) {
            long p = Fixed.of(100 + i);
            s.add(t0 + i * 60_000L, p, p, p, p, Fixed.ONE, Fixed.of(100), 3, 0);
        }
        try (ReplayVenue v = ReplayVenue.start(List.of(s), 4, 60)) {
            HttpClient http = HttpClient.newHttpClient();
            JsonNode time = get(http, v.restUrl() + "/api/v3/time");
            assertThat(time.get("serverTime").asLong()).as("the close of the 4th bar").isEqualTo(t0 + 4 * 60_000L);
            JsonNode k = get(http, v.restUrl() + "/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=" + t0
                    + "&endTime=" + (t0 + 9 * 60_000L) + "&limit=100");
            assertThat(k).as("only the four closed bars").hasSize(4);
            assertThat(k.get(3).get(0).asLong()).isEqualTo(t0 + 3 * 60_000L);
            assertThat(k.get(3).get(4).asText()).isEqualTo("103");
            assertThat(k.get(3).get(6).asLong()).isEqualTo(t0 + 4 * 60_000L - 1);
            assertThat(get(http, v.restUrl() + "/api/v3/klines?symbol=ETHUSDT")).isEmpty();
            assertThat(v.barsToReplay()).isEqualTo(6);
            assertThat(v.replayTimes()).first().isEqualTo(t0 + 4 * 60_000L);
            assertThat(v.interval()).isEqualTo("1m");
        }
    }

    @Test
    void aSlowReplayPingsLikeBinanceSoTheSessionDoesNotTakeItForDead() throws Exception {
        BarSeries s = new BarSeries("BTCUSDT", 60_000L, 2);
        long p = Fixed.of(100);
        s.add(1_704_067_200_000L, p, p, p, p, Fixed.ONE, Fixed.of(100), 3, 0);
        s.add(1_704_067_260_000L, p, p, p, p, Fixed.ONE, Fixed.of(100), 3, 0);
        // one bar every 100 minutes of wall time: only the pings (every 50 ms here, 20 s by default) say it lives
        try (ReplayVenue v = ReplayVenue.start(List.of(s), 1, 0.01, 50)) {
            java.util.concurrent.CountDownLatch pings = new java.util.concurrent.CountDownLatch(3);
            java.util.concurrent.atomic.AtomicInteger texts = new java.util.concurrent.atomic.AtomicInteger();
            java.net.http.WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
                    URI.create(v.streamUrl() + "/stream?streams=btcusdt@kline_1m"), new java.net.http.WebSocket
                            .Listener() {
                        @Override
                        public java.util.concurrent.CompletionStage<?> onPing(java.net.http.WebSocket w,
                                                                             java.nio.ByteBuffer message) {
                            pings.countDown();
                            w.request(1);
                            return null;
                        }

                        @Override
                        public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket w,
                                                                             CharSequence data, boolean last) {
                            texts.incrementAndGet();
                            w.request(1);
                            return null;
                        }
                    }).get(10, TimeUnit.SECONDS);
            assertThat(pings.await(30, TimeUnit.SECONDS)).as("three pings").isTrue();
            assertThat(texts.get()).as("no bar yet: the next closes in 100 minutes").isZero();
            ws.abort();
        }
    }

    @Test
    void badReplayInputIsRefusedBeforeAnythingStarts() {
        Path dir = tmp.resolve("bad");
        CliTest.Run r = CliTest.hft("paper", "--replay", tmp.resolve("nope").toString(), "--out", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--replay: data path not found");
        r = CliTest.hft("paper", "--replay", "synthetic", "--replay", "x", "--out", dir.toString());
        assertThat(r.err()).contains("--replay synthetic stands alone");
        r = CliTest.hft("paper", "--replay", "synthetic", "--speed", "0", "--out", dir.toString());
        assertThat(r.err()).contains("--speed must be positive");
        r = CliTest.hft("paper", "--replay-from", "2024-01-02", "--out", dir.toString());
        assertThat(r.err()).contains("--replay-from and --replay-to apply to --replay");
        r = CliTest.hft("paper", "--replay", "synthetic", "--replay-from", "2024-01-03", "--replay-to", "2024-01-02",
                "--out", dir.toString());
        assertThat(r.err()).contains("--replay-to (2024-01-02) is before --replay-from (2024-01-03)");
        r = CliTest.hft("paper", "--replay", "synthetic", "--replay-from", "2024-02-01", "--out", dir.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("BTCUSDT has no bars between --replay-from and --replay-to");
        assertThat(dir).doesNotExist();
    }

    @Test
    void aReplayedSessionTradesShowsItsDashboardAndReplaysFromItsJournal() throws Exception {
        Path browser = HeadlessChrome.browserOrSkip();
        Path config = tmp.resolve("hft.yaml");
        Files.writeString(config, "ops:\n  token: " + TOKEN + "\n");
        Path dir = tmp.resolve("demo");
        String[] args = {"paper", "--replay", "synthetic", "--speed", "2000", "--max-bars", "600", "--strategy",
            "sma-cross", "--param", "fast=5", "--param", "slow=20", "--config", config.toString(), "--http-port", "0",
            "--out", dir.toString()};
        StringWriter log = new StringWriter();
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.execute(args,
                new PrintWriter(log, true), new PrintWriter(log, true)));
        Path ops = dir.resolve("ops.json");
        for (int i = 0; i < 600 && !Files.exists(ops); i++) {
            assertThat(run).as("the session is running; %s", log).isNotDone();
            TimeUnit.MILLISECONDS.sleep(50); // polling for a file another thread writes, not timing
        }
        String url = JSON.readTree(ops.toFile()).get("url").asText();
        try (HeadlessChrome chrome = HeadlessChrome.start(browser)) {
            chrome.viewport(1400, 900);
            chrome.load(url);
            JsonNode traded = chrome.eval("new Promise(function (ok, fail) { var t0 = Date.now(); (function check() { "
                    + "var s = window.hftState; if (s && s.tradeStats.trades >= 2 && s.fills.length >= 4 "
                    + "&& document.querySelectorAll('#trades tr').length >= 2) { ok(true); " // drawn, not only known
                    + "return; } if (Date.now() - t0 > 30000) { fail('no trades shown'); } else { "
                    + "setTimeout(check, 50); } })(); })");
            assertThat(traded.asBoolean()).isTrue();
            // the closed trades and their figures, the price with the fills
            assertThat(chrome.eval("document.querySelectorAll('#trades tr').length").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(chrome.eval("document.getElementById('trade-stats').textContent").asText())
                    .contains("trades since start", "win rate", "realized P&L");
            assertThat(chrome.eval("echarts.getInstanceByDom(document.getElementById('price-chart')).getOption()"
                    + ".series.map(function (s) { return s.data.length; })").toString())
                    .matches("\\[[1-9][0-9]*,[0-9]+,[0-9]+\\]");
            assertThat(chrome.eval("(function () { var o = echarts.getInstanceByDom(document.getElementById("
                    + "'price-chart')).getOption(); return o.series[1].data.length + o.series[2].data.length; })()")
                    .asInt()).as("fills on the price chart").isPositive();
            for (int width : new int[] {1400, 1920}) {
                chrome.viewport(width, 900);
                chrome.eval("window.scrollTo(0, document.body.scrollHeight); true");
                // the kill switch and pause stay in view however far the page is scrolled
                assertThat(chrome.eval("(function () { var b = document.getElementById('btn-kill')"
                        + ".getBoundingClientRect(), p = document.getElementById('btn-pause').getBoundingClientRect(); "
                        + "return b.top >= 0 && b.bottom <= window.innerHeight && p.bottom <= window.innerHeight; })()")
                        .asBoolean()).as("controls in view at %d px", width).isTrue();
                assertThat(chrome.overflowingTables()).as("at %d px", width).isEmpty();
                chrome.eval("window.scrollTo(0, 0); true");
                chrome.screenshot(Path.of("target", "screenshots", "dashboard-" + width + ".png"));
            }
            assertThat(chrome.errors()).isEmpty();
        }
        assertThat(run.get(120, TimeUnit.SECONDS)).as(log.toString()).isZero();
        assertThat(log.toString()).contains("replay: synthetic", "stopped after 600 live bars");
        assertThat(Files.readAllLines(dir.resolve("report/trades.csv")).size()).isGreaterThan(2);
        CliTest.Run replay = CliTest.hft("replay", "--journal", dir.toString());
        assertThat(replay.code()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out()).contains("byte-identical");
    }

    private static JsonNode get(HttpClient http, String url) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void aRecoveredReplaySessionGoesOnAfterItsLastBar() {
        Path dir = tmp.resolve("again");
        String[] first = {"paper", "--replay", "synthetic", "--speed", "20000", "--max-bars", "120", "--strategy",
            "sma-cross", "--param", "fast=5", "--param", "slow=20", "--http-port", "0", "--out", dir.toString()};
        CliTest.Run a = CliTest.hft(first);
        assertThat(a.code()).as(a.out() + a.err()).isZero();
        assertThat(a.out()).contains("1,419 bar times to stream", "stopped after 120 live bars");
        // a day of its own: three days generated, the second replayed (warm-up from its first bars)
        CliTest.Run day = CliTest.hft("paper", "--replay", "synthetic", "--replay-days", "3", "--replay-from",
                "2024-01-02", "--replay-to", "2024-01-02", "--speed", "20000", "--max-bars", "30", "--strategy",
                "sma-cross", "--param", "fast=5", "--param", "slow=20", "--http-port", "0", "--out",
                tmp.resolve("day").toString());
        assertThat(day.code()).as(day.out() + day.err()).isZero();
        assertThat(day.out()).contains("seed 42, from 2024-01-02 to 2024-01-02, 1,419 bar times to stream");
        String[] second = first.clone();
        second[6] = "60";
        CliTest.Run b = CliTest.hft(second);
        assertThat(b.code()).as(b.out() + b.err()).isZero();
        // the journal has 140 bars, the 20 of the warm-up (times 1 to 20) and 120 live ones (21 to 140): the replay
        // goes on from time 141, with 1,440 - 141 = 1,299 left
        assertThat(b.out()).contains("recovered after 140 bars", "1,299 bar times left", "stopped after 60 live bars");
        CliTest.Run replay = CliTest.hft("replay", "--journal", dir.toString());
        assertThat(replay.code()).as(replay.out() + replay.err()).isZero();
        assertThat(replay.out()).contains("byte-identical");
    }
}
