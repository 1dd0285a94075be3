package dev.hft.binance.stream;

import dev.hft.binance.auth.SigningTest;
import dev.hft.binance.FakeBinance;
import dev.hft.binance.FakeUserStream;
import dev.hft.binance.execution.BinanceExecution;
import dev.hft.binance.auth.ApiKeys;
import dev.hft.binance.auth.HmacSigner;
import dev.hft.binance.auth.Secret;
import dev.hft.binance.http.BinanceRest;
import dev.hft.binance.http.RateLimits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hft.core.ExecutionListener;
import dev.hft.core.Fill;
import dev.hft.core.Fixed;
import dev.hft.core.InstrumentTable;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import dev.hft.core.Side;
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
 * The user data stream against the local WebSocket API: a signed subscription, execution reports turned into fills
 * once (whether the REST reply, the stream or the poll tells first), resubscription after eventStreamTerminated
 * and after a dropped connection, a refused key, and a lost event found by the poll.
 */
class UserDataStreamTest {
    private static final long T0 = 1_700_000_000_000L;
    private final BlockingQueue<String> reports = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> status = new LinkedBlockingQueue<>();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private FakeBinance venue;
    private FakeUserStream users;
    private BinanceExecution exec;
    private UserDataStream stream;

    @BeforeEach
    void start() throws Exception {
        venue = FakeBinance.hmac(SigningTest.API_KEY, SigningTest.SECRET, () -> T0);
        users = new FakeUserStream(venue);
        ApiKeys keys = new ApiKeys(Secret.of(SigningTest.API_KEY), new HmacSigner(Secret.of(SigningTest.SECRET)));
        BinanceRest rest = new BinanceRest(venue.base(), BinanceRest.Market.SPOT, HttpClient.newHttpClient(), keys,
                () -> T0, Duration.ofSeconds(10), new RateLimits(6000));
        // the I/O thread's work runs inline; the "ring" runs each report at once (the queue is the engine's view)
        exec = new BinanceExecution(rest, List.of(InstrumentTable.builtIn().find("BTCUSDT")), Runnable::run,
                Runnable::run, a -> { });
        exec.setListener(new ExecutionListener() {
            @Override
            public void onOrderFilled(Order order, Fill fill) {
                reports.add("filled " + order.clientOrderId + " " + Fixed.format(fill.quantity()) + " @ "
                        + Fixed.format(fill.price()));
            }

            @Override
            public void onOrderRejected(Order order, ReasonCode reason) {
                reports.add("rejected " + order.clientOrderId + " " + reason);
            }

            @Override
            public void onOrderCanceled(Order order) {
                reports.add("canceled " + order.clientOrderId);
            }
        });
        stream = stream(keys);
    }

    private UserDataStream stream(ApiKeys keys) {
        return new UserDataStream(users.uri(), keys, () -> T0, HttpClient.newHttpClient(), scheduler,
                new UserDataStream.Sink() {
                    @Override
                    public synchronized void onEvent(JsonNode event) {
                        exec.onUserEvent(event); // applied before the test sees the event
                        events.add(event);
                    }

                    @Override
                    public void onStatus(String s, String detail) {
                        status.add(s + " " + detail);
                    }
                }, Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(3));
    }

    @AfterEach
    void stop() throws Exception {
        stream.close();
        users.close();
        venue.close();
        scheduler.shutdownNow();
    }

    private static Order stop(String id) {
        return new Order(id, 0, Side.SELL, OrderType.STOP_MARKET, Fixed.parse("0.01"), 0, Fixed.parse("41000"), true,
                ReasonCode.EXIT_STOP_LOSS, T0, Fixed.parse("42000"));
    }

    /**
     * Waits for the next subscription. A retry on the way (a subscription the loaded machine did not answer within
     * the test's short timeout) is legitimate and passed over; a refusal is not.
     */
    private void subscribed() throws InterruptedException {
        while (true) {
            String s = status.poll(30, TimeUnit.SECONDS);
            assertThat(s).as("a subscription").isNotNull().doesNotStartWith("refused");
            if (s.startsWith("subscribed")) {
                return;
            }
        }
    }

    /** The next execution report of the stream with execution type {@code x}. */
    private JsonNode next(String x) throws InterruptedException {
        while (true) {
            JsonNode e = events.poll(30, TimeUnit.SECONDS);
            assertThat(e).as("an executionReport %s", x).isNotNull();
            if (e.path("x").asText().equals(x)) {
                return e;
            }
        }
    }

    private List<String> drained() {
        List<String> out = new ArrayList<>();
        reports.drainTo(out);
        return out;
    }

