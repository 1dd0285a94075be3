package dev.hft.binance.execution;

import dev.hft.binance.auth.SigningTest;
import dev.hft.binance.FakeBinance;
import dev.hft.binance.auth.ApiKeys;
import dev.hft.binance.auth.HmacSigner;
import dev.hft.binance.auth.Secret;
import dev.hft.binance.http.BinanceRest;
import dev.hft.binance.http.RateLimits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The live execution client against FakeBinance. Commands run inline (the I/O thread's job) and reports are
 * queued, as the ring would queue them for the engine thread; the test plays the engine thread.
 */
class ExecutionTest {
    private static final long T0 = 1_700_000_000_000L;
    private final List<Runnable> ring = new ArrayList<>();
    private final List<String> reports = new ArrayList<>();
    private final List<Fill> fills = new ArrayList<>();
    private final List<String> alerts = new ArrayList<>();
    private final List<Instrument> instruments = List.of(InstrumentTable.builtIn().find("BTCUSDT"));
    private FakeBinance venue;
    private BinanceExecution exec;

    @BeforeEach
    void start() throws Exception {
        venue = FakeBinance.hmac(SigningTest.API_KEY, SigningTest.SECRET, () -> T0);
        exec = execution(6000);
    }

    @AfterEach
    void stop() {
        venue.close();
    }

    private BinanceExecution execution(int weightLimit) {
        BinanceRest rest = new BinanceRest(venue.base(), BinanceRest.Market.SPOT, HttpClient.newHttpClient(),
                new ApiKeys(Secret.of(SigningTest.API_KEY), new HmacSigner(Secret.of(SigningTest.SECRET))),
                () -> T0, Duration.ofSeconds(10), new RateLimits(weightLimit));
        BinanceExecution e = new BinanceExecution(rest, instruments, Runnable::run, ring::add, alerts::add);
        e.setListener(new ExecutionListener() {
            @Override
            public void onOrderFilled(Order order, Fill fill) {
                reports.add("filled " + order.clientOrderId + " " + Fixed.format(fill.quantity()) + " @ "
                        + Fixed.format(fill.price()));
                fills.add(fill);
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
        return e;
    }

    /** Runs what the I/O thread handed to the engine thread. */
    private List<String> engineTurn() {
        List<Runnable> batch = new ArrayList<>(ring);
        ring.clear();
        batch.forEach(Runnable::run);
        List<String> out = new ArrayList<>(reports);
        reports.clear();
        return out;
    }

    private static Order market(String id) {
        return new Order(id, 0, Side.BUY, OrderType.MARKET, Fixed.parse("0.01"), 0, 0, false,
                ReasonCode.ENTRY_SMA_CROSS_UP, T0, Fixed.parse("42000"));
    }

    private static Order stop(String id) {
        return new Order(id, 0, Side.SELL, OrderType.STOP_MARKET, Fixed.parse("0.01"), 0, Fixed.parse("41000"), true,
                ReasonCode.EXIT_STOP_LOSS, T0, Fixed.parse("42000"));
    }

    private long posts() {
        return venue.requests.stream().filter(r -> r.startsWith("POST")).count();
    }

    private static Order exit(String id) {
        return new Order(id, 0, Side.SELL, OrderType.MARKET, Fixed.parse("0.01"), 0, 0, true,
                ReasonCode.EXIT_SIGNAL, T0, Fixed.parse("42000"));
    }

    @Test
    void anExitDecidedBeforeTheEngineSawItsStopFillIsNotASecondSale() {
        exec.submit(market("run-x"));
        exec.submit(stop("run-xs"));
        engineTurn();
        venue.fill("run-xs"); // the market fell through the stop at the venue
        // meanwhile the engine, not knowing, decides to exit: it cancels its stop and sells
        exec.cancel("run-xs");
        exec.submit(exit("run-xe"));
        assertThat(engineTurn()).containsExactly("filled run-xs 0.01 @ 42000", "rejected run-xe REJECT_ALREADY_CLOSED");
        assertThat(venue.ordersWithClientId("run-xe")).as("no second sale").isZero();

        // once the engine has applied a stop's fill, an exit it decides later goes out as usual
        exec.submit(market("run-y"));
        exec.submit(stop("run-ys"));
        engineTurn();
        venue.fill("run-ys");
        exec.poll();
        assertThat(engineTurn()).containsExactly("filled run-ys 0.01 @ 42000");
        exec.submit(exit("run-ye"));
        assertThat(engineTurn()).containsExactly("filled run-ye 0.01 @ 42000");
    }

    private static Order takeProfit(String id, String price) {
        return new Order(id, 0, Side.SELL, OrderType.LIMIT, Fixed.parse("0.01"), Fixed.parse(price), 0, true,
                ReasonCode.EXIT_TAKE_PROFIT, T0, Fixed.parse("42000"));
    }

    @Test
    void onSpotAStopAndATakeProfitRestAsOneOcoThatLocksTheQuantityOnce() {
        venue.enforceBalances = true;
        exec.submit(market("run-o"));
        engineTurn();
        assertThat(exec.placesOrderLists()).isTrue();
        // the old way: two full-quantity sells; the second cannot rest on a balance held once
        exec.submit(stop("run-os1"));
        exec.submit(takeProfit("run-ot1", "43000"));
        assertThat(engineTurn()).containsExactly("rejected run-ot1 REJECT_VENUE");
        exec.cancel("run-os1");
        assertThat(engineTurn()).containsExactly("canceled run-os1");
        alerts.clear();

        exec.submitOco(stop("run-os"), takeProfit("run-ot", "43000"));
        assertThat(engineTurn()).isEmpty();
        assertThat(alerts).isEmpty();
        assertThat(venue.orderLists()).isEqualTo(1);
        assertThat(venue.requests).contains("POST /api/v3/orderList/oco");
        // the target is reached: the take-profit fills, the venue expires the stop, the engine hears both once
        venue.fill("run-ot");
        exec.poll();
        assertThat(engineTurn()).containsExactlyInAnyOrder("filled run-ot 0.01 @ 42000", "canceled run-os");
        exec.cancel("run-os"); // the engine's own cancel of the survivor finds it gone and says nothing more
        exec.poll();
        assertThat(engineTurn()).isEmpty();
    }

    @Test
    void aTrailingStopLegGoesToTheListAsItsDistance() {
        venue.enforceBalances = true;
        exec.submit(market("run-tr"));
        engineTurn();
        Order trailing = stop("run-trs");
        trailing.trailBps = 150;
        exec.submitOco(trailing, takeProfit("run-trt", "43000"));
        assertThat(engineTurn()).isEmpty();
        assertThat(venue.orderLists()).isEqualTo(1);
        FakeBinance.VenueOrder leg;
        synchronized (venue.orders) {
            leg = venue.orders.stream().filter(o -> o.clientOrderId.equals("run-trs")).findFirst().orElseThrow();
        }
        assertThat(leg.trailingDelta).as("BIPS, instead of a stop price").isEqualTo("150");
        assertThat(leg.type).isEqualTo("STOP_LOSS");
    }

    @Test
    void cancelingOneLegCancelsTheListAndTheOtherLegIsReportedOnce() {
        venue.enforceBalances = true;
        exec.submit(market("run-p"));
        exec.submitOco(stop("run-ps"), takeProfit("run-pt", "43000"));
        engineTurn();
        exec.cancel("run-ps");
        exec.cancel("run-pt");
        assertThat(engineTurn()).containsExactlyInAnyOrder("canceled run-ps", "canceled run-pt");
        long deletes = venue.requests.stream().filter(r -> r.startsWith("DELETE")).count();
        assertThat(deletes).isEqualTo(2);
        // the quantity is free again: the exit sells it
        exec.submit(exit("run-pe"));
        assertThat(engineTurn()).containsExactly("filled run-pe 0.01 @ 42000");
    }

    @Test
    void anOcoTheVenueRefusesLeavesTheStopInPlaceAlone() {
        exec.submit(market("run-q"));
        engineTurn();
        // a target the market has already passed: Binance refuses the list's prices
        exec.submitOco(stop("run-qs"), takeProfit("run-qt", "41500"));
        assertThat(engineTurn()).containsExactly("rejected run-qt REJECT_VENUE");
        assertThat(alerts).singleElement().asString().contains("run-qt", "REJECTED", "stop is placed alone");
        assertThat(venue.ordersWithClientId("run-qs")).isEqualTo(1);
        assertThat(exec.isWorking("run-qs")).isTrue();
        venue.fill("run-qs");
        exec.poll();
        assertThat(engineTurn()).containsExactly("filled run-qs 0.01 @ 42000");
    }

    @Test
    void anOcoWhoseAnswerIsLostIsResolvedLegByLegWithoutResending() {
        exec.submit(market("run-r"));
        engineTurn();
        venue.nextOrderFault = FakeBinance.Fault.HTTP_503;
        exec.submitOco(stop("run-rs"), takeProfit("run-rt", "43000"));
        assertThat(exec.unresolved()).isEqualTo(2);
        exec.poll();
        assertThat(exec.unresolved()).isZero();
        assertThat(venue.orderLists()).as("never resent").isEqualTo(1);
        venue.fill("run-rs");
        exec.poll();
        assertThat(engineTurn()).contains("filled run-rs 0.01 @ 42000", "canceled run-rt");
    }

    @Test
    void anOrderTheQueryCannotFindIsLookedForInTheHistoryBeforeItIsCalledUnplaced() {
        venue.enforceBalances = true;
        exec.submit(market("h-buy"));
        exec.submit(stop("h-stop"));
        engineTurn();
        venue.fill("h-stop");
        venue.hiddenFromQuery.add("h-stop");
        // an exit the venue refused (nothing to sell after the stop): the crash came before its answer was journaled
        exec.submit(exit("h-exit"));
        engineTurn();
        alerts.clear();

        BinanceExecution restarted = execution(6000);
        VenueOrderStatus stopped = restarted.reconcile(stop("h-stop"));
        assertThat(stopped.state()).as("found in allOrders though the by-id query said -2013")
                .isEqualTo(VenueOrderStatus.State.FILLED);
        assertThat(stopped.fills()).singleElement().extracting(Fill::quantity).isEqualTo(Fixed.parse("0.01"));
        assertThat(restarted.reconcile(exit("h-exit"))).as("refused on placement: in no history")
                .isEqualTo(VenueOrderStatus.UNKNOWN);
        assertThat(venue.requests.stream().filter(r -> r.equals("GET /api/v3/allOrders")).count()).isEqualTo(2);

        // in session: an unknown outcome is looked for in the history before it is given up as lost
        venue.nextOrderFault = FakeBinance.Fault.DROP_CONNECTION;
        exec.submit(market("h-late"));
        venue.hiddenFromQuery.add("h-late");
        for (int i = 0; i < UnknownOrder.MAX_NOT_FOUND; i++) {
            exec.poll();
        }
        assertThat(engineTurn()).containsExactly("filled h-late 0.01 @ 42000");
        assertThat(alerts).as("never called lost").isEmpty();
    }

    @Test
    void withACollarAMarketEntryLeavesAsALimitIocAndExpiresBeyondIt() {
        exec.setMarketCollar(2);
        // decided at 42,000: the collar is 42,840; the market is there
        exec.submit(market("c-1"));
        assertThat(engineTurn()).containsExactly("filled c-1 0.01 @ 42000");
        assertThat(venue.orders.get(0).type).isEqualTo("LIMIT");
        assertThat(venue.orders.get(0).price).isEqualTo("42840");
        // the market ran away while the decision was stale: nothing trades, the order expires
        venue.fillPrice = "43000.00";
        exec.submit(market("c-2"));
        assertThat(engineTurn()).containsExactly("canceled c-2");
        assertThat(fills).hasSize(1);
        // an exit is never collared: a position must be able to leave
        exec.submit(exit("c-3"));
        assertThat(engineTurn()).containsExactly("filled c-3 0.01 @ 43000");
        assertThat(venue.orders.get(2).type).isEqualTo("MARKET");
        assertThatThrownBy(() -> exec.setMarketCollar(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aMarketOrderFillsOnceWithItsFeeInTheQuoteAsset() {
        exec.submit(market("run-1"));
        assertThat(engineTurn()).containsExactly("filled run-1 0.01 @ 42000");
        assertThat(fills.get(0).fee()).isEqualTo(Fixed.parse("0.42"));
        exec.poll();
        assertThat(engineTurn()).isEmpty(); // the same trade is never reported twice
    }

    @Test
    void unknownOutcomesAreResolvedByQueryWithZeroResendsAndLostOnesAlert() {
        venue.nextOrderFault = FakeBinance.Fault.DROP_CONNECTION;
        exec.submit(market("run-2"));
        assertThat(engineTurn()).isEmpty(); // still working for the engine: counts as exposure
        assertThat(exec.unresolved()).isEqualTo(1);
        exec.poll();
        assertThat(engineTurn()).containsExactly("filled run-2 0.01 @ 42000");
        assertThat(posts()).isEqualTo(1);
        assertThat(venue.ordersWithClientId("run-2")).isEqualTo(1);

        venue.nextOrderFault = FakeBinance.Fault.DROP_BEFORE_PLACING;
        exec.submit(market("run-3"));
        exec.poll();
        exec.poll();
        assertThat(engineTurn()).isEmpty();
        exec.poll();
        assertThat(engineTurn()).containsExactly("rejected run-3 REJECT_LOST");
        assertThat(alerts).singleElement().asString().contains("run-3 LOST");
        assertThat(venue.ordersWithClientId("run-3")).isZero();
        assertThat(posts()).isEqualTo(2);
    }

    @Test
    void aCommissionTakenFromTheCoinsBoughtIsBookedAndAnExitTheVenueRejectsAlerts() {
        venue.commissionInBase = true; // Binance without BNB: 0.1% of the BTC bought is the commission
        venue.enforceBalances = true;
        exec.submit(market("cb-1"));
        assertThat(engineTurn()).containsExactly("filled cb-1 0.01 @ 42000");
        Fill f = fills.get(0);
        assertThat(f.baseFee()).as("taken from the coins: the account holds 0.00999").isEqualTo(Fixed.parse("0.00001"));
        assertThat(f.fee()).as("its value at the fill price").isEqualTo(Fixed.parse("0.42"));

        // a stop for the bought quantity cannot rest: the venue refuses, and a person is told at once
        Order full = new Order("cb-2", 0, Side.SELL, OrderType.STOP_MARKET, Fixed.parse("0.01"), 0,
                Fixed.parse("41000"), true, ReasonCode.EXIT_STOP_LOSS, T0, Fixed.parse("42000"));
        exec.submit(full);
        assertThat(engineTurn()).containsExactly("rejected cb-2 REJECT_VENUE");
        assertThat(alerts).singleElement().asString().contains("cb-2", "REJECTED", "-2010", "unprotected");
        // what the engine sends now: the position net of the commission
        Order held = new Order("cb-3", 0, Side.SELL, OrderType.STOP_MARKET, Fixed.parse("0.00999"), 0,
                Fixed.parse("41000"), true, ReasonCode.EXIT_STOP_LOSS, T0, Fixed.parse("42000"));
        exec.submit(held);
        assertThat(engineTurn()).isEmpty();
        assertThat(venue.orders).filteredOn(o -> o.clientOrderId.equals("cb-3")).singleElement()
                .satisfies(o -> assertThat(o.status).isEqualTo("NEW"));
        // and it locks what it sells: a second full-quantity sell cannot rest beside it
        exec.submit(new Order("cb-4", 0, Side.SELL, OrderType.LIMIT, Fixed.parse("0.00999"), Fixed.parse("43000"), 0,
                true, ReasonCode.EXIT_TAKE_PROFIT, T0, Fixed.parse("42000")));
        assertThat(engineTurn()).containsExactly("rejected cb-4 REJECT_VENUE");
    }

    @Test
    void aSpot503AfterPlacingIsAnUnknownOutcomeResolvedByIdNotARejection() {
        venue.nextOrderFault = FakeBinance.Fault.HTTP_503; // the entry executed; the reply says Service Unavailable
        exec.submit(market("run-503"));
        assertThat(engineTurn()).as("not rejected: Binance's spot docs call every 5XX unknown").isEmpty();
        assertThat(exec.unresolved()).isOne();
        exec.poll();
        assertThat(engineTurn()).containsExactly("filled run-503 0.01 @ 42000");
        assertThat(venue.ordersWithClientId("run-503")).as("never resent").isOne();
    }

    @Test
    void rejectionsAndRefusalsAreReportedWithTheirReasonNeverDropped() throws Exception {
        Order limit = new Order("run-4", 0, Side.BUY, OrderType.LIMIT, Fixed.parse("0.01"), Fixed.parse("40000"), 0,
                false, ReasonCode.ENTRY_SMA_CROSS_UP, T0, Fixed.parse("42000"));
        exec.submit(limit);
        assertThat(engineTurn()).isEmpty(); // resting
        exec.submit(limit); // the same id while open: -2010 Duplicate order sent.
        assertThat(engineTurn()).containsExactly("rejected run-4 REJECT_VENUE");
        exec.cancel("run-4");
        assertThat(engineTurn()).containsExactly("canceled run-4");

        BinanceExecution starved = execution(1); // 90% of a weight limit of 1 leaves no room
        int before = venue.requests.size();
        starved.submit(market("run-5"));
        assertThat(engineTurn()).containsExactly("rejected run-5 REJECT_VENUE_UNAVAILABLE");
        assertThat(venue.requests).hasSize(before);
    }

    @Test
    void aRestingStopIsFollowedUntilItFillsPartiallyOrWhollyOrIsCanceledOutside() {
        exec.submit(stop("run-6"));
        exec.poll();
        assertThat(engineTurn()).isEmpty();
        venue.fill("run-6");
        exec.poll();
        assertThat(engineTurn()).containsExactly("filled run-6 0.01 @ 42000");
        exec.poll();
        assertThat(engineTurn()).isEmpty();

        exec.submit(stop("run-7"));
        venue.partialFill("run-7", "0.004");
        exec.poll();
        assertThat(engineTurn()).containsExactly("filled run-7 0.004 @ 42000");
        venue.cancelOutside("run-7");
        exec.poll();
        assertThat(engineTurn()).containsExactly("canceled run-7");
    }

    @Test
    void reconciliationAfterARestartReadsTheVenueAndFailsClosedWhenItCannot() {
        exec.submit(market("r-filled"));
        exec.submit(stop("r-working"));
        exec.submit(stop("r-canceled"));
        exec.submit(stop("r-partial"));
        engineTurn();
        venue.cancelOutside("r-canceled");
        venue.partialFill("r-partial", "0.006");
        venue.cancelOutside("r-partial");
        venue.placeOutside("someone-else-1", "BTCUSDT");

        BinanceExecution restarted = execution(6000); // a new process: knows nothing but the journal's ids
        VenueOrderStatus filled = restarted.query("r-filled");
        assertThat(filled.state()).isEqualTo(VenueOrderStatus.State.FILLED);
        assertThat(filled.fills()).singleElement().satisfies(f -> {
            assertThat(f.quantity()).isEqualTo(Fixed.parse("0.01"));
            assertThat(f.price()).isEqualTo(Fixed.parse("42000"));
        });
        assertThat(restarted.query("r-working").state()).isEqualTo(VenueOrderStatus.State.WORKING);
        assertThat(restarted.query("r-canceled")).isEqualTo(new VenueOrderStatus(VenueOrderStatus.State.CANCELED,
                List.of()));
        VenueOrderStatus partial = restarted.query("r-partial");
        assertThat(partial.state()).isEqualTo(VenueOrderStatus.State.CANCELED);
        assertThat(partial.fills()).singleElement().extracting(Fill::quantity).isEqualTo(Fixed.parse("0.006"));
        assertThat(restarted.query("never-sent")).isEqualTo(VenueOrderStatus.UNKNOWN);
        assertThat(restarted.unknownOpenOrders(Set.of("r-working"))).containsExactly("BTCUSDT someone-else-1");

        BinanceExecution blind = execution(1); // cannot ask: start-up must fail, not guess
        assertThatThrownBy(() -> blind.query("r-filled")).hasMessageContaining("cannot reconcile order r-filled");
        assertThatThrownBy(() -> blind.unknownOpenOrders(Set.of())).hasMessageContaining("cannot list open orders");
    }

    private long deletes() {
        return venue.requests.stream().filter(r -> r.startsWith("DELETE")).count();
    }

    @Test
    void aRestartedClientTakesOverEveryOrderStillWorkingAtTheVenue() {
        exec.submit(stop("p-stop"));
        exec.submit(stop("p-partial"));
        engineTurn();
        venue.partialFill("p-partial", "0.004");

        BinanceExecution restarted = execution(6000); // a new process: knows nothing but what the engine tells it
        VenueOrderStatus st = restarted.reconcile(stop("p-stop"));
        assertThat(st.state()).isEqualTo(VenueOrderStatus.State.WORKING);
        restarted.cancel("p-stop"); // the strategy's exit cancels the pre-restart stop: it must reach the venue
        assertThat(deletes()).isEqualTo(1);
        assertThat(venue.ordersWithClientId("p-stop")).isOne();
        assertThat(venue.orders).filteredOn(o -> o.clientOrderId.equals("p-stop")).singleElement()
                .satisfies(o -> assertThat(o.status).isEqualTo("CANCELED"));
        assertThat(engineTurn()).containsExactly("canceled p-stop");

        VenueOrderStatus partial = restarted.reconcile(stop("p-partial"));
        assertThat(partial.fills()).singleElement().extracting(Fill::quantity).isEqualTo(Fixed.parse("0.004"));
        venue.fill("p-partial"); // the market reaches the rest of the pre-restart stop
        restarted.poll();
        assertThat(engineTurn()).as("only what was not reported at reconciliation, once")
                .containsExactly("filled p-partial 0.006 @ 42000");
        restarted.poll();
        assertThat(engineTurn()).isEmpty();
    }

    @Test
    void aCancelReportIsMatchedOnTheCanceledOrdersIdNotTheCancelRequests() throws Exception {
        exec.submit(stop("c-stop"));
        engineTurn();
        // Binance's executionReport of a cancel: c is the cancel request's id, C the canceled order's
        String report = "{\"e\":\"executionReport\",\"E\":1,\"s\":\"BTCUSDT\",\"c\":\"web_8a1f\","
                + "\"C\":\"c-stop\",\"S\":\"SELL\",\"x\":\"CANCELED\",\"X\":\"CANCELED\",\"l\":\"0\","
                + "\"z\":\"0\",\"L\":\"0\",\"t\":-1,\"Z\":\"0\"}";
        exec.onUserEvent(new com.fasterxml.jackson.databind.ObjectMapper().readTree(report));
        assertThat(engineTurn()).containsExactly("canceled c-stop");
    }

    @Test
    void positionsAreComparedWithTheAccountAndAMissingReportIsNeverFlat() {
        exec.submit(market("run-1")); // buys 0.01 BTC
        engineTurn();
        long held = Fixed.parse("0.01");
        assertThat(exec.positionDifferences(new long[] {held})).isEmpty();
        assertThat(exec.positionDifferences(new long[] {held + Fixed.parse("0.00004")})).as("within 0.5%").isEmpty();
        venue.outside.put("BTC", new java.math.BigDecimal("-0.004")); // sold outside the system
        List<BinanceExecution.PositionDifference> d = exec.positionDifferences(new long[] {held});
        assertThat(d).singleElement().satisfies(x -> {
            assertThat(x.smaller()).isTrue();
            assertThat(x.held()).isEqualTo(Fixed.parse("0.006"));
            assertThat(x.toString()).contains("holds 0.006 BTC", "position is 0.01", "smaller");
        });
        venue.outside.put("BTC", new java.math.BigDecimal("1"));
        assertThat(exec.positionDifferences(new long[] {held})).singleElement()
                .satisfies(x -> assertThat(x.smaller()).isFalse());
        venue.accountDown = true;
        assertThatThrownBy(() -> exec.positionDifferences(new long[] {held})).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot read the account");
    }
}
