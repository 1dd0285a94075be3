package dev.hft.binance.execution;

import dev.hft.binance.auth.SigningTest;
import dev.hft.binance.FakeBinance;
import dev.hft.binance.FakeUserStream;
import dev.hft.binance.stream.UserDataStream;
import dev.hft.binance.auth.ApiKeys;
import dev.hft.binance.auth.HmacSigner;
import dev.hft.binance.auth.Secret;
import dev.hft.binance.http.BinanceRest;
import dev.hft.binance.http.RateLimits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hft.core.ExecutionListener;
import dev.hft.core.Fill;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import dev.hft.core.Side;
import dev.hft.core.VenueOrderStatus;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * USD-M futures against FakeBinance's {@code /fapi} side: orders with RESULT replies, protective stops through the
 * Algo Service (never {@code /fapi/v1/order}), fills applied once whether the REST reply, the poll or the listenKey
 * user stream ({@code ORDER_TRADE_UPDATE}, {@code ALGO_UPDATE}) tells first, reconciliation of algo orders after a
 * restart, strangers among open algo orders, and positions from {@code positionRisk}.
 */
class FuturesTest {
    private static final long T0 = 1_700_000_000_000L;
    private static final long TAKER = Fixed.parse("0.0005");
    private final List<Runnable> ring = new ArrayList<>();
    private final List<String> reports = new ArrayList<>();
    private final List<Fill> fills = new ArrayList<>();
    private final List<String> alerts = new ArrayList<>();
    private final List<Instrument> instruments = List.of(InstrumentTable.builtIn().find("BTCUSDT"));
    private final ApiKeys keys = new ApiKeys(Secret.of(SigningTest.API_KEY),
            new HmacSigner(Secret.of(SigningTest.SECRET)));
    private FakeBinance venue;
    private BinanceRest rest;
    private BinanceExecution exec;

    @BeforeEach
    void start() throws Exception {
        venue = FakeBinance.hmac(SigningTest.API_KEY, SigningTest.SECRET, () -> T0);
        rest = new BinanceRest(venue.base(), BinanceRest.Market.USDM, HttpClient.newHttpClient(), keys, () -> T0,
                Duration.ofSeconds(10), new RateLimits(2400));
        exec = execution();
    }

    @AfterEach
    void stop() {
        venue.close();
    }

    private BinanceExecution execution() {
        BinanceExecution e = new BinanceExecution(rest, instruments, Runnable::run, ring::add, alerts::add);
        e.setEstimatedFeeRate(TAKER);
        e.setListener(new ExecutionListener() {
            @Override
            public synchronized void onOrderFilled(Order order, Fill fill) {
                reports.add("filled " + order.clientOrderId + " " + Fixed.format(fill.quantity()) + " @ "
                        + Fixed.format(fill.price()));
                fills.add(fill);
            }

            @Override
            public synchronized void onOrderRejected(Order order, ReasonCode reason) {
                reports.add("rejected " + order.clientOrderId + " " + reason);
            }

            @Override
            public synchronized void onOrderCanceled(Order order) {
                reports.add("canceled " + order.clientOrderId);
            }
        });
        return e;
    }

    private List<String> engineTurn() {
        List<Runnable> batch;
        synchronized (ring) {
            batch = new ArrayList<>(ring);
            ring.clear();
        }
        batch.forEach(Runnable::run);
        synchronized (exec) {
            List<String> out = new ArrayList<>(reports);
            reports.clear();
            return out;
        }
    }

    private static Order market(String id, Side side, boolean reduceOnly) {
        return new Order(id, 0, side, OrderType.MARKET, Fixed.parse("0.01"), 0, 0, reduceOnly,
                ReasonCode.ENTRY_SMA_CROSS_UP, T0, Fixed.parse("42000"));
    }

    private static Order stop(String id) {
        return new Order(id, 0, Side.SELL, OrderType.STOP_MARKET, Fixed.parse("0.01"), 0, Fixed.parse("41000"), true,
                ReasonCode.EXIT_STOP_LOSS, T0, Fixed.parse("42000"));
    }

    private List<String> requests(String prefix) {
        synchronized (venue.requests) {
            return venue.requests.stream().filter(r -> r.startsWith(prefix)).toList();
        }
    }

    @Test
    void exchangeInfoKeepsTheRequestedContractsAndReadsTheNotionalField() {
        List<Instrument> got = rest.exchangeInfo(List.of("ETHUSDT"));
        Instrument want = InstrumentTable.builtIn().find("ETHUSDT");
        assertThat(got).singleElement().satisfies(i -> {
            assertThat(i.symbol()).isEqualTo("ETHUSDT");
            assertThat(i.minNotional()).isEqualTo(want.minNotional()).isPositive();
            assertThat(i.stepSize()).isEqualTo(want.stepSize());
        });
        assertThat(requests("GET /fapi/v1/exchangeInfo")).hasSize(1);
    }

