package dev.hft.binance.stream;

import dev.hft.binance.FakeStreams;
import dev.hft.binance.Kline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Quotes and liquidations attached to bars, and the feed that subscribes to their streams. */
class MarketExtrasTest {
    private static final long OPEN = 1_700_000_040_000L;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong now = new AtomicLong(OPEN - 120_000);
    private final MarketExtras extras = new MarketExtras(now::get);

    private void event(String wrapped) throws Exception {
        JsonNode n = json.readTree(wrapped);
        extras.onEvent(n.get("stream").asText(), n.get("data"));
    }

    private static Bar bar(long open) {
        long c = Fixed.of(42_000);
        return new Bar().set(0, open, open + 59_999, c, c, c, c, Fixed.of(1));
    }

    @Test
    void aBarGetsTheLastQuoteOfItsMinuteAndTheLiquidationsWithinIt() throws Exception {
        extras.liquidationStatus("connected"); // two minutes before the bar: followed for all of it
        event(FakeStreams.bookTicker("BTCUSDT", "41990.00", "41991.00"));
        extras.quoteStatus("disconnected"); // the connection dropped: that quote may be stale
        Bar early = bar(OPEN);
        Bar unquoted = bar(OPEN - 60_000);
        extras.attach(unquoted, "BTCUSDT");
        assertThat(unquoted.bid).isZero();
        now.set(OPEN + 10_000);
        event(FakeStreams.forceOrder("BTCUSDT", "SELL", "41900", "2", OPEN + 10_000)); // a long liquidated
        event(FakeStreams.forceOrder("BTCUSDT", "BUY", "42100", "0.5", OPEN + 20_000)); // a short
        event(FakeStreams.forceOrder("BTCUSDT", "SELL", "41800", "1", OPEN + 70_000)); // the next bar's
        event(FakeStreams.bookTicker("BTCUSDT", "41999.99", "42000.01"));
        extras.attach(early, "BTCUSDT");
        assertThat(early.bid).isEqualTo(Fixed.parse("41999.99"));
        assertThat(early.ask).isEqualTo(Fixed.parse("42000.01"));
        assertThat(early.liquidationsKnown).isTrue();
        assertThat(early.liquidatedLongs).isEqualTo(Fixed.of(83_800));
        assertThat(early.liquidatedShorts).isEqualTo(Fixed.of(21_050));
        Bar next = bar(OPEN + 60_000);
        extras.attach(next, "BTCUSDT");
        assertThat(next.liquidatedLongs).as("the next bar's own liquidation only").isEqualTo(Fixed.of(41_800));
        Bar other = bar(OPEN);
        extras.attach(other, "ETHUSDT");
        assertThat(other.bid).isZero();
        assertThat(other.liquidationsKnown).as("followed, none happened").isTrue();
        Bar quiet = bar(OPEN + 120_000);
        extras.attach(quiet, "BTCUSDT");
        assertThat(quiet.ask).as("no change of the best prices: the last quote is still the book")
                .isEqualTo(Fixed.parse("42000.01"));
        assertThat(extras.quoteEvents()).isEqualTo(2);
        assertThat(extras.liquidationEvents()).isEqualTo(3);
    }

    @Test
    void liquidationsAreUnknownUnlessTheStreamWasUpForTheWholeBar() throws Exception {
        Bar notFollowed = bar(OPEN);
        extras.attach(notFollowed, "BTCUSDT");
        assertThat(notFollowed.liquidationsKnown).isFalse();
        now.set(OPEN + 5_000);
        extras.liquidationStatus("connected"); // came up during the bar
        Bar partly = bar(OPEN);
        extras.attach(partly, "BTCUSDT");
        assertThat(partly.liquidationsKnown).isFalse();
        assertThat(bar(OPEN + 60_000)).satisfies(b -> {
            extras.attach(b, "BTCUSDT");
            assertThat(b.liquidationsKnown).isTrue();
        });
        extras.liquidationStatus("disconnected");
        now.set(OPEN + 70_000); // back during the next bar
        extras.liquidationStatus("connected");
        Bar afterDrop = bar(OPEN + 60_000);
        extras.attach(afterDrop, "BTCUSDT");
        assertThat(afterDrop.liquidationsKnown).as("a drop resets the clock").isFalse();
    }