    @Test
    void afterTheExchangeClockJumpsTheFirstRefusalResyncsTheClock() throws Exception {
        java.util.concurrent.atomic.AtomicLong offset = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.atomic.AtomicInteger resyncs = new java.util.concurrent.atomic.AtomicInteger();
        ApiKeys keys = new ApiKeys(Secret.of(SigningTest.API_KEY), new HmacSigner(Secret.of(SigningTest.SECRET)));
        UserDataStream s = new UserDataStream(users.uri(), keys, () -> T0 + offset.get(), HttpClient.newHttpClient(),
                scheduler, new UserDataStream.Sink() {
                    @Override
                    public void onEvent(JsonNode event) {
                    }

                    @Override
                    public void onStatus(String st, String detail) {
                        status.add(st + " " + detail);
                    }
                }, Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(3));
        s.onClockRejected(() -> {
            resyncs.incrementAndGet();
            offset.set(venue.clockJumpMs); // what the REST client's syncClock() measures
        });
        try {
            s.start();
            subscribed();
            venue.clockJumpMs = 60_000; // the exchange's clock steps a minute ahead
            users.dropAll(); // the next subscription signs a timestamp a minute behind it
            String refused;
            do {
                refused = status.poll(30, TimeUnit.SECONDS);
                assertThat(refused).as("a refusal").isNotNull();
            } while (!refused.startsWith("refused"));
            assertThat(refused).contains("-1021");
            subscribed(); // the next try, with the resynced clock, is accepted
            assertThat(resyncs.get()).as("resynced at the first -1021").isOne();
        } finally {
            s.close();
        }
    }

    @Test
    void aRestingStopFilledAtTheVenueReachesTheEngineThroughTheStreamOnce() throws Exception {
        stream.start();
        subscribed();
        assertThat(users.subscribed.poll()).isEqualTo("uds-1");
        exec.submit(stop("run-2"));
        next("NEW");
        venue.partialFill("run-2", "0.004");
        next("TRADE");
        venue.fill("run-2");
        next("TRADE");
        assertThat(drained()).containsExactly("filled run-2 0.004 @ 42000", "filled run-2 0.006 @ 42000");
        exec.poll();
        assertThat(drained()).as("the poll finds nothing new").isEmpty();
    }

    @Test
    void aCommissionWithMoreThanEightDecimalsDoesNotCostTheFill() throws Exception {
        stream.start();
        subscribed();
        exec.submit(stop("run-6"));
        next("NEW");
        venue.fillPrice = "41935.96"; // 0.01191 x 41935.96 x 0.001 = 0.4994572836: ten decimals in "n"
        venue.partialFill("run-6", "0.01191");
        assertThat(next("TRADE").path("n").asText()).isEqualTo("0.4994572836");
        assertThat(drained()).as("through the stream, not left to the poll")
                .containsExactly("filled run-6 0.01191 @ 41935.96");
    }

    @Test
    void aMarketFillToldByTheReplyAndByTheStreamCountsOnce() throws Exception {
        stream.start();
        subscribed();
        exec.submit(new Order("run-1", 0, Side.BUY, OrderType.MARKET, Fixed.parse("0.01"), 0, 0, false,
                ReasonCode.ENTRY_SMA_CROSS_UP, T0, Fixed.parse("42000")));
        next("TRADE");
        exec.poll();
        assertThat(drained()).containsExactly("filled run-1 0.01 @ 42000");
    }

    @Test
    void aCancelOutsideTheSystemArrivesAsACancel() throws Exception {
        stream.start();
        subscribed();
        exec.submit(stop("run-3"));
        venue.cancelOutside("run-3");
        next("CANCELED");
        exec.cancel("run-3"); // the engine's own cancel crossing it: told once
        assertThat(drained()).containsExactly("canceled run-3");
    }

    @Test
    void theStreamSubscribesAgainAfterTerminationAndAfterADrop() throws Exception {
        stream.start();
        subscribed();
        users.terminate();
        assertThat(status.poll(30, TimeUnit.SECONDS)).contains("eventStreamTerminated");
        subscribed();
        users.dropAll();
        assertThat(status.poll(30, TimeUnit.SECONDS)).startsWith("disconnected");
        subscribed();
        assertThat(stream.subscriptions()).isGreaterThanOrEqualTo(3);
        exec.submit(stop("run-4"));
        venue.fill("run-4");
        next("TRADE");
        assertThat(drained()).containsExactly("filled run-4 0.01 @ 42000");
    }

    @Test
    void anUnansweredSubscriptionIsTriedAgainOnANewConnection() throws Exception {
        users.silent = true;
        stream.start();
        assertThat(status.poll(30, TimeUnit.SECONDS)).contains("no answer to the subscription");
        users.silent = false;
        String s;
        do {
            s = status.poll(30, TimeUnit.SECONDS);
            assertThat(s).as("a later connection subscribes").isNotNull();
        } while (!s.startsWith("subscribed"));
        assertThat(stream.subscriptions()).isEqualTo(1);
    }

    @Test
    void anEventLostInTransitIsFoundByThePoll() throws Exception {
        stream.start();
        subscribed();
        exec.submit(stop("run-5"));
        next("NEW");
        users.muted = true;
        venue.fill("run-5");
        exec.poll();
        assertThat(drained()).containsExactly("filled run-5 0.01 @ 42000");
    }

    @Test
    void aWrongKeyIsRefusedAndRetriedWithoutEverSubscribing() throws Exception {
        stream.close();
        stream = stream(new ApiKeys(Secret.of(SigningTest.API_KEY), new HmacSigner(Secret.of("wrong"))));
        stream.start();
        assertThat(status.poll(30, TimeUnit.SECONDS)).contains("refused", "-1022");
        assertThat(status.poll(30, TimeUnit.SECONDS)).as("tried again after the backoff").contains("refused");
        assertThat(users.subscribed).isEmpty();
        assertThat(stream.toString()).doesNotContain(SigningTest.API_KEY);
    }
}