    @Test
    void aMarketOrderFillsOnceWithAnEstimatedFeeSinceResultRepliesCarryNoCommission() {
        exec.submit(market("f-1", Side.BUY, false));
        assertThat(engineTurn()).containsExactly("filled f-1 0.01 @ 42000");
        assertThat(fills.get(0).fee()).isEqualTo(Fixed.parse("0.21")); // 420 USDT x 0.05%
        exec.poll();
        assertThat(engineTurn()).isEmpty();
    }

    @Test
    void aStopRestsAtTheAlgoServiceAndItsTriggerIsOneFill() {
        exec.submit(market("f-2", Side.BUY, false));
        exec.submit(stop("f-2s"));
        assertThat(engineTurn()).containsExactly("filled f-2 0.01 @ 42000");
        assertThat(requests("POST /fapi/v1/algoOrder")).hasSize(1);
        assertThat(requests("POST /fapi/v1/order")).hasSize(1); // the entry only: stops never go there
        FakeBinance.VenueOrder s = venue.orders.get(1);
        assertThat(s.algo).isTrue();
        assertThat(s.triggerPrice).isEqualTo("41000");
        assertThat(s.reduceOnly).isTrue();

        exec.poll();
        assertThat(engineTurn()).isEmpty(); // resting
        venue.fillPrice = "40990.00";
        venue.trigger("f-2s");
        exec.poll();
        assertThat(engineTurn()).containsExactly("filled f-2s 0.01 @ 40990");
        exec.poll();
        assertThat(engineTurn()).isEmpty();
        assertThat(venue.position("BTCUSDT")).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void aCanceledStopIsReportedOnceAndAnUnknownOneIsResolvedAtTheAlgoService() {
        exec.submit(market("f-3", Side.BUY, false));
        exec.submit(stop("f-3s"));
        engineTurn();
        exec.cancel("f-3s");
        assertThat(engineTurn()).containsExactly("canceled f-3s");
        assertThat(requests("DELETE /fapi/v1/algoOrder")).hasSize(1);
        exec.poll();
        assertThat(engineTurn()).isEmpty();

        venue.nextOrderFault = FakeBinance.Fault.HTTP_500;
        exec.submit(stop("f-3t"));
        assertThat(exec.unresolved()).isEqualTo(1);
        exec.poll();
        assertThat(exec.unresolved()).isZero();
        assertThat(venue.ordersWithClientId("f-3t")).isEqualTo(1); // found, never sent again
        venue.trigger("f-3t");
        exec.poll();
        assertThat(engineTurn()).containsExactly("filled f-3t 0.01 @ 42000");
    }

    @Test
    void aReduceOnlyExitWithoutAPositionIsRejectedByTheVenueAndSaidSo() {
        exec.submit(market("f-4", Side.SELL, true));
        assertThat(engineTurn()).containsExactly("rejected f-4 REJECT_VENUE");
    }

    @Test
    void afterARestartAStopIsFoundAtTheAlgoServiceAndStrangersAmongAlgoOrdersAreListed() {
        exec.submit(market("f-5", Side.BUY, false));
        exec.submit(stop("f-5s"));
        engineTurn();
        BinanceExecution restarted = execution(); // a new process: nothing known yet
        VenueOrderStatus st = restarted.query("f-5s");
        assertThat(st.state()).isEqualTo(VenueOrderStatus.State.WORKING);
        assertThat(restarted.query("f-5")).satisfies(v -> {
            assertThat(v.state()).isEqualTo(VenueOrderStatus.State.FILLED);
            assertThat(v.fills()).singleElement().satisfies(f -> assertThat(f.quantity())
                    .isEqualTo(Fixed.parse("0.01")));
        });
        assertThat(restarted.query("never-sent").state()).isEqualTo(VenueOrderStatus.State.UNKNOWN);
        venue.trigger("f-5s");
        assertThat(restarted.query("f-5s").state()).isEqualTo(VenueOrderStatus.State.FILLED);

        exec.submit(stop("f-5t"));
        assertThat(restarted.unknownOpenOrders(Set.of())).containsExactly("BTCUSDT f-5t");
        assertThat(restarted.unknownOpenOrders(Set.of("f-5t"))).isEmpty();
    }

    @Test
    void positionsComeFromPositionRiskAndEveryDifferenceRefuses() {
        exec.submit(market("f-6", Side.SELL, false)); // a short: futures can
        engineTurn();
        assertThat(exec.positionDifferences(new long[] {-Fixed.parse("0.01")})).isEmpty();
        List<BinanceExecution.PositionDifference> flat = exec.positionDifferences(new long[] {0});
        assertThat(flat).singleElement().satisfies(d -> {
            assertThat(d.refuses()).isTrue();
            assertThat(d.toString()).contains("account's position is -0.01", "session's is 0");
        });
        venue.outsidePosition.put("BTCUSDT", new BigDecimal("-0.5")); // someone else on the same account
        assertThat(exec.positionDifferences(new long[] {-Fixed.parse("0.01")})).singleElement()
                .satisfies(d -> assertThat(d.refuses()).isTrue());

        venue.accountDown = true;
        assertThatThrownBy(() -> exec.positionDifferences(new long[] {0}))
                .hasMessageContaining("cannot read the account's futures positions");
        venue.accountDown = false;
        venue.hedgeMode = true;
        assertThatThrownBy(() -> exec.positionDifferences(new long[] {0})).hasMessageContaining("hedge mode");
    }

    @Test
    void theListenKeyStreamDeliversTradeAndAlgoUpdatesOnceAndRenewsAnExpiredKey() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        java.util.concurrent.ExecutorService io = Executors.newSingleThreadExecutor(); // as in a live session
        BlockingQueue<String> status = new LinkedBlockingQueue<>();
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        List<String> seen = new ArrayList<>();
        BinanceExecution live = new BinanceExecution(rest, instruments, io, Runnable::run, a -> { });
        live.setEstimatedFeeRate(TAKER);
        live.setListener(new ExecutionListener() {
            @Override
            public synchronized void onOrderFilled(Order order, Fill fill) {
                seen.add("filled " + order.clientOrderId + " " + Fixed.format(fill.quantity()) + " fee "
                        + Fixed.format(fill.fee()));
            }

            @Override
            public synchronized void onOrderCanceled(Order order) {
                seen.add("canceled " + order.clientOrderId);
            }

            @Override
            public synchronized void onOrderRejected(Order order, ReasonCode reason) {
                seen.add("rejected " + order.clientOrderId + " " + reason);
            }
        });
        try (FakeUserStream users = new FakeUserStream(venue);
             UserDataStream stream = UserDataStream.futures(users.futuresBase(), rest, keys,
                     HttpClient.newHttpClient(), scheduler, new UserDataStream.Sink() {
                         @Override
                         public void onEvent(JsonNode event) {
                             live.onUserEvent(event);
                             events.add(event);
                         }

                         @Override
                         public void onStatus(String s, String detail) {
                             status.add(s + " " + detail);
                         }
                     }, Duration.ofMillis(50), Duration.ofMinutes(30), Duration.ofSeconds(30))) {
            stream.start();
            assertThat(status.poll(30, TimeUnit.SECONDS)).startsWith("subscribed");
            assertThat(requests("POST /fapi/v1/listenKey")).hasSize(1);

            // the REST reply and the stream's ORDER_TRADE_UPDATE both tell of the entry's fill: applied once
            live.submit(market("f-7", Side.BUY, false));
            assertThat(next(events, "ORDER_TRADE_UPDATE").at("/o/c").asText()).isEqualTo("f-7");
            live.submit(stop("f-7s"));
            assertThat(next(events, "ALGO_UPDATE").at("/o/X").asText()).isEqualTo("NEW");
            venue.trigger("f-7s"); // TRIGGERED, the triggered order's ORDER_TRADE_UPDATE, FINISHED
            while (!next(events, "ALGO_UPDATE").at("/o/X").asText().equals("FINISHED")) {
                continue;
            }
            io.submit(() -> { }).get(30, TimeUnit.SECONDS); // what the stream handed over has run
            synchronized (live) {
                assertThat(seen).containsExactly("filled f-7 0.01 fee 0.21", "filled f-7s 0.01 fee 0.21");
            }
            live.poll();
            io.submit(() -> { }).get(30, TimeUnit.SECONDS);
            synchronized (live) {
                assertThat(seen).hasSize(2); // the poll finds nothing new
            }

            users.expireListenKey();
            assertThat(status.poll(30, TimeUnit.SECONDS)).startsWith("disconnected listenKeyExpired");
            String again;
            do {
                again = status.poll(30, TimeUnit.SECONDS);
                assertThat(again).isNotNull();
            } while (!again.startsWith("subscribed"));
            assertThat(requests("POST /fapi/v1/listenKey")).hasSize(2);
            assertThat(users.futuresOpened.poll(30, TimeUnit.SECONDS)).isNotNull();
            assertThat(users.futuresOpened.poll(30, TimeUnit.SECONDS)).as("a second connection").isNotNull();
            assertThat(users.futuresConnections.get()).isEqualTo(2);
            assertThat(String.join("\n", status)).doesNotContain(venue.listenKey); // a credential: never shown
        } finally {
            scheduler.shutdownNow();
            io.shutdownNow();
        }
    }

