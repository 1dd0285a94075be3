package dev.hft.binance.stream;

import dev.hft.binance.auth.SigningTest;
import dev.hft.binance.FakeBinance;
import dev.hft.binance.FakeStreams;
import dev.hft.binance.Kline;
import dev.hft.binance.http.BinanceRest;
import dev.hft.binance.http.RateLimits;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kline feed against a local stream server and a local REST server: reconnects, fills gaps over REST, drops
 * duplicates, answers pings, follows a serverShutdown notice. The test waits on events (queues with a timeout),
 * never on a fixed sleep.
 */
class MarketStreamTest {
    private static final long T0 = 1_704_067_200_000L;
    private static final long MIN = 60_000L;

    record Got(long openMs, boolean backfill) {
    }

    private final BlockingQueue<Got> klines = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> status = new LinkedBlockingQueue<>();
    private FakeStreams streams;
    private FakeBinance rest;
    private MarketStream feed;
    private ScheduledExecutorService scheduler;

    @BeforeEach
    void start() throws Exception {
        streams = new FakeStreams();
        rest = FakeBinance.hmac(SigningTest.API_KEY, SigningTest.SECRET, () -> T0);
        List<Kline> history = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            history.add(FakeStreams.kline("BTCUSDT", T0 + i * MIN, "42000.0" + i % 10));
        }
        rest.klineHistory.put("BTCUSDT", history);
        scheduler = Executors.newSingleThreadScheduledExecutor();
        BinanceRest client = new BinanceRest(rest.base(), BinanceRest.Market.SPOT, HttpClient.newHttpClient(), null,
                () -> T0, Duration.ofSeconds(10), new RateLimits(6000));
        feed = new MarketStream(streams.base(), List.of("BTCUSDT"), "1m", client, HttpClient.newHttpClient(),
                System::currentTimeMillis, new MarketStream.Sink() {
                    @Override
                    public void onKline(Kline k, boolean backfill, long receiveMs) {
                        klines.add(new Got(k.openTimeMs(), backfill));
                    }

                    @Override
                    public void onStatus(String event, String detail) {
                        status.add(event + ": " + detail);
                    }
                }, scheduler, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofHours(23),
                Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() throws Exception {
        feed.close();
        scheduler.shutdownNow();
        streams.close();
        rest.close();
    }

    private String awaitStatus(String prefix) throws InterruptedException {
        return awaitStatus(prefix, 10);
    }

    private String awaitStatus(String prefix, int seconds) throws InterruptedException {
        for (String s; (s = status.poll(seconds, TimeUnit.SECONDS)) != null; ) {
            if (s.startsWith(prefix)) {
                return s;
            }
        }
        throw new AssertionError("no '" + prefix + "' status within " + seconds + " s");
    }

    private List<Got> take(int n) throws InterruptedException {
        List<Got> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Got g = klines.poll(10, TimeUnit.SECONDS);
            assertThat(g).as("kline %d of %d", i + 1, n).isNotNull();
            out.add(g);
        }
        return out;
    }

    private void push(int from, int to) {
        for (int i = from; i <= to; i++) {
            streams.send(FakeStreams.closedKline("BTCUSDT", T0 + i * MIN, "42000.0" + i % 10));
        }
    }

    @Test
    void reconnectsAndFillsTheGapOverRestInOrder() throws Exception {
        feed.start();
        assertThat(streams.connections.poll(10, TimeUnit.SECONDS)).isEqualTo("/stream?streams=btcusdt@kline_1m");
        awaitStatus("connected");
        push(0, 9);
        assertThat(take(10)).extracting(Got::openMs).containsExactly(java.util.stream.LongStream.range(0, 10)
                .map(i -> T0 + i * MIN).boxed().toArray(Long[]::new));

        streams.dropAll();
        // the client normally sees the dropped socket at once; when the close does not reach it (seen twice in
        // ~30 loaded runs), the 30 s silence watchdog is what notices a half-open connection, as it would live
        awaitStatus("disconnected", 40);
        assertThat(streams.connections.poll(10, TimeUnit.SECONDS)).isNotNull(); // reconnected
        awaitStatus("connected");
        push(9, 9); // a duplicate after reconnecting
        push(14, 16); // 10..13 were lost while down
        List<Got> got = take(7);
        assertThat(got).extracting(Got::openMs).containsExactly(T0 + 10 * MIN, T0 + 11 * MIN, T0 + 12 * MIN,
                T0 + 13 * MIN, T0 + 14 * MIN, T0 + 15 * MIN, T0 + 16 * MIN);
        assertThat(got).extracting(Got::backfill).containsExactly(true, true, true, true, false, false, false);
        assertThat(awaitStatus("gap-filled")).contains("4 klines fetched over REST");
        assertThat(feed.duplicates()).isEqualTo(1);
        assertThat(feed.gapsFilled()).isEqualTo(1);
        assertThat(feed.connects()).isEqualTo(2);

        // REST down: the gap stays open and the sanitizer will freeze the symbol on it
        rest.klinesDown = true;
        push(20, 20);
        assertThat(take(1)).extracting(Got::openMs).containsExactly(T0 + 20 * MIN);
        assertThat(awaitStatus("gap-open")).contains("3 klines missing, 0 fetched");
        assertThat(feed.gapsOpen()).isEqualTo(1);
    }

    @Test
    void pingsAreAnsweredAndAServerShutdownNoticeReconnects() throws Exception {
        feed.start();
        streams.connections.poll(10, TimeUnit.SECONDS);
        awaitStatus("connected");
        streams.ping("hft-ping-1");
        assertThat(streams.pongs.poll(10, TimeUnit.SECONDS)).isEqualTo("hft-ping-1");
        streams.send("{\"e\":\"serverShutdown\",\"E\":1}");
        awaitStatus("shutdown-notice");
        assertThat(streams.connections.poll(10, TimeUnit.SECONDS)).isNotNull();
        awaitStatus("connected");
        push(0, 0);
        assertThat(take(1)).extracting(Got::openMs).containsExactly(T0);
        // open (not closed) klines and other events are not bars
        streams.send(FakeStreams.closedKline("BTCUSDT", T0 + MIN, "1").replace("\"x\":true", "\"x\":false"));
        streams.send("{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"p\":\"1\"}}");
        streams.send("not json");
        push(1, 1);
        assertThat(take(1)).extracting(Got::openMs).containsExactly(T0 + MIN);
        assertThat(klines).isEmpty();
    }

    @Test
    void aQuietConnectionIsReopenedBecauseAHalfOpenSocketNeverReportsItsDeath() throws Exception {
        MarketStream quiet = new MarketStream(streams.base(), List.of("BTCUSDT"), "1m", null,
                HttpClient.newHttpClient(), System::currentTimeMillis, new MarketStream.Sink() {
                    @Override
                    public void onKline(Kline k, boolean backfill, long receiveMs) {
                    }

                    @Override
                    public void onStatus(String event, String detail) {
                        status.add(event + ": " + detail);
                    }
                }, scheduler, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofHours(23),
                Duration.ofMillis(300));
        try {
            quiet.start();
            assertThat(streams.connections.poll(10, TimeUnit.SECONDS)).isNotNull();
            assertThat(awaitStatus("disconnected")).contains("nothing received for 300 ms");
            assertThat(streams.connections.poll(10, TimeUnit.SECONDS)).as("re-opened").isNotNull();
        } finally {
            quiet.close();
        }
    }
}
