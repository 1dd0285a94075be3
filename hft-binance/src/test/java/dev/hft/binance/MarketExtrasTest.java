package dev.hft.binance;

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
            KlineFeed feed = new KlineFeed(streams.base(), List.of("BTCUSDT"), null, List.of("forceOrder"), null,
                    HttpClient.newHttpClient(), System::currentTimeMillis, new KlineFeed.Sink() {
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
}