    @Test
    void anExpiredKeyFoundByTheKeepaliveLeadsToANewKey() throws Exception {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        BlockingQueue<String> status = new LinkedBlockingQueue<>();
        try (FakeUserStream users = new FakeUserStream(venue);
             UserDataStream stream = UserDataStream.futures(users.futuresBase(), rest, keys,
                     HttpClient.newHttpClient(), scheduler, new UserDataStream.Sink() {
                         @Override
                         public void onEvent(JsonNode event) {
                         }

                         @Override
                         public void onStatus(String s, String detail) {
                             status.add(s + " " + detail);
                         }
                     }, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(30))) {
            stream.start();
            assertThat(status.poll(30, TimeUnit.SECONDS)).startsWith("subscribed");
            venue.listenKey = null; // gone at the venue without an event: the keepalive's PUT hears -1125
            assertThat(status.poll(30, TimeUnit.SECONDS)).contains("-1125");
            String again;
            do {
                again = status.poll(30, TimeUnit.SECONDS);
                assertThat(again).isNotNull();
            } while (!again.startsWith("subscribed"));
            assertThat(requests("PUT /fapi/v1/listenKey")).isNotEmpty();
            assertThat(users.futuresOpened.poll(30, TimeUnit.SECONDS)).isNotNull();
            assertThat(users.futuresOpened.poll(30, TimeUnit.SECONDS)).as("a second connection").isNotNull();
            assertThat(users.futuresConnections.get()).isEqualTo(2);
        } finally {
            scheduler.shutdownNow();
        }
    }