    @Test
    void theFeedSubscribesToTheExtraStreamsAndHandsTheirEventsOver() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        BlockingQueue<String> got = new LinkedBlockingQueue<>();
        try (FakeStreams streams = new FakeStreams()) {
            MarketStream feed = new MarketStream(streams.base(), List.of("BTCUSDT"), null, List.of("forceOrder"), null,
                    HttpClient.newHttpClient(), System::currentTimeMillis, new MarketStream.Sink() {
                        @Override
                        public void onKline(Kline k, boolean backfill, long receiveMs) {
                            got.add("kline");
                        }

                        @Override
                        public void onStatus(String event, String detail) {
                        }

                        @Override
                        public void onEvent(String stream, JsonNode data) {
                            got.add(stream + " " + data.path("o").path("S").asText());
                        }
                    }, scheduler, Duration.ofMillis(50), Duration.ofSeconds(1), Duration.ofHours(1),
                    Duration.ofMinutes(10));
            feed.start();
            assertThat(streams.connections.poll(30, TimeUnit.SECONDS)).isEqualTo("/stream?streams=btcusdt@forceOrder");
            streams.send(FakeStreams.forceOrder("BTCUSDT", "SELL", "41900", "2", OPEN));
            assertThat(got.poll(30, TimeUnit.SECONDS)).isEqualTo("btcusdt@forceOrder SELL");
            feed.close();
        } finally {
            scheduler.shutdownNow();
        }
    }

    /** A bar with its own range and trade count. */
    private static Bar bar(long open, String o, String h, String l, String c, long n) {
        Bar b = new Bar().set(0, open, open + 59_999, Fixed.parse(o), Fixed.parse(h), Fixed.parse(l),
                Fixed.parse(c), Fixed.of(1));
        b.trades = n;
        return b;
    }

    /** Trades of the bar at OPEN: 42000 (3 trades), up to 42050, down to 41900, up to 42100, back to 41950. */
    private void trades(MarketExtras into, boolean skipOne) throws Exception {
        List<String> events = new java.util.ArrayList<>(List.of(
                FakeStreams.aggTrade("BTCUSDT", 1, "42000", 1, 3, OPEN + 1_000),
                FakeStreams.aggTrade("BTCUSDT", 2, "42050", 4, 4, OPEN + 5_000),
                FakeStreams.aggTrade("BTCUSDT", 3, "42010", 5, 6, OPEN + 9_000),
                FakeStreams.aggTrade("BTCUSDT", 4, "41900", 7, 7, OPEN + 20_000),
                FakeStreams.aggTrade("BTCUSDT", 5, "42100", 8, 9, OPEN + 40_000),
                FakeStreams.aggTrade("BTCUSDT", 6, "41950", 10, 10, OPEN + 59_000),
                FakeStreams.aggTrade("BTCUSDT", 7, "41960", 11, 11, OPEN + 61_000))); // the next bar's
        if (skipOne) {
            events.remove(2);
        }
        for (String e : events) {
            JsonNode n = json.readTree(e);
            into.onEvent(n.get("stream").asText(), n.get("data"));
        }
    }

    private static long[] pathOf(MarketExtras m, String high) {
        Bar b = bar(OPEN, "42000", high, "41900", "41950", 10);
        m.attach(b, "BTCUSDT");
        return b.extremes;
    }

    @Test
    void aBarFollowedWholeGetsItsTradePathAndAnIncompleteOneNone() throws Exception {
        extras.quoteStatus("connected"); // before the bar opened
        trades(extras, false);
        Bar b = bar(OPEN, "42000", "42100", "41900", "41950", 10);
        extras.attach(b, "BTCUSDT");
        assertThat(b.extremes).containsExactly(Fixed.parse("42050"), -Fixed.parse("41900"), Fixed.parse("42100"));
        assertThat(b.firstTouch(Fixed.parse("42080"), true)).isEqualTo(2);
        assertThat(b.firstTouch(Fixed.parse("41950"), false)).isEqualTo(1);
        assertThat(extras.tradeEvents()).isEqualTo(7);
        Bar next = bar(OPEN + 60_000, "41960", "41960", "41960", "41960", 1);
        extras.attach(next, "BTCUSDT");
        assertThat(next.extremes).as("the next bar's own trade only: a flat path").isEmpty();

        MarketExtras lossy = new MarketExtras(now::get); // a lost message: the trades do not add up to the count
        lossy.quoteStatus("connected");
        trades(lossy, true);
        assertThat(pathOf(lossy, "42100")).isNull();

        MarketExtras off = new MarketExtras(now::get); // trades that do not reproduce the kline's range
        off.quoteStatus("connected");
        trades(off, false);
        assertThat(pathOf(off, "42200")).isNull();

        MarketExtras dropped = new MarketExtras(now::get); // a disconnect forgets what came before it
        dropped.quoteStatus("connected");
        trades(dropped, false);
        dropped.quoteStatus("disconnected");
        dropped.quoteStatus("connected");
        assertThat(pathOf(dropped, "42100")).isNull();

        now.set(OPEN + 500); // connected only after the bar opened: its first trades may be missing
        MarketExtras late = new MarketExtras(now::get);
        late.quoteStatus("connected");
        trades(late, false);
        assertThat(pathOf(late, "42100")).isNull();
    }
}
