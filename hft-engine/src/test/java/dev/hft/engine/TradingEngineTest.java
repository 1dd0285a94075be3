package dev.hft.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.core.Bar;
import dev.hft.core.ExecutionClient;
import dev.hft.core.Fill;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import dev.hft.core.Side;
import dev.hft.api.Action;
import dev.hft.engine.testkit.ScriptedStrategy;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TradingEngineTest {
    private static final Instrument INST = new Instrument("TEST", "T", "USDT", Fixed.parse("0.01"),
            Fixed.parse("0.001"), Fixed.parse("0.001"), Fixed.parse("5"));
    private static final long T0 = 1_704_067_200_000L;

    /** Records orders; the test decides what fills. */
    static class FakeVenue implements ExecutionClient {
        final List<Order> submitted = new ArrayList<>();
        final List<String> canceled = new ArrayList<>();
        TradingEngine engine;

        @Override
        public void submit(Order order) {
            submitted.add(order);
        }

        @Override
        public void cancel(String id) {
            canceled.add(id);
            submitted.stream().filter(o -> o.clientOrderId.equals(id)).findFirst().ifPresent(engine::onOrderCanceled);
        }

        void fill(Order o, String price, long timeMs) {
            long px = Fixed.parse(price);
            long fee = Fixed.mul(Fixed.mul(px, o.quantity), Fixed.parse("0.001"));
            engine.onOrderFilled(o, new Fill(o.clientOrderId, o.instrument, o.side, px, o.quantity, fee,
                    timeMs, o.reason));
        }

        Order last() {
            return submitted.get(submitted.size() - 1);
        }
    }

    private final FakeVenue venue = new FakeVenue();
    private final ScriptedStrategy strategy = new ScriptedStrategy();

    {
        strategy.confidence = 0.8;
    }
    private final List<TradeRecord> trades = new ArrayList<>();
    private final TradingEngine engine = new TradingEngine(
            new EngineConfig(Fixed.of(10_000), 0.10, Fixed.parse("0.001")), List.of(INST), List.of(strategy), venue,
            new EngineListener() {
                @Override
                public void onTradeClosed(TradeRecord trade) {
                    trades.add(trade);
                }
            }, "run1");

    {
        venue.engine = engine;
    }

    private Bar bar(int i, String close) {
        long c = Fixed.parse(close);
        return new Bar().set(0, T0 + i * 60_000L, T0 + i * 60_000L + 59_999, c, c, c, c, Fixed.of(1));
    }

    @Test
    void aStrategyThatThrowsDecidesNothingMoreButItsPositionKeepsItsStop() {
        int[] calls = {0};
        dev.hft.api.Strategy flaky = new dev.hft.api.Strategy() {
            @Override
            public String name() {
                return "flaky";
            }

            @Override
            public int warmupBars() {
                return 0;
            }

            @Override
            public void onBar(Bar bar, dev.hft.api.PositionView position,
                              dev.hft.api.Decision out) {
                if (++calls[0] == 1) {
                    out.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.02, 0);
                } else if (calls[0] == 3) {
                    throw new ArithmeticException("/ by zero");
                } else {
                    out.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.02, 0);
                }
            }
        };
        List<String> failures = new ArrayList<>();
        TradingEngine e = new TradingEngine(new EngineConfig(Fixed.of(10_000), 0.10, Fixed.parse("0.001")),
                List.of(INST), List.of(flaky), venue, new EngineListener() {
                    @Override
                    public void onStrategyFailed(int instrument, String failure, long nowMs) {
                        failures.add(failure);
                    }
                }, "run4");
        venue.engine = e;
        e.onBar(bar(0, "100"));
        venue.fill(venue.last(), "100", T0 + 60_000);
        Order stop = venue.last();
        assertThat(stop.type).isEqualTo(OrderType.STOP_MARKET);
        e.onBar(bar(1, "101"));
        e.onBar(bar(2, "102")); // throws
        int sent = venue.submitted.size();
        e.onBar(bar(3, "103"));
        e.onBar(bar(4, "104"));
        assertThat(calls[0]).as("not called again after it threw").isEqualTo(3);
        assertThat(venue.submitted).hasSize(sent);
        assertThat(venue.canceled).as("its stop stays").doesNotContain(stop.clientOrderId);
        assertThat(e.strategyFailure(0)).startsWith("java.lang.ArithmeticException: / by zero")
                .contains("TradingEngineTest").doesNotContain("TradingEngine.onBar");
        assertThat(failures).hasSize(1);
        assertThat(e.ledger().get(ReasonCode.RISK_STRATEGY_FAILED)).isEqualTo(1);
        assertThat(e.snapshottable()).isFalse();
    }

    @Test
    void aStrategyThatSavesNoStateIsNotSnapshottedRatherThanThrowing() {
        assertThat(engine.snapshottable()).as("the scripted strategy keeps no snapshot").isFalse();
        TradingEngine sma = new TradingEngine(new EngineConfig(Fixed.of(10_000), 0.10, Fixed.parse("0.001")),
                List.of(INST), List.of(new dev.hft.strategies.SmaCross.Factory().create(
                new dev.hft.api.Params("sma-cross", new dev.hft.strategies.SmaCross.Factory()
                        .params(), java.util.Map.of()))), venue, new EngineListener() {
                }, "run3");
        assertThat(sma.snapshottable()).isTrue();
        assertThat(sma.snapshot()).isNotEmpty();
    }

    @Test
    void shouldSizeEntryAsFractionOfEquityFlooredToStep() {
        strategy.next = Action.ENTER_LONG;
        engine.onBar(bar(0, "100"));
        Order o = venue.last();
        // 10% of 10,000 = 1,000, less room for the 0.1% fee = 999.000999; / 100 = 9.99000999 -> 9.990
        assertThat(o.quantity).isEqualTo(Fixed.parse("9.99"));
        assertThat(o.side).isEqualTo(Side.BUY);
        assertThat(o.type).isEqualTo(OrderType.MARKET);
        assertThat(o.clientOrderId).isEqualTo("run1-1");
        assertThat(o.decisionPrice).isEqualTo(Fixed.of(100));
        assertThat(o.decisionTimeMs).isEqualTo(T0 + 59_999);
    }

    @Test
    void shouldAccountALongRoundTripExactly() {
        strategy.next = Action.ENTER_LONG;
        strategy.exits(0.01, 0.02);
        engine.onBar(bar(0, "100"));
        venue.fill(venue.last(), "100.5", T0 + 60_000);
        // bracket: stop 1% below, take-profit 2% above the fill, OCO peers, reduce-only
        Order stop = venue.submitted.get(1);
        Order tp = venue.submitted.get(2);
        assertThat(stop.type).isEqualTo(OrderType.STOP_MARKET);
        assertThat(stop.triggerPrice).isEqualTo(Fixed.parse("99.5")); // 100.5 - 1.005 = 99.495 -> 99.50
        assertThat(tp.type).isEqualTo(OrderType.LIMIT);
        assertThat(tp.price).isEqualTo(Fixed.parse("102.51"));
        assertThat(stop.ocoPeerId).isEqualTo(tp.clientOrderId);
        assertThat(stop.reduceOnly && tp.reduceOnly).isTrue();
        assertThat(engine.positionQuantity(0)).isEqualTo(Fixed.parse("9.99"));

        engine.onBar(bar(1, "101"));
        // equity = cash + 9.99 * 101; cash = 10,000 - 1003.995 - 1.003995
        assertThat(engine.equity()).isEqualTo(Fixed.parse("10003.991005"));

        venue.fill(tp, "102.51", T0 + 120_000);
        assertThat(engine.positionQuantity(0)).isZero();
        assertThat(venue.canceled).contains(stop.clientOrderId);
        TradeRecord t = trades.get(0);
        assertThat(t.exitReason()).isEqualTo(ReasonCode.EXIT_TAKE_PROFIT);
        assertThat(t.entryReason()).isEqualTo(ReasonCode.ENTRY_LIQ_LONG);
        // gross (102.51 - 100.5) * 9.99 = 20.0799; fees 1.003995 + 1.0240749 = 2.0280699
        assertThat(t.fees()).isEqualTo(Fixed.parse("2.0280699"));
        assertThat(t.pnl()).isEqualTo(Fixed.parse("18.0518301"));
        assertThat(engine.cash()).isEqualTo(Fixed.of(10_000) + t.pnl());
        assertThat(engine.ledger().get(ReasonCode.EXIT_TAKE_PROFIT)).isEqualTo(1);
        assertThat(t.confidence()).isEqualTo(0.8);
    }

    @Test
    void aVenueWithOrderListsGetsTheBracketAsOneOcoBothLegsJournaledFirst() {
        List<String> calls = new ArrayList<>();
        FakeVenue lists = new FakeVenue() {
            @Override
            public boolean placesOrderLists() {
                return true;
            }

            @Override
            public void submitOco(Order stop, Order takeProfit) {
                calls.add("oco " + stop.clientOrderId + " " + takeProfit.clientOrderId);
                submitted.add(stop);
                submitted.add(takeProfit);
            }

            @Override
            public void submit(Order order) {
                calls.add("single " + order.clientOrderId);
                super.submit(order);
            }
        };
        ScriptedStrategy s = new ScriptedStrategy().exits(0.01, 0.02);
        TradingEngine e = new TradingEngine(new EngineConfig(Fixed.of(10_000), 0.10, Fixed.parse("0.001")),
                List.of(INST), List.of(s), lists, new EngineListener() {
                }, "run2");
        lists.engine = e;
        s.next = Action.ENTER_LONG;
        e.onBar(bar(0, "100"));
        lists.fill(lists.last(), "100.5", T0 + 60_000);
        assertThat(calls).containsExactly("single run2-1", "oco run2-2 run2-3");
        Order stop = lists.submitted.get(1);
        Order tp = lists.submitted.get(2);
        assertThat(e.workingOrderIds()).as("both legs followed as working").contains(stop.clientOrderId,
                tp.clientOrderId);
        // the target fills: the survivor is canceled by the engine as with single orders
        lists.fill(tp, "102.51", T0 + 120_000);
        assertThat(e.positionQuantity(0)).isZero();
        assertThat(lists.canceled).containsExactly(stop.clientOrderId);
    }

    @Test
    void onASpotMarketAShortEntryIsDeniedAndALongsExitStillSells() {
        EngineConfig spot = new EngineConfig(Fixed.of(10_000), 0.10, Fixed.parse("0.001"),
                dev.hft.engine.sanitizer.SanitizerConfig.DEFAULT,
                dev.hft.engine.risk.RiskLimits.DEFAULT.withShortSelling(false));
        FakeVenue v = new FakeVenue();
        ScriptedStrategy s = new ScriptedStrategy();
        s.reason = ReasonCode.ENTRY_LIQ_SHORT;
        TradingEngine e = new TradingEngine(spot, List.of(INST), List.of(s), v, new EngineListener() { }, "spot1");
        v.engine = e;
        s.next = Action.ENTER_SHORT;
        e.onBar(bar(0, "100"));
        assertThat(v.submitted).as("nothing to sell: the session holds no asset").isEmpty();
        assertThat(e.ledger().get(ReasonCode.RISK_NO_SHORT_SELLING)).isOne();
        s.next = Action.ENTER_LONG;
        s.reason = ReasonCode.ENTRY_LIQ_LONG;
        e.onBar(bar(1, "100"));
        v.fill(v.submitted.get(0), "100", T0 + 120_000);
        s.next = Action.EXIT;
        s.reason = ReasonCode.EXIT_SIGNAL;
        e.onBar(bar(2, "101"));
        assertThat(v.last().side).as("a sell that reduces the session's own long leaves").isEqualTo(Side.SELL);
        assertThat(v.last().reduceOnly).isTrue();
    }

    @Test
    void aCommissionPaidInTheBaseAssetShrinksThePositionAndItsExitsAndLeavesNoDust() {
        strategy.next = Action.ENTER_LONG;
        strategy.exits(0.01, 0);
        engine.onBar(bar(0, "100"));
        Order entry = venue.last();
        assertThat(entry.quantity).isEqualTo(Fixed.parse("9.99"));
        // the venue took 0.1% of the coins bought as its commission: the account holds 9.98001
        engine.onOrderFilled(entry, new Fill(entry.clientOrderId, 0, Side.BUY, Fixed.of(100), entry.quantity,
                Fixed.parse("0.999"), T0 + 60_000, entry.reason, Fixed.parse("0.00999")));
        assertThat(engine.positionQuantity(0)).isEqualTo(Fixed.parse("9.98001"));
        assertThat(engine.cash()).as("the cash paid the notional only").isEqualTo(Fixed.of(10_000)
                - Fixed.parse("999"));
        Order stop = venue.last();
        assertThat(stop.quantity).as("the stop sells what can be sold: floored to the step")
                .isEqualTo(Fixed.parse("9.98"));
        strategy.next = Action.EXIT;
        strategy.reason = ReasonCode.EXIT_SIGNAL;
        engine.onBar(bar(1, "101"));
        Order exit = venue.last();
        assertThat(exit.quantity).isEqualTo(Fixed.parse("9.98"));
        venue.fill(exit, "101", T0 + 120_000);
        assertThat(engine.positionQuantity(0)).as("0.00001 left is dust below one step: the trade is over")
                .isZero();
        TradeRecord t = trades.get(0);
        // gross (101 - 100) * 9.98 = 9.98; fees: the commission's value 0.999 and the exit's 1.00798
        assertThat(t.fees()).isEqualTo(Fixed.parse("2.00698"));
        assertThat(t.pnl()).isEqualTo(Fixed.parse("7.97302"));
    }

    @Test
    void shouldAccountAShortRoundTripExactly() {
        strategy.next = Action.ENTER_SHORT;
        strategy.reason = ReasonCode.ENTRY_LIQ_SHORT;
        strategy.exits(0.01, 0);
        engine.onBar(bar(0, "100"));
        Order entry = venue.last();
        assertThat(entry.side).isEqualTo(Side.SELL);
        venue.fill(entry, "100", T0 + 60_000);
        Order stop = venue.last();
        assertThat(stop.side).isEqualTo(Side.BUY);
        assertThat(stop.triggerPrice).isEqualTo(Fixed.of(101));
        assertThat(engine.positionQuantity(0)).isEqualTo(-Fixed.parse("9.99"));

        strategy.next = Action.EXIT;
        engine.onBar(bar(1, "98"));
        Order exit = venue.last();
        assertThat(exit.side).isEqualTo(Side.BUY);
        assertThat(exit.reduceOnly).isTrue();
        assertThat(exit.reason).isEqualTo(ReasonCode.EXIT_SIGNAL);
        assertThat(venue.canceled).containsExactly(stop.clientOrderId);
        venue.fill(exit, "98", T0 + 120_000);
        TradeRecord t = trades.get(0);
        assertThat(t.side()).isEqualTo(Side.SELL);
        // gross (100 - 98) * 9.99 = 19.98; fees 0.999 + 0.97902
        assertThat(t.pnl()).isEqualTo(Fixed.parse("18.00198"));
        assertThat(engine.equity()).isEqualTo(Fixed.of(10_000) + t.pnl());
    }

    @Test
    void shouldNotStackOrdersWhileOneIsPending() {
        strategy.next = Action.ENTER_LONG;
        engine.onBar(bar(0, "100"));
        strategy.next = Action.ENTER_LONG;
        engine.onBar(bar(1, "100"));
        assertThat(venue.submitted).hasSize(1);
    }

    @Test
    void shouldRejectLocallyBelowMinNotionalAndSendNothing() {
        TradingEngine small = new TradingEngine(new EngineConfig(Fixed.of(40), 0.10, 0), List.of(INST),
                List.of(strategy), venue, null, "r");
        strategy.next = Action.ENTER_LONG;
        small.onBar(bar(0, "100"));
        assertThat(venue.submitted).isEmpty();
        assertThat(small.ledger().get(ReasonCode.REJECT_MIN_NOTIONAL)).isEqualTo(1);
    }

    @Test
    void shouldClearPendingOnRejectAndCountTheReason() {
        strategy.next = Action.ENTER_LONG;
        engine.onBar(bar(0, "100"));
        engine.onOrderRejected(venue.last(), ReasonCode.REJECT_INSUFFICIENT_FUNDS);
        assertThat(engine.ledger().get(ReasonCode.REJECT_INSUFFICIENT_FUNDS)).isEqualTo(1);
        strategy.next = Action.ENTER_LONG;
        engine.onBar(bar(1, "100"));
        assertThat(venue.submitted).hasSize(2);
    }

    @Test
    void shouldFlattenOpenPositionsAtEndOfData() {
        strategy.next = Action.ENTER_LONG;
        engine.onBar(bar(0, "100"));
        venue.fill(venue.last(), "100", T0 + 60_000);
        engine.onBar(bar(1, "100"));
        engine.flattenAll(ReasonCode.EXIT_END_OF_DATA);
        Order exit = venue.last();
        assertThat(exit.reason).isEqualTo(ReasonCode.EXIT_END_OF_DATA);
        venue.fill(exit, "100", T0 + 120_000);
        assertThat(trades).singleElement().extracting(TradeRecord::exitReason).isEqualTo(ReasonCode.EXIT_END_OF_DATA);
        assertThat(engine.ledger().nonZero()).containsKeys(ReasonCode.ENTRY_LIQ_LONG, ReasonCode.EXIT_END_OF_DATA);
    }

    @Test
    void shouldAverageEntryPriceOverPartialFillsAndCloseOnceFlat() {
        strategy.next = Action.ENTER_LONG;
        engine.onBar(bar(0, "100"));
        Order o = venue.last();
        long half = Fixed.parse("4.995");
        engine.onOrderFilled(o, new Fill(o.clientOrderId, 0, Side.BUY, Fixed.of(100), half, 0, T0, o.reason));
        engine.onOrderFilled(o, new Fill(o.clientOrderId, 0, Side.BUY, Fixed.of(102), half, 0, T0, o.reason));
        assertThat(engine.positionQuantity(0)).isEqualTo(Fixed.parse("9.99"));
        Order exit = new Order("x", 0, Side.SELL, OrderType.MARKET, Fixed.parse("9.99"), 0, 0, true,
                ReasonCode.EXIT_SIGNAL, T0, 0);
        engine.onOrderFilled(exit, new Fill("x", 0, Side.SELL, Fixed.of(101), half, 0, T0, exit.reason));
        assertThat(trades).isEmpty();
        engine.onOrderFilled(exit, new Fill("x", 0, Side.SELL, Fixed.of(101), half, 0, T0, exit.reason));
        assertThat(trades.get(0).entryPrice()).isEqualTo(Fixed.of(101));
        assertThat(trades.get(0).pnl()).isZero();
    }

    @Test
    void pauseShouldRefuseEntriesButLetExitsAndStopsWorkUntilResumed() {
        strategy.next = Action.ENTER_LONG;
        strategy.exits(0.01, 0);
        engine.onBar(bar(0, "100"));
        venue.fill(venue.last(), "100", T0 + 60_000); // in a position with its stop resting
        Order stop = venue.last();
        engine.pause();
        assertThat(engine.paused()).isTrue();
        strategy.next = Action.EXIT;
        engine.onBar(bar(1, "101"));
        Order exit = venue.last();
        assertThat(exit.reduceOnly).as("an exit still goes out while paused").isTrue();
        assertThat(venue.canceled).contains(stop.clientOrderId);
        venue.fill(exit, "101", T0 + 120_000);
        assertThat(engine.positionQuantity(0)).isZero();
        int sent = venue.submitted.size();
        strategy.next = Action.ENTER_LONG;
        engine.onBar(bar(2, "102"));
        assertThat(venue.submitted).as("no entry while paused").hasSize(sent);
        assertThat(engine.ledger().get(ReasonCode.RISK_PAUSED)).isEqualTo(1);
        assertThat(engine.stateDigest()).contains(" paused");
        engine.resume();
        strategy.next = Action.ENTER_LONG; // the script is used up by each decision
        engine.onBar(bar(3, "103"));
        assertThat(venue.submitted).as("entries again after resume; %s", engine.ledger().nonZero()).hasSize(sent + 1);
        assertThat(engine.stateDigest()).doesNotContain("paused");
    }

    @Test
    void anEntryFilledInPartsIsProtectedByOnePairForAllOfItFromTheAveragePrice() {
        strategy.next = Action.ENTER_LONG;
        strategy.exits(0.01, 0.02);
        engine.onBar(bar(0, "100"));
        Order entry = venue.last();
        long half = Fixed.parse("4.995");
        engine.onOrderFilled(entry, new Fill(entry.clientOrderId, 0, Side.BUY, Fixed.of(100), half, 0, T0,
                entry.reason));
        Order firstStop = venue.submitted.get(1);
        assertThat(firstStop.quantity).isEqualTo(half);
        assertThat(firstStop.triggerPrice).isEqualTo(Fixed.of(99));
        engine.onOrderFilled(entry, new Fill(entry.clientOrderId, 0, Side.BUY, Fixed.of(102), half, 0, T0,
                entry.reason));
        assertThat(venue.canceled).as("the first pair covered half the position").contains(firstStop.clientOrderId,
                firstStop.ocoPeerId);
        assertThat(engine.workingOrders()).hasSize(2).allSatisfy(o -> {
            assertThat(o.quantity).isEqualTo(Fixed.parse("9.99"));
            assertThat(o.reduceOnly).isTrue();
        });
        assertThat(engine.workingOrders()).extracting(o -> o.type == OrderType.STOP_MARKET ? o.triggerPrice : o.price)
                .as("1% under and 2% over the average, 101")
                .containsExactly(Fixed.parse("99.99"), Fixed.parse("103.02"));
    }

    @Test
    void anExitTheVenueRefusesLeavesThePositionProtectedAgain() {
        strategy.next = Action.ENTER_LONG;
        strategy.exits(0.01, 0);
        engine.onBar(bar(0, "100"));
        venue.fill(venue.last(), "100", T0 + 60_000);
        Order stop = venue.last();
        strategy.next = Action.EXIT;
        engine.onBar(bar(1, "101"));
        Order exit = venue.last();
        assertThat(venue.canceled).contains(stop.clientOrderId);
        engine.onOrderRejected(exit, ReasonCode.REJECT_VENUE);
        assertThat(engine.workingOrders()).singleElement().satisfies(o -> {
            assertThat(o.type).isEqualTo(OrderType.STOP_MARKET);
            assertThat(o.triggerPrice).as("where it was").isEqualTo(stop.triggerPrice);
            assertThat(o.quantity).isEqualTo(stop.quantity);
        });
    }
}
