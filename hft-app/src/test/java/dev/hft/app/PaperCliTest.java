package dev.hft.app;

import static dev.hft.app.CliTest.hft;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hft.binance.FakeBinance;
import dev.hft.binance.FakeStreams;
import dev.hft.binance.Kline;
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
 * hft paper end to end against a local Binance (REST klines for warm-up and backfill, a market-stream server):
 * warm-up, live bars through the ring into the engine, a dropped stream refilled over REST, reports, a journal
 * that replays byte for byte, and a restart that recovers and goes on.
 */
class PaperCliTest {
    private static final long MIN = 60_000L;

    @TempDir
    Path tmp;

    private static String price(int k) {
        return String.format(Locale.ROOT, "%.2f", 42_000 + 400 * Math.sin(k / 3.0));
    }

    @Test
    void paperSessionTradesLiveBarsSurvivesAStreamDropAndRecoversAfterARestart() throws Exception {
        long last = Math.floorDiv(System.currentTimeMillis(), MIN) * MIN - MIN; // last closed minute
        try (FakeBinance rest = FakeBinance.hmac("k", "s", System::currentTimeMillis);
             FakeStreams streams = new FakeStreams()) {
            List<Kline> history = new ArrayList<>();
            for (int k = -60; k <= 60; k++) {
                history.add(FakeStreams.kline("BTCUSDT", last + k * MIN, price(k)));
            }
            rest.klineHistory.put("BTCUSDT", history);
            Path dir = tmp.resolve("paper");
            String[] args = {"paper", "--symbol", "BTCUSDT", "--strategy", "sma-cross", "--param", "fast=2",
                "--clock", "stream",
                "--param", "slow=5", "--stream-url", streams.base().toString(), "--rest-url", rest.base().toString(),
                "--snapshot-every", "5", "--stream-silence", "2", "--http-port", "0",
                "--liquidations-url", "off", "--out", dir.toString(),
                "--max-bars", "20"};
            java.io.StringWriter log = new java.io.StringWriter();
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.execute(args,
                    new java.io.PrintWriter(log, true), new java.io.PrintWriter(log, true)));
            assertThat(streams.connections.poll(60, TimeUnit.SECONDS)).isNotNull();
            for (int k = 1; k <= 8; k++) {
                streams.send(FakeStreams.closedKline("BTCUSDT", last + k * MIN, price(k)));
            }
            // the pong proves the client has read every frame before the ping (frames arrive in order), so the
            // drop below loses nothing in flight: what is missed is exactly 9..11
            streams.ping("sync");
            assertThat(streams.pongs.poll(60, TimeUnit.SECONDS)).isEqualTo("sync");
            streams.dropAll();
            assertThat(streams.connections.poll(60, TimeUnit.SECONDS)).as("reconnected; log: %s", log).isNotNull();
            for (int k = 12; k <= 23; k++) { // 9..11 missed while down
                streams.send(FakeStreams.closedKline("BTCUSDT", last + k * MIN, price(k)));
            }
            CliTest.Run r = new CliTest.Run(run.get(60, TimeUnit.SECONDS), log.toString(), log.toString());
            assertThat(r.code()).as(r.err() + r.out()).isZero();
            assertThat(r.out()).contains("warm-up: 5 history bars fed", "stream gap-filled: BTCUSDT: 3 klines",
                    "stopped after 20 live bars");
            JsonNode m = new ObjectMapper().readTree(dir.resolve("report/metrics.json").toFile());
            assertThat(m.get("bars").asLong()).isEqualTo(5 + 8 + 3 + 12);
            assertThat(m.at("/risk/ordersSubmitted").asLong()).isPositive();
            assertThat(dir.resolve("report/report.html")).exists();
            assertThat(dir.resolve("report/trades.csv")).exists();
            assertThat(dir.resolve(".report.tmp")).doesNotExist();
            CliTest.Run replay = hft("replay", "--journal", dir.toString());
            assertThat(replay.code()).as(replay.out() + replay.err()).isZero();
            assertThat(replay.out()).contains("byte-identical");
            try (java.util.stream.Stream<Path> seg = Files.list(dir.resolve("journal"))) {
                Path first = seg.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().findFirst()
                        .orElseThrow();
                assertThat(Files.readAllLines(first).get(0)).as("the start record names its mode")
                        .contains("\"kind\":\"paper\"");
            }

            // restart on the same directory: recover from the journal, then take new bars
            String[] again = args.clone();
            again[again.length - 1] = "3";
            CompletableFuture<CliTest.Run> second = CompletableFuture.supplyAsync(() -> hft(again));
            assertThat(streams.connections.poll(60, TimeUnit.SECONDS)).isNotNull();
            for (int k = 24; k <= 26; k++) {
                streams.send(FakeStreams.closedKline("BTCUSDT", last + k * MIN, price(k)));
            }
            CliTest.Run r2 = second.get(60, TimeUnit.SECONDS);
            assertThat(r2.code()).as(r2.err() + r2.out()).isZero();
            assertThat(r2.out()).contains("recovered after 28 bars", "stopped after 3 live bars");
            assertThat(r2.out()).doesNotContain("warm-up");
            assertThat(hft("replay", "--journal", dir.toString()).code()).isZero();
        }
    }

    @Test
    void onTheLocalClockBarsStampedInTheFutureAreRefusedNotTraded() throws Exception {
        long last = Math.floorDiv(System.currentTimeMillis(), MIN) * MIN - MIN;
        try (FakeBinance rest = FakeBinance.hmac("k", "s", System::currentTimeMillis);
             FakeStreams streams = new FakeStreams()) {
            rest.klineHistory.put("BTCUSDT", FakeStreams.history("BTCUSDT", last, -60, 0, PaperCliTest::price));
            Path dir = tmp.resolve("future");
            String[] args = {"paper", "--symbol", "BTCUSDT", "--strategy", "sma-cross", "--param", "fast=2",
                "--param", "slow=5", "--stream-url", streams.base().toString(), "--rest-url", rest.base().toString(),
                "--http-port", "-1", "--liquidations-url", "off", "--no-quotes", "--out", dir.toString(),
                "--max-bars", "3"};
            CompletableFuture<CliTest.Run> run = CompletableFuture.supplyAsync(() -> hft(args));
            assertThat(streams.connections.poll(60, TimeUnit.SECONDS)).isNotNull();
            for (int k = 10; k <= 12; k++) { // ten minutes ahead of this machine's clock
                streams.send(FakeStreams.closedKline("BTCUSDT", last + k * MIN, price(k)));
            }
            CliTest.Run r = run.get(60, TimeUnit.SECONDS);
            assertThat(r.code()).as(r.err() + r.out()).isZero();
            List<String> reasons = Files.readAllLines(dir.resolve("report/reasons.csv"));
            assertThat(reasons).anySatisfy(l -> assertThat(l).startsWith("SANITIZER_FUTURE,SANITIZER,3,"));
            JsonNode m = new ObjectMapper().readTree(dir.resolve("report/metrics.json").toFile());
            assertThat(m.at("/risk/ordersSubmitted").asLong()).as("nothing traded on them").isZero();
        }
    }

    @Test
    void badOptionsExitTwoBeforeConnecting() {
        CliTest.Run r = hft("paper", "--strategy", "nope", "--out", tmp.resolve("x").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("nope");
        r = hft("paper", "--interval", "7x", "--rest-url", "http://127.0.0.1:9", "--out", tmp.resolve("y").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(Files.exists(tmp.resolve("x"))).isFalse();
        r = hft("paper", "--clock", "sundial", "--out", tmp.resolve("z").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--clock must be local or stream");
        assertThat(Files.exists(tmp.resolve("z"))).isFalse();
    }
}
