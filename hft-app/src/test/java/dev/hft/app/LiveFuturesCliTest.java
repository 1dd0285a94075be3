package dev.hft.app;

import static dev.hft.app.CliTest.hft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.binance.FakeBinance;
import dev.hft.binance.FakeStreams;
import dev.hft.binance.FakeUserStream;
import dev.hft.binance.Kline;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hft live --market futures} against the local Binance's USD-M side: the entry goes to {@code /fapi/v1/order},
 * its protective stop rests at the Algo Service, the stop's trigger (told by the listenKey stream's ALGO_UPDATE or,
 * failing that, found at the next start's reconciliation) is one fill, the restart checks the account's one-way
 * position, a position that is not the session's alone or hedge mode refuses the start, and nothing holds the keys
 * or the listenKey.
 */
class LiveFuturesCliTest {
    private static final long MIN = 60_000L;
    private static final String KEY = "CANARYAPIKEY0123456789abcdefghijklmnopqrstuvwxyzCANARYAPIKEY";
    private static final String SECRET = "CANARYSECRET0123456789abcdefghijklmnopqrstuvwxyzCANARYSECRET";

    @TempDir
    Path tmp;

    private record Session(int code, String log) {
    }

    private static CompletableFuture<Session> start(String... args) {
        return CompletableFuture.supplyAsync(() -> {
            StringWriter log = new StringWriter();
            int code = Main.execute(args, new PrintWriter(log, true), new PrintWriter(log, true));
            return new Session(code, log.toString());
        });
    }

    @Test
    void aFuturesSessionRestsItsStopAtTheAlgoServiceAndReconcilesTheAccountsPosition() throws Exception {
        long last = Math.floorDiv(System.currentTimeMillis(), MIN) * MIN - MIN;
        Path keys = tmp.resolve("api_keys.yaml");
        Files.writeString(keys, "binance:\n  apiKey: " + KEY + "\n  secretKey: " + SECRET + "\n");
        Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
        try (FakeBinance venue = FakeBinance.hmac(KEY, SECRET, System::currentTimeMillis);
             FakeStreams streams = new FakeStreams();
             FakeUserStream users = new FakeUserStream(venue)) {
            List<Kline> history = new ArrayList<>();
            for (int k = -60; k <= 0; k++) {
                history.add(FakeStreams.kline("BTCUSDT", last + k * MIN, "42000.00"));
            }
            venue.klineHistory.put("BTCUSDT", history);
            Path dir = tmp.resolve("futures");
            String[] args = {"live", "--market", "futures", "--symbol", "BTCUSDT", "--strategy", "sma-cross",
                "--param", "fast=2", "--param", "slow=5", "--fee-bps", "5", "--keys", keys.toString(), "--rest-url",
                venue.base().toString(), "--clock", "stream", "--stream-url", streams.base().toString(),
                "--user-stream-url", users.futuresBase().toString(), "--http-port", "0", "--out", dir.toString(),
                "--max-bars", "3"};
            CompletableFuture<Session> run = start(args);
            assertThat(streams.connections.poll(60, TimeUnit.SECONDS)).isNotNull();
            // the user stream must be up before the bars that end the session (under load its listenKey request
            // was still in flight when the third bar stopped the session)
            assertThat(users.futuresOpened.poll(60, TimeUnit.SECONDS)).as("user stream connected").isNotNull();
            streams.send(FakeStreams.closedKline("BTCUSDT", last + MIN, "42100.00")); // crosses up: long
            FakeBinance.VenueOrder stop = LiveCliTest.awaitOrder(venue, "STOP_MARKET");
            assertThat(stop.algo).as("a conditional order of the Algo Service").isTrue();
            assertThat(stop.reduceOnly).isTrue();
            String entryQty;
            synchronized (venue.orders) {
                FakeBinance.VenueOrder entry = venue.orders.get(0);
                assertThat(entry.futures).isTrue();
                assertThat(entry.type).as("a market entry inside its price collar: a limit IOC").isEqualTo("LIMIT");
                assertThat(entry.status).isEqualTo("FILLED");
                entryQty = entry.executedQty;
            }
            assertThat(stop.quantity).isEqualTo(entryQty);
            venue.fillPrice = "41000.00";
            venue.trigger(stop.clientOrderId); // the market fell through the stop while the session runs
            streams.send(FakeStreams.closedKline("BTCUSDT", last + 2 * MIN, "41000.00"));
            streams.send(FakeStreams.closedKline("BTCUSDT", last + 3 * MIN, "41000.00"));
            Session s = run.get(60, TimeUnit.SECONDS);
            assertThat(s.code()).as(s.log()).isZero();
            assertThat(s.log()).contains("USD-M futures", "user stream subscribed", "stopped after 3 live bars");
            synchronized (venue.requests) {
                assertThat(venue.requests).contains("POST /fapi/v1/listenKey", "POST /fapi/v1/algoOrder",
                        "GET /fapi/v1/exchangeInfo");
                assertThat(venue.requests).noneMatch(r -> r.startsWith("POST /api/"));
            }
            assertThat(venue.position("BTCUSDT")).isEqualByComparingTo(BigDecimal.ZERO);

            // restart: the stop's fill is applied exactly once (from the stream, or found by reconciliation now)
            String[] again = args.clone();
            again[again.length - 1] = "1";
            CompletableFuture<Session> second = start(again);
            assertThat(streams.connections.poll(60, TimeUnit.SECONDS)).isNotNull();
            streams.send(FakeStreams.closedKline("BTCUSDT", last + 4 * MIN, "41000.00"));
            Session s2 = second.get(60, TimeUnit.SECONDS);
            assertThat(s2.code()).as(s2.log()).isZero();
            List<String> stopFills = new ArrayList<>();
            dev.hft.journal.JournalRecovery.scan(dir.resolve("journal"), r -> {
                if (r.type().equals("fill") && r.data().contains(stop.clientOrderId)) {
                    stopFills.add(r.data());
                }
            }, false);
            assertThat(stopFills).as("one fill for the triggered stop").hasSize(1);
            assertThat(stopFills.get(0)).contains("41000");
            assertThat(hft("replay", "--journal", dir.toString()).code()).isZero();

            // someone else's position on the same account and symbol: the session is not its only owner
            venue.outsidePosition.put("BTCUSDT", new BigDecimal("0.5"));
            Session shared = start(again).get(60, TimeUnit.SECONDS);
            assertThat(shared.code()).isEqualTo(2);
            assertThat(shared.log()).contains("BTCUSDT: the account's position is 0.5, the session's is 0",
                    "whole one-way position", "start refused");
            venue.outsidePosition.clear();
            venue.hedgeMode = true;
            Session hedge = start(again).get(60, TimeUnit.SECONDS);
            assertThat(hedge.code()).isEqualTo(2);
            assertThat(hedge.log()).contains("hedge mode");

            // nothing anywhere holds the key, the secret or the listenKey
            List<String> outputs = new ArrayList<>(List.of(s.log(), s2.log(), shared.log(), hedge.log()));
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    outputs.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                }
            }
            assertThat(venue.listenKey).isNotBlank();
            for (String o : outputs) {
                assertThat(o).doesNotContain(KEY).doesNotContain(SECRET).doesNotContain(venue.listenKey);
            }
        }
    }

    @Test
    void aBadMarketIsAUserError() {
        CliTest.Run r = hft("live", "--market", "options", "--out", tmp.resolve("x").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--market must be spot or futures", "options");
    }
}
