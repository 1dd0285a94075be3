package dev.hft.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.binance.FakeBinance;
import dev.hft.binance.FakeStreams;
import dev.hft.binance.Kline;
import dev.hft.journal.JournalRecovery;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hft paper with the quote and liquidation streams: each live bar carries the best bid and ask of its minute and
 * the liquidations during it and its trade path (aggTrade), into the journal, and the journal still replays byte for
 * byte.
 */
class PaperExtrasTest {
    private static final long MIN = 60_000L;

    @TempDir
    Path tmp;

    @Test
    void liveBarsCarryQuotesAndLiquidationsIntoTheJournal() throws Exception {
        long last = Math.floorDiv(System.currentTimeMillis(), MIN) * MIN - MIN;
        try (FakeBinance rest = FakeBinance.hmac("k", "s", System::currentTimeMillis);
             FakeStreams streams = new FakeStreams();
             FakeStreams futures = new FakeStreams()) {
            List<Kline> history = new ArrayList<>();
            for (int k = -60; k <= 10; k++) {
                history.add(FakeStreams.kline("BTCUSDT", last + k * MIN, "42000.00"));
            }
            rest.klineHistory.put("BTCUSDT", history);
            Path dir = tmp.resolve("paper");
            String[] args = {"paper", "--symbol", "BTCUSDT", "--strategy", "sma-cross", "--param", "fast=2",
                "--clock", "stream",
                "--param", "slow=5", "--stream-url", streams.base().toString(), "--rest-url", rest.base().toString(),
                "--liquidations-url", futures.base().toString(), "--http-port", "0", "--out", dir.toString(),
                "--max-bars", "3"};
            StringWriter log = new StringWriter();
            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> Main.execute(args,
                    new PrintWriter(log, true), new PrintWriter(log, true)));
            assertThat(futures.connections.poll(60, TimeUnit.SECONDS)).as("%s", log)
                    .isEqualTo("/stream?streams=btcusdt@forceOrder");
            assertThat(streams.connections.poll(60, TimeUnit.SECONDS))
                    .isEqualTo("/stream?streams=btcusdt@kline_1m/btcusdt@bookTicker/btcusdt@aggTrade");
            // the liquidation stream is up before these bars open (k >= 4 opens at least 3 minutes after now, however
            // late in its minute the test started and however slow the session's start), so they know
            for (int k = 4; k <= 6; k++) {
                long open = last + k * MIN;
                futures.send(FakeStreams.forceOrder("BTCUSDT", "SELL", "41000", Integer.toString(k), open + 1_000));
                futures.ping("f" + k); // its pong proves the event was read before the kline goes out
                assertThat(futures.pongs.poll(30, TimeUnit.SECONDS)).isEqualTo("f" + k);
                streams.send(FakeStreams.bookTicker("BTCUSDT", "41999.99", "42000.0" + k));
                // the minute's trades: up to 42010 first, then down to 41990
                streams.send(FakeStreams.aggTrade("BTCUSDT", 10 * k, "42000.00", 1, 2, open + 100));
                streams.send(FakeStreams.aggTrade("BTCUSDT", 10 * k + 1, "42010.00", 3, 3, open + 20_000));
                streams.send(FakeStreams.aggTrade("BTCUSDT", 10 * k + 2, "41990.00", 4, 4, open + 40_000));
                streams.send(FakeStreams.closedKline("BTCUSDT", open, "42000.00", "42010.00", "41990.00",
                        "42000.00", 4));
            }
            assertThat(run.get(60, TimeUnit.SECONDS)).as(log.toString()).isZero();
            List<String> live = new ArrayList<>();
            List<String> plain = new ArrayList<>();
            JournalRecovery.scan(dir.resolve("journal"), r -> {
                if (r.type().equals("bar")) {
                    (r.data().contains("\"bid\"") ? live : plain).add(r.data());
                }
            }, false);
            assertThat(live).hasSize(3);
            for (int k = 4; k <= 6; k++) {
                assertThat(live.get(k - 4)).contains("\"ask\":\"42000.0" + k + "\"",
                        "\"liqL\":\"" + 41_000 * k + "\"", "\"liqS\":\"0\"", "\"path\":[\"42010\",\"-41990\"]");
            }
            assertThat(plain).as("warm-up and the backfilled minute carry neither").isNotEmpty()
                    .noneMatch(d -> d.contains("liqL") || d.contains("path"));
            assertThat(CliTest.hft("replay", "--journal", dir.toString()).code()).isZero();
        }
    }
}
