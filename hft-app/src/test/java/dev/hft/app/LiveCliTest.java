package dev.hft.app;

import static dev.hft.app.CliTest.hft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.binance.FakeBinance;
import dev.hft.binance.FakeStreams;
import dev.hft.binance.Kline;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * hft live against a local Binance (REST with signature checks, orders, klines; market streams), with canary
 * keys: orders reach the venue once each under the session's client order ids, a restart recovers and
 * reconciles, unknown open orders stop the start, a key that can withdraw is refused, production needs both
 * switches, and no output of any kind contains the key or the secret (T9).
 */
class LiveCliTest {
    private static final long MIN = 60_000L;
    private static final String KEY = "CANARYAPIKEY0123456789abcdefghijklmnopqrstuvwxyzCANARYAPIKEY";
    private static final String SECRET = "CANARYSECRET0123456789abcdefghijklmnopqrstuvwxyzCANARYSECRET";

    @TempDir
    Path tmp;

    private static String price(int k) {
        return String.format(Locale.ROOT, "%.2f", 42_000 + 400 * Math.sin(k / 3.0));
    }

    private Path keyFile() throws Exception {
        Path f = tmp.resolve("api_keys.yaml");
        Files.writeString(f, "binance:\n  apiKey: " + KEY + "\n  secretKey: " + SECRET + "\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
        return f;
    }

    private record Session(int code, String log) {
    }

    private CompletableFuture<Session> start(String... args) {
        return CompletableFuture.supplyAsync(() -> {
            StringWriter log = new StringWriter();
            int code = Main.execute(args, new PrintWriter(log, true), new PrintWriter(log, true));
            return new Session(code, log.toString());
        });
    }

    @Test
    void liveSessionPlacesEachOrderOnceRecoversAndNeverLeaksTheKeys() throws Exception {
        long last = Math.floorDiv(System.currentTimeMillis(), MIN) * MIN - MIN;
        try (FakeBinance venue = FakeBinance.hmac(KEY, SECRET, System::currentTimeMillis);
             FakeStreams streams = new FakeStreams();
             dev.hft.binance.FakeUserStream users = new dev.hft.binance.FakeUserStream(venue)) {
            List<Kline> history = new ArrayList<>();
            for (int k = -60; k <= 60; k++) {
                history.add(FakeStreams.kline("BTCUSDT", last + k * MIN, price(k)));
            }
            venue.klineHistory.put("BTCUSDT", history);
            Path dir = tmp.resolve("live");
            String[] args = {"live", "--symbol", "BTCUSDT", "--strategy", "sma-cross", "--param", "fast=2", "--param",
                "slow=5", "--clock", "stream", "--keys", keyFile().toString(), "--rest-url", venue.base().toString(),
                "--stream-url", streams.base().toString(), "--stream-silence", "2", "--snapshot-every", "5",
                "--http-port", "0", "--ws-api-url", users.uri().toString(), "--out", dir.toString(),
                "--max-bars", "24"};
            CompletableFuture<Session> run = start(args);
            assertThat(streams.connections.poll(60, TimeUnit.SECONDS)).isNotNull();
            // the user stream is up before the bars that end the session (it subscribes on its own thread)
            String subscription = users.subscribed.poll(60, TimeUnit.SECONDS);
            assertThat(subscription).as("signed subscription accepted").isNotNull();
            for (int k = 1; k <= 24; k++) {
                streams.send(FakeStreams.closedKline("BTCUSDT", last + k * MIN, price(k)));
            }
            Session s = run.get(60, TimeUnit.SECONDS);
            assertThat(s.code()).as(s.log()).isZero();
            assertThat(s.log()).contains("warm-up: 5 history bars fed", "user stream subscribed",
                    "stopped after 24 live bars");
            assertThat(venue.orders).as(s.log()).isNotEmpty();
            String runId = dir.getFileName().toString();
            synchronized (venue.orders) {
                for (FakeBinance.VenueOrder o : venue.orders) {
                    assertThat(o.clientOrderId).startsWith(runId + "-");
                    assertThat(venue.ordersWithClientId(o.clientOrderId)).as("one venue order per decision").isOne();
                }
            }
            assertThat(hft("replay", "--journal", dir.toString()).code()).isZero();

            // restart: recover, reconcile with the venue, go on
            String[] again = args.clone();
            again[again.length - 1] = "2";
            CompletableFuture<Session> second = start(again);
            assertThat(streams.connections.poll(60, TimeUnit.SECONDS)).isNotNull();
            for (int k = 27; k <= 28; k++) { // 25 and 26 closed while hft was down
                streams.send(FakeStreams.closedKline("BTCUSDT", last + k * MIN, price(k)));
            }
            Session s2 = second.get(60, TimeUnit.SECONDS);
            assertThat(s2.code()).as(s2.log()).isZero();
            assertThat(s2.log()).contains("recovered", "reconciling", "gap-filled: BTCUSDT: 2 klines fetched over REST",
                    "stopped after 2 live bars");

            // an open order the session does not know stops the start
            venue.placeOutside("stranger-1", "BTCUSDT");
            Session s3 = start(again).get(60, TimeUnit.SECONDS);
            assertThat(s3.code()).isEqualTo(2);
            assertThat(s3.log()).contains("open orders this session does not know", "stranger-1");

            // T9: nothing anywhere holds the key or the secret
            List<String> outputs = new ArrayList<>(List.of(s.log(), s2.log(), s3.log()));
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    outputs.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
                }
            }
            assertThat(outputs).hasSizeGreaterThan(5);
            for (String o : outputs) {
                assertThat(o).doesNotContain(KEY).doesNotContain(SECRET);
            }
        }
    }

    @Test
    void keysThatCanWithdrawAndProductionWithoutBothSwitchesAreRefused() throws Exception {
        try (FakeBinance venue = FakeBinance.hmac(KEY, SECRET, System::currentTimeMillis)) {
            venue.withdrawalsEnabled = true;
            CliTest.Run r = hft("live", "--keys", keyFile().toString(), "--rest-url", venue.base().toString(),
                    "--stream-url", "ws://127.0.0.1:9", "--out", tmp.resolve("w").toString());
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("can withdraw").doesNotContain(KEY).doesNotContain(SECRET);
        }
        CliTest.Run p = hft("live", "--production", "--keys", keyFile().toString(), "--out",
                tmp.resolve("p").toString());
        assertThat(p.code()).isEqualTo(2);
        assertThat(p.err()).contains("--confirm-real-money");
        Path open = tmp.resolve("open.yaml");
        Files.writeString(open, "binance:\n  apiKey: " + KEY + "\n  secretKey: " + SECRET + "\n");
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        CliTest.Run k = hft("live", "--keys", open.toString(), "--out", tmp.resolve("k").toString());
        assertThat(k.code()).isEqualTo(2);
        assertThat(k.err()).contains("chmod 600").doesNotContain(SECRET);
        assertThat(tmp.resolve("w")).doesNotExist();
    }

    @Test
    void onStopCancelLeavesNothingRestingAndTheNextStartReconcilesTheCancel() throws Exception {
        long last = Math.floorDiv(System.currentTimeMillis(), MIN) * MIN - MIN;
        Path config = tmp.resolve("cancel.yaml");
        Files.writeString(config, "live:\n  onStop: cancel\n");
        try (FakeBinance venue = FakeBinance.hmac(KEY, SECRET, System::currentTimeMillis);
             FakeStreams streams = new FakeStreams()) {
            Path dir = tmp.resolve("cancel");
            String[] args = flatSession(venue, streams, last, dir, "--config", config.toString());
            CompletableFuture<Session> run = start(args);
            assertThat(streams.connections.poll(60, TimeUnit.SECONDS)).isNotNull();
            streams.send(FakeStreams.closedKline("BTCUSDT", last + MIN, "42100.00")); // crosses up: long
            FakeBinance.VenueOrder stop = awaitOrder(venue, "STOP_LOSS");
            assertThat(stop.status).isEqualTo("NEW");
            streams.send(FakeStreams.closedKline("BTCUSDT", last + 2 * MIN, "42100.00")); // the last bar: stop
            Session s = run.get(60, TimeUnit.SECONDS);
            assertThat(s.code()).as(s.log()).isZero();
            assertThat(s.log()).contains("1 orders in flight or resting canceled at the venue");
            assertThat(stop.status).as("the protective stop is gone from the exchange").isEqualTo("CANCELED");
            assertThat(hft("replay", "--journal", dir.toString()).code()).isZero();

            // the next start finds the stop canceled (the answer was journaled before the first session ended)
            String[] again = args.clone();
            again[again.length - 1] = "1";
            CompletableFuture<Session> second = start(again);
            assertThat(streams.connections.poll(60, TimeUnit.SECONDS)).isNotNull();
            streams.send(FakeStreams.closedKline("BTCUSDT", last + 3 * MIN, "42100.00"));
            Session s2 = second.get(60, TimeUnit.SECONDS);
            assertThat(s2.code()).as(s2.log()).isZero();
            // the venue's answer to the cancel was applied before the first session stopped: nothing left to ask
            assertThat(s2.log()).contains("reconciling 0 working orders");
            List<String> canceled = new ArrayList<>();
            dev.hft.journal.JournalRecovery.scan(dir.resolve("journal"), r -> {
                if (r.type().equals("canceled")) {
                    canceled.add(r.data());
                }
            }, false);
            // the first stop's cancel, then the stop the restart placed again for the still open position (a
            // position is never left without one while hft runs), canceled by this session's own stop
            assertThat(canceled).hasSize(2).first().asString().contains(stop.clientOrderId);
            assertThat(hft("replay", "--journal", dir.toString()).code()).isZero();
        }
        assertThat(hft("live", "--config", writeConfig("live:\n  onStop: maybe\n").toString(), "--keys",
                keyFile().toString(), "--out", tmp.resolve("bad").toString()).err()).contains("live.onStop");
    }

    @Test
    void afterAGracefulRestartTheStrategysExitCancelsThePreRestartStopAtTheVenue() throws Exception {
        long last = Math.floorDiv(System.currentTimeMillis(), MIN) * MIN - MIN;
        try (FakeBinance venue = FakeBinance.hmac(KEY, SECRET, System::currentTimeMillis);
             FakeStreams streams = new FakeStreams()) {
            Path dir = tmp.resolve("restart");
            String[] args = flatSession(venue, streams, last, dir);
            CompletableFuture<Session> run = start(args);
            assertThat(streams.connections.poll(60, TimeUnit.SECONDS)).isNotNull();
            streams.send(FakeStreams.closedKline("BTCUSDT", last + MIN, "42100.00")); // crosses up: long
            FakeBinance.VenueOrder stop = awaitOrder(venue, "STOP_LOSS");
            streams.send(FakeStreams.closedKline("BTCUSDT", last + 2 * MIN, "42100.00"));
            Session first = run.get(60, TimeUnit.SECONDS);
            assertThat(first.code()).as(first.log()).isZero();
            assertThat(stop.status).as("the stop stays on the exchange over a graceful stop").isEqualTo("NEW");

            // restarted: a cross down makes the strategy exit, which cancels the stop placed before the restart
            String[] again = args.clone();
            again[again.length - 1] = "1";
            long deletesBefore = venue.requests.stream().filter(r -> r.startsWith("DELETE")).count();
            CompletableFuture<Session> second = start(again);
            assertThat(streams.connections.poll(60, TimeUnit.SECONDS)).isNotNull();
            streams.send(FakeStreams.closedKline("BTCUSDT", last + 3 * MIN, "41000.00"));
            Session s2 = second.get(60, TimeUnit.SECONDS);
            assertThat(s2.code()).as(s2.log()).isZero();
            assertThat(venue.requests.stream().filter(r -> r.startsWith("DELETE")).count() - deletesBefore)
                    .as("the cancel reached the venue").isOne();
            assertThat(stop.status).as("no protective stop left behind to sell a second time")
                    .isEqualTo("CANCELED");
            java.math.BigDecimal held = java.math.BigDecimal.ZERO;
            synchronized (venue.orders) {
                for (FakeBinance.VenueOrder o : venue.orders) {
                    java.math.BigDecimal q = new java.math.BigDecimal(o.executedQty);
                    held = held.add(o.side.equals("BUY") ? q : q.negate());
                }
            }
            assertThat(held.signum()).as("the account is flat, as the session is").isZero();
            assertThat(hft("replay", "--journal", dir.toString()).code()).isZero();
        }
    }

    @Test
    void aPositionTheAccountDoesNotHoldRefusesTheStartAndALargerHoldingIsJournaled() throws Exception {
        long last = Math.floorDiv(System.currentTimeMillis(), MIN) * MIN - MIN;
        try (FakeBinance venue = FakeBinance.hmac(KEY, SECRET, System::currentTimeMillis);
             FakeStreams streams = new FakeStreams()) {
            Path dir = tmp.resolve("positions");
            String[] args = flatSession(venue, streams, last, dir);
            CompletableFuture<Session> run = start(args);
            assertThat(streams.connections.poll(60, TimeUnit.SECONDS)).isNotNull();
            streams.send(FakeStreams.closedKline("BTCUSDT", last + MIN, "42100.00")); // long
            awaitOrder(venue, "STOP_LOSS");
            streams.send(FakeStreams.closedKline("BTCUSDT", last + 2 * MIN, "42100.00"));
            assertThat(run.get(60, TimeUnit.SECONDS).code()).isZero();
            String bought;
            synchronized (venue.orders) {
                bought = venue.orders.get(0).executedQty;
            }

            // the coins were sold on the website while hft was down: the session's position is not there
            venue.outside.put("BTC", new java.math.BigDecimal(bought).negate());
            String[] again = args.clone();
            again[again.length - 1] = "1";
            Session refused = start(again).get(60, TimeUnit.SECONDS);
            assertThat(refused.code()).isEqualTo(2);
            assertThat(refused.log()).contains("BTCUSDT: the account holds 0 BTC, the session's position is "
                    + bought, "smaller than expected", "start refused");

            // a deposit instead: more than the session's position, reported, journaled, left alone
            venue.outside.put("BTC", java.math.BigDecimal.ONE);
            CompletableFuture<Session> second = start(again);
            assertThat(streams.connections.poll(60, TimeUnit.SECONDS)).isNotNull();
            streams.send(FakeStreams.closedKline("BTCUSDT", last + 3 * MIN, "42100.00"));
            Session s2 = second.get(60, TimeUnit.SECONDS);
            assertThat(s2.code()).as(s2.log()).isZero();
            assertThat(s2.log()).contains("reconciliation: BTCUSDT: the account holds", "larger than expected");
            List<String> reconcile = new ArrayList<>();
            dev.hft.journal.JournalRecovery.scan(dir.resolve("journal"), r -> {
                if (r.type().equals("reconcile")) {
                    reconcile.add(r.data());
                }
            }, false);
            assertThat(reconcile).singleElement().asString().contains("\"expected\":\"" + bought + "\"");
            assertThat(hft("replay", "--journal", dir.toString()).code()).isZero();
        }
    }

    /**
     * A flat price history up to {@code last} at the venue, and the arguments of a 2-bar sma-cross 2/5 session on
     * it (then a bar at 42,100 crosses up), user stream off; {@code extra} arguments go before the last two.
     */
    private String[] flatSession(FakeBinance venue, FakeStreams streams, long last, Path dir, String... extra)
            throws Exception {
        List<Kline> history = new ArrayList<>();
        for (int k = -60; k <= 0; k++) {
            history.add(FakeStreams.kline("BTCUSDT", last + k * MIN, "42000.00"));
        }
        venue.klineHistory.put("BTCUSDT", history);
        List<String> args = new ArrayList<>(List.of("live", "--symbol", "BTCUSDT", "--strategy", "sma-cross",
                "--param", "fast=2", "--param", "slow=5", "--keys", keyFile().toString(), "--clock", "stream",
                "--rest-url", venue.base().toString(), "--stream-url", streams.base().toString(), "--http-port", "0",
                "--ws-api-url", "off", "--out", dir.toString()));
        args.addAll(List.of(extra));
        args.addAll(List.of("--max-bars", "2"));
        return args.toArray(String[]::new);
    }

    private Path writeConfig(String yaml) throws Exception {
        Path f = Files.createTempFile(tmp, "cfg", ".yaml");
        Files.writeString(f, yaml);
        return f;
    }

    /** Waits (up to 30 s) for the venue to hold an order of {@code type}. */
    static FakeBinance.VenueOrder awaitOrder(FakeBinance venue, String type) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            synchronized (venue.orders) {
                for (FakeBinance.VenueOrder o : venue.orders) {
                    if (o.type.equals(type)) {
                        return o;
                    }
                }
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no " + type + " order at the venue: " + venue.orders);
    }
}