    private static JsonNode next(BlockingQueue<JsonNode> events, String type) throws InterruptedException {
        while (true) {
            JsonNode e = events.poll(30, TimeUnit.SECONDS);
            assertThat(e).as("a %s event", type).isNotNull();
            if (e.path("e").asText().equals(type)) {
                return e;
            }
        }
    }

    @Test
    void anExecutedQuantityWithoutItsPriceWaitsForAReportThatHasBoth() throws Exception {
        exec.submit(market("f-8", Side.BUY, false));
        exec.submit(stop("f-8s"));
        engineTurn();
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        String finished = "{\"e\":\"ALGO_UPDATE\",\"T\":1,\"E\":2,\"o\":{\"caid\":\"f-8s\",\"aid\":2,"
                + "\"at\":\"CONDITIONAL\",\"o\":\"STOP_MARKET\",\"s\":\"BTCUSDT\",\"S\":\"SELL\",\"q\":\"0.01\","
                + "\"X\":\"FINISHED\",\"ai\":\"9\",\"ap\":\"%s\",\"aq\":\"0.01\"}}";
        exec.onUserEvent(m.readTree(String.format(finished, "0")));
        assertThat(engineTurn()).isEmpty(); // a fill at price 0 would be a lie: wait
        exec.onUserEvent(m.readTree(String.format(finished, "40900.5")));
        assertThat(engineTurn()).containsExactly("filled f-8s 0.01 @ 40900.5");
        exec.onUserEvent(m.readTree(String.format(finished, "40900.5")));
        assertThat(engineTurn()).isEmpty();
    }

    @Test
    void anAveragePriceWithManyDecimalsGivesAQuoteTheEngineCanRead() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper m = new com.fasterxml.jackson.databind.ObjectMapper();
        JsonNode update = m.readTree("{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1,\"T\":1,\"o\":{\"c\":\"x\","
                + "\"X\":\"FILLED\",\"z\":\"0.003\",\"l\":\"0.001\",\"L\":\"41000.1\",\"ap\":\"41000.12345678\","
                + "\"n\":\"0\",\"N\":\"USDT\",\"t\":5}}");
        String z = FuturesReports.tradeUpdate(update).path("Z").asText();
        assertThat(Fixed.parse(z)).isEqualTo(Fixed.parse("123.00037037")); // 123.00037037034 rounded to 8 places
    }

    @Test
    void algoStatusesReadInSpotsVocabulary() {
        assertThat(FuturesReports.algoStatus("NEW", "0", "0.01")).isEqualTo("NEW");
        assertThat(FuturesReports.algoStatus("TRIGGERED", "0", "0.01")).isEqualTo("NEW");
        assertThat(FuturesReports.algoStatus("TRIGGERED", "0.004", "0.01")).isEqualTo("PARTIALLY_FILLED");
        assertThat(FuturesReports.algoStatus("FINISHED", "0.01", "0.01")).isEqualTo("FILLED");
        assertThat(FuturesReports.algoStatus("FINISHED", "0.004", "0.01")).isEqualTo("CANCELED");
        assertThat(FuturesReports.algoStatus("EXPIRED", "0", "0.01")).isEqualTo("CANCELED");
        assertThat(FuturesReports.algoStatus("REJECTED", "0", "0.01")).isEqualTo("REJECTED");
    }
}
