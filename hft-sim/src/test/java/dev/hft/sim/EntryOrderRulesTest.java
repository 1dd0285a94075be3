package dev.hft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.api.Action;
import dev.hft.api.Decision;
import dev.hft.api.PositionView;
import dev.hft.api.Strategy;
import dev.hft.core.Bar;
import dev.hft.core.Fill;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.EngineListener;
import dev.hft.engine.TradeRecord;
import dev.hft.engine.TradingEngine;
import dev.hft.engine.cost.FixedBpsSlippage;
import dev.hft.engine.cost.FlatFeeModel;
import dev.hft.engine.risk.RiskLimits;
import dev.hft.engine.sanitizer.SanitizerConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Limit and stop entries a strategy chooses, on hand-made bars with every expected price worked out here. Setup:
 * capital 10,000, 10% per entry, fee 10 bps, slippage 2 bps, tick 0.01, step 0.001; each entry carries a 1% stop
 * and a 2% take-profit from its fill price. A buy limit at 99 is sized 10,000 x 10% / 1.001 / 99 = 10.0909 -> 10.090;
 * filled at 99 its stop is 98.01 (filled at 98.01 - 2 bps = 97.990398 -> 97.99) and its take-profit 100.98.
 */
class EntryOrderRulesTest {
    private static final Instrument INST = new Instrument("TEST", "T", "USDT", Fixed.parse("0.01"),
            Fixed.parse("0.001"), Fixed.parse("0.001"), Fixed.parse("5"));
    private static final long T0 = 1_704_067_200_000L;

    /** Does on bar k what {@code plan} says (nothing otherwise); records whether an order was pending. */
    static final class Plan implements Strategy {
        final Map<Integer, BiConsumer<PositionView, Decision>> steps = new HashMap<>();
        final List<Boolean> pending = new ArrayList<>();
        int bar;

        Plan on(int k, BiConsumer<PositionView, Decision> step) {
            steps.put(k, step);
            return this;
        }

        @Override
        public String name() {
            return "plan";
        }

        @Override
        public int warmupBars() {
            return 0;
        }

        @Override
        public void onBar(Bar b, PositionView position, Decision out) {
            pending.add(position.orderPending());
            BiConsumer<PositionView, Decision> step = steps.get(bar++);
            if (step != null) {
                step.accept(position, out);
            } else {
                out.skip(ReasonCode.SKIP_NO_SIGNAL);
            }
        }
    }

    private final List<Fill> fills = new ArrayList<>();
    private final List<Order> orders = new ArrayList<>();
    private final List<TradeRecord> trades = new ArrayList<>();
    private TradingEngine engine;
    private SimulatedExchange exchange;
    private int barIndex;

    private void setUp(Plan plan, LimitFill rule) {
        setUp(plan, rule, RiskLimits.DEFAULT);
    }

    private void setUp(Plan plan, LimitFill rule, RiskLimits limits) {
        exchange = new SimulatedExchange(List.of(INST), FlatFeeModel.ofBps(10), new FixedBpsSlippage(2),
                FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST, rule);
        engine = new TradingEngine(new EngineConfig(Fixed.of(10_000), 0.10, Fixed.parse("0.001"),
                SanitizerConfig.DEFAULT, limits), List.of(INST), List.of(plan), exchange, new EngineListener() {
                    @Override
                    public void onOrderSubmitted(Order o) {
                        orders.add(o);
                    }

                    @Override
                    public void onFill(Order order, Fill fill) {
                        fills.add(fill);
                    }

                    @Override
                    public void onTradeClosed(TradeRecord trade) {
                        trades.add(trade);
                    }
                }, "e");
        exchange.setListener(engine);
    }

    private void feed(String... ohlc) {
        for (String bar : ohlc) {
            String[] p = bar.split(" ");
            long open = T0 + barIndex++ * 60_000L;
            engine.onBar(new Bar().set(0, open, open + 59_999, px(p[0]), px(p[1]), px(p[2]), px(p[3]), Fixed.of(100)));
        }
    }

    private static long px(String s) {
        return Fixed.parse(s);
    }

    private static long closeOf(int bar) {
        return T0 + bar * 60_000L + 59_999;
    }

    private static Plan buyLimit(String price, int expiry) {
        return new Plan().on(0, (pos, d) -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.01, 0.02)
                .limit(Double.parseDouble(price), expiry));
    }

    @Test
    void aBuyLimitFillsWhenABarTradesThroughItNotWhenItOnlyTouches() {
        setUp(buyLimit("99", 0), LimitFill.THROUGH);
        feed("100 100.5 99.5 100", "100 100.5 99 99.8"); // bar 1 touches 99: a touch is no fill
        assertThat(fills).isEmpty();
        assertThat(orders).singleElement().satisfies(o -> {
            assertThat(o.type).isEqualTo(OrderType.LIMIT);
            assertThat(o.price).isEqualTo(px("99"));
            assertThat(o.quantity).as("sized at the limit price").isEqualTo(px("10.09"));
        });
        feed("99.5 99.9 98.9 99.2"); // through: fills at the limit, inside the bar, as a maker
        assertThat(fills).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualTo(px("99"));
            assertThat(f.timeMs()).isEqualTo(closeOf(2));
            assertThat(f.fee()).isEqualTo(Fixed.mul(Fixed.mul(px("99"), px("10.09")), px("0.001")));
        });
        feed("99.2 101 99.1 100.9"); // through the take-profit at 100.98
        assertThat(trades).singleElement().satisfies(t -> {
            assertThat(t.exitReason()).isEqualTo(ReasonCode.EXIT_TAKE_PROFIT);
            assertThat(t.entryPrice()).isEqualTo(px("99"));
            assertThat(t.exitPrice()).isEqualTo(px("100.98"));
        });
    }

    @Test
    void underTheTouchRuleATouchFills() {
        setUp(buyLimit("99", 0), LimitFill.TOUCH);
        feed("100 100.5 99.5 100", "100 100.5 99 99.8");
        assertThat(fills).singleElement().satisfies(f -> assertThat(f.timeMs()).isEqualTo(closeOf(1)));
    }

    @Test
    void aBarThatReachesTheStopAfterAnIntrabarEntryIsTakenToHaveStoppedIt() {
        setUp(buyLimit("99", 0), LimitFill.THROUGH);
        feed("100 100.5 99.5 100", "99.5 99.8 97.5 98"); // through 99, and down to 97.5, below the stop at 98.01
        assertThat(trades).singleElement().satisfies(t -> {
            assertThat(t.exitReason()).as("pessimistic: the low came after the fill").isEqualTo(
                    ReasonCode.EXIT_STOP_LOSS);
            assertThat(t.exitPrice()).isEqualTo(px("97.99"));
            assertThat(t.exitTimeMs()).isEqualTo(closeOf(1));
        });
    }

    @Test
    void aBarThatOpensBelowABuyLimitFillsItAtTheBetterOpen() {
        setUp(buyLimit("99", 0), LimitFill.THROUGH);
        feed("100 100.5 99.5 100", "98.5 99.5 98.4 99.2");
        assertThat(fills).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualTo(px("98.5"));
            assertThat(f.timeMs()).isEqualTo(T0 + 60_000);
        });
        assertThat(trades).as("stop at 97.52 not reached by the low 98.4").isEmpty();
    }

    @Test
    void anEntryThatWaitedItsBarsIsCanceledBeforeTheStrategyDecidesAgain() {
        Plan plan = buyLimit("95", 2);
        setUp(plan, LimitFill.THROUGH);
        feed("100 100.5 99.5 100", "100 100.5 99 99.8", "99.8 100 99 99.5", "99.5 99.8 94 95");
        assertThat(fills).as("canceled before the bar that reached 94").isEmpty();
        assertThat(plan.pending).containsExactly(false, true, false, false);
        assertThat(engine.ledger().get(ReasonCode.SKIP_ENTRY_EXPIRED)).isEqualTo(1);
        assertThat(exchange.workingOrders()).isZero();
    }

    @Test
    void theStrategyCancelsItsRestingEntry() {
        Plan plan = buyLimit("95", 0).on(2, (pos, d) -> d.cancelEntry());
        setUp(plan, LimitFill.THROUGH);
        feed("100 100.5 99.5 100", "100 100.5 99 99.8", "99.8 100 99 99.5", "99.5 99.8 94 95");
        assertThat(fills).isEmpty();
        assertThat(engine.ledger().get(ReasonCode.SKIP_ENTRY_CANCELED)).isEqualTo(1);
        assertThat(exchange.workingOrders()).isZero();
        assertThat(plan.pending).containsExactly(false, true, true, false);
    }

    @Test
    void aBuyStopEntryTriggersOnABreakoutAndFillsAtTheTriggerWithSlippage() {
        Plan plan = new Plan().on(0, (pos, d) -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.01, 0)
                .stop(101, 0));
        setUp(plan, LimitFill.THROUGH);
        feed("100 100.5 99.5 100", "100.2 100.8 100 100.5");
        assertThat(fills).isEmpty();
        feed("100.6 101.5 100.4 101.2"); // 101 + 2 bps = 101.0202 -> 101.03
        assertThat(fills).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualTo(px("101.03"));
            assertThat(f.timeMs()).isEqualTo(closeOf(2));
        });
        assertThat(orders.get(0).type).isEqualTo(OrderType.STOP_MARKET);
        assertThat(orders.get(0).triggerPrice).isEqualTo(px("101"));
    }

    @Test
    void aSellStopEntryGappedThroughFillsAtTheOpen() {
        Plan plan = new Plan().on(0, (pos, d) -> d.enter(Action.ENTER_SHORT, ReasonCode.ENTRY_LIQ_SHORT, 1, 0.05, 0)
                .stop(99, 0));
        setUp(plan, LimitFill.THROUGH);
        feed("100 100.5 99.5 100", "98 98.5 97.8 98.2"); // opens below 99: at the open less 2 bps, 97.9804 -> 97.98
        assertThat(fills).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualTo(px("97.98"));
            assertThat(f.timeMs()).isEqualTo(T0 + 60_000);
        });
    }

    private static Plan buyLimitWith(String price, java.util.function.UnaryOperator<Decision> tif) {
        return new Plan().on(0, (pos, d) -> tif.apply(d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.01,
                0).limit(Double.parseDouble(price), 0)));
    }

    @Test
    void anIocLimitTradesAtTheNextOpenWhenItIsAtTheLimitOrBetterElseItIsCanceled() {
        setUp(buyLimitWith("100.2", Decision::ioc), LimitFill.THROUGH);
        feed("100 100.5 99.5 100", "100.1 100.6 99.9 100.3");
        assertThat(fills).singleElement().satisfies(f -> {
            assertThat(f.price()).as("at the open, which is under the limit").isEqualTo(px("100.1"));
            assertThat(f.timeMs()).isEqualTo(T0 + 60_000);
        });

        fills.clear();
        orders.clear();
        barIndex = 0;
        Plan plan = buyLimitWith("99.5", Decision::fok);
        setUp(plan, LimitFill.THROUGH);
        feed("100 100.5 99.5 100", "100 100.5 99 99.8", "99.8 100 98 99"); // opens above 99.5: killed, no rest
        assertThat(fills).as("not left resting: the later bars through 99.5 fill nothing").isEmpty();
        assertThat(exchange.workingOrders()).isZero();
        assertThat(plan.pending).containsExactly(false, false, false);
    }

    @Test
    void aPostOnlyLimitThatWouldTakeIsRejectedAndOneThatRestsFillsAsAMaker() {
        setUp(buyLimitWith("100.5", Decision::postOnly), LimitFill.THROUGH);
        feed("100 100.5 99.5 100", "100.1 100.6 99.9 100.3"); // the open 100.1 is under a buy at 100.5: it would take
        assertThat(fills).isEmpty();
        assertThat(engine.ledger().get(ReasonCode.REJECT_POST_ONLY)).isEqualTo(1);

        barIndex = 0;
        setUp(buyLimitWith("99", Decision::postOnly), LimitFill.THROUGH);
        feed("100 100.5 99.5 100", "100 100.4 98.9 99.5"); // rests at the open, then the bar trades through 99
        assertThat(fills).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualTo(px("99"));
            assertThat(f.timeMs()).isEqualTo(closeOf(1));
        });
        assertThat(orders.get(0).timeInForce).isEqualTo(dev.hft.core.TimeInForce.GTX);
    }

    @Test
    void aTrailingStopFollowsEachBarsHighAfterTheBarAndStopsTheLongOnTheWayBack() {
        Plan plan = new Plan().on(0, (pos, d) -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.02, 0)
                .trailStop());
        setUp(plan, LimitFill.THROUGH);
        // entry at the open plus 2 bps: 100.02; first stop 2% under it: 98.02
        feed("100 100.5 99.5 100", "100 101 99.5 100.8"); // after the bar: 101 x 0.98 = 98.98
        feed("100.8 104 100.5 103.5"); // after the bar: 104 x 0.98 = 101.92
        assertThat(trades).isEmpty();
        feed("103.5 103.8 101.5 102"); // the low reaches 101.92: 101.92 less 2 bps = 101.899616 -> 101.89
        assertThat(trades).singleElement().satisfies(t -> {
            assertThat(t.entryPrice()).isEqualTo(px("100.02"));
            assertThat(t.exitReason()).isEqualTo(ReasonCode.EXIT_STOP_LOSS);
            assertThat(t.exitPrice()).isEqualTo(px("101.89"));
            assertThat(t.exitTimeMs()).isEqualTo(closeOf(3));
        });
        assertThat(orders.get(1).trailBps).isEqualTo(200);
        assertThat(orders.get(1).triggerPrice).as("the order keeps its first level").isEqualTo(px("98.02"));
    }

    @Test
    void aBarsOwnHighCannotRaiseTheStopThatItsLowThenHits() {
        Plan plan = new Plan().on(0, (pos, d) -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.02, 0)
                .trailStop());
        setUp(plan, LimitFill.THROUGH);
        feed("100 100.5 99.5 100", "100 101 99.5 100.8", "100.8 106 98.9 105"); // stop at 98.98, not 103.88
        assertThat(trades).singleElement().satisfies(t ->
                assertThat(t.exitPrice()).as("98.98 less 2 bps").isEqualTo(px("98.96")));
    }

    @Test
    void aShortsTrailingStopFollowsTheLows() {
        Plan plan = new Plan().on(0, (pos, d) -> d.enter(Action.ENTER_SHORT, ReasonCode.ENTRY_LIQ_SHORT, 1, 0.02, 0)
                .trailStop());
        setUp(plan, LimitFill.THROUGH);
        // entry 100 less 2 bps = 99.98, first stop 101.98; after bar 1: 99 x 1.02 = 100.98
        feed("100 100.5 99.5 100", "100 100.5 99 99.2", "99.2 101 98.5 100.9");
        assertThat(trades).singleElement().satisfies(t -> {
            assertThat(t.exitReason()).isEqualTo(ReasonCode.EXIT_STOP_LOSS);
            assertThat(t.exitPrice()).as("100.98 plus 2 bps = 101.000196 -> 101.01").isEqualTo(px("101.01"));
        });
    }

    private static Plan buyStopLimit() {
        return new Plan().on(0, (pos, d) -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.01, 0)
                .stopLimit(101, 101.5, 0));
    }

    @Test
    void aStopLimitTriggeredWithinItsLimitFillsAtTheTriggerOrAtABetterOpen() {
        setUp(buyStopLimit(), LimitFill.THROUGH);
        feed("100 100.5 99.5 100", "100.2 100.8 100 100.5"); // not reached
        assertThat(fills).isEmpty();
        assertThat(orders.get(0).type).isEqualTo(OrderType.STOP_LIMIT);
        assertThat(orders.get(0).quantity).as("sized at its limit: 1,000 / 1.001 / 101.5").isEqualTo(px("9.842"));
        feed("100.6 101.4 100.4 101.2"); // reaches 101 inside the bar: at the trigger, no slippage (a limit)
        assertThat(fills).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualTo(px("101"));
            assertThat(f.timeMs()).isEqualTo(closeOf(2));
        });

        fills.clear();
        orders.clear();
        barIndex = 0;
        setUp(buyStopLimit(), LimitFill.THROUGH);
        feed("100 100.5 99.5 100", "101.2 101.6 101 101.3"); // opens beyond the trigger, within the limit
        assertThat(fills).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualTo(px("101.2"));
            assertThat(f.timeMs()).isEqualTo(T0 + 60_000);
        });
    }

    @Test
    void aStopLimitGappedBeyondItsLimitRestsAsALimitAndFillsWhenTradedThrough() {
        setUp(buyStopLimit(), LimitFill.THROUGH);
        feed("100 100.5 99.5 100", "102 102.5 101.8 102.2"); // triggered, but 102 is beyond the 101.5 limit
        assertThat(fills).isEmpty();
        feed("102.2 102.4 101.6 101.9"); // the low stays above 101.5
        assertThat(fills).isEmpty();
        feed("101.9 102 101.2 101.4"); // through 101.5: the limit fills, as a maker
        assertThat(fills).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualTo(px("101.5"));
            assertThat(f.timeMs()).isEqualTo(closeOf(3));
            assertThat(f.fee()).isEqualTo(Fixed.mul(Fixed.mul(px("101.5"), px("9.842")), px("0.001")));
        });
    }

    /** The protective orders working now, by type. */
    private Order working(OrderType type) {
        return engine.workingOrders().stream().filter(o -> o.type == type && o.reduceOnly).findFirst().orElse(null);
    }

    private static Plan marketLong() {
        return new Plan().on(0, (pos, d) -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.01, 0.02));
    }

    @Test
    void aScaleInAddsToThePositionAndPlacesOnePairForAllOfItFromTheAveragePrice() {
        Plan plan = marketLong()
                .on(1, (pos, d) -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.01, 0.02))
                .on(2, (pos, d) -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.01, 0.02));
        setUp(plan, LimitFill.THROUGH, RiskLimits.DEFAULT.withMaxEntries(2));
        // bar 1 opens at 100: the entry fills at 100.02 (2 bps), 10,000 x 10% / 1.001 / 100 = 9.990; stop 99.02, TP
        // 102.02. Equity at its close (101) is 10,008.7910002, so the addition is 1,000.879 / 1.001 / 101 = 9.899
        feed("100 100 100 100", "100 101 99.5 101");
        assertThat(working(OrderType.STOP_MARKET).triggerPrice).isEqualTo(px("99.02"));
        // bar 2 opens at 101: the addition fills at 101.0202 -> 101.03; the average is
        // (9.99 x 100.02 + 9.899 x 101.03) / 19.889 = 100.52027..., so the stop is 99.52 and the take-profit 102.53
        feed("101 101.2 100.8 101");
        assertThat(fills).extracting(Fill::price).containsExactly(px("100.02"), px("101.03"));
        assertThat(engine.positionQuantity(0)).isEqualTo(px("19.889"));
        assertThat(engine.workingOrders()).as("the first pair is gone, one pair covers the position").hasSize(2);
        assertThat(working(OrderType.STOP_MARKET)).satisfies(o -> {
            assertThat(o.quantity).isEqualTo(px("19.889"));
            assertThat(o.triggerPrice).isEqualTo(px("99.52"));
        });
        assertThat(working(OrderType.LIMIT)).satisfies(o -> {
            assertThat(o.quantity).isEqualTo(px("19.889"));
            assertThat(o.price).isEqualTo(px("102.53"));
        });
        assertThat(engine.ledger().get(ReasonCode.SKIP_IN_POSITION)).as("a third entry is past maxEntries = 2")
                .isEqualTo(1);
        feed("101 101 99.4 99.6"); // through the stop at 99.52: 99.500096 -> 99.50
        assertThat(trades).singleElement().satisfies(t -> {
            assertThat(t.quantity()).isEqualTo(px("19.889"));
            assertThat(t.exitPrice()).isEqualTo(px("99.5"));
            assertThat(t.exitReason()).isEqualTo(ReasonCode.EXIT_STOP_LOSS);
        });
        assertThat(engine.workingOrders()).isEmpty();
    }

    @Test
    void withoutScaleInASecondEntryIsSkipped() {
        setUp(marketLong().on(1, (pos, d) -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.01, 0.02)),
                LimitFill.THROUGH);
        feed("100 100 100 100", "100 101 99.5 101", "101 101.2 100.8 101");
        assertThat(fills).hasSize(1);
        assertThat(engine.ledger().get(ReasonCode.SKIP_IN_POSITION)).isEqualTo(1);
    }

    @Test
    void aPartialExitSellsItsShareAndPutsThePairBackAtItsLevelsForTheRest() {
        Plan plan = marketLong().on(1, (pos, d) -> d.exitPart(0.5, ReasonCode.EXIT_SIGNAL));
        setUp(plan, LimitFill.THROUGH);
        feed("100 100 100 100", "100 101 99.5 101"); // 9.990 at 100.02; stop 99.02, take-profit 102.02
        feed("101 101.2 100.8 101"); // half, 4.995, sold at the open: 101 - 2 bps = 100.9798 -> 100.97
        assertThat(fills).extracting(Fill::quantity).containsExactly(px("9.99"), px("4.995"));
        assertThat(fills.get(1).price()).isEqualTo(px("100.97"));
        assertThat(trades).as("the round trip goes on").isEmpty();
        assertThat(engine.positionQuantity(0)).isEqualTo(px("4.995"));
        assertThat(working(OrderType.STOP_MARKET)).satisfies(o -> {
            assertThat(o.quantity).isEqualTo(px("4.995"));
            assertThat(o.triggerPrice).as("where it was").isEqualTo(px("99.02"));
        });
        assertThat(working(OrderType.LIMIT).price).isEqualTo(px("102.02"));
        feed("101 102.5 100.5 102.4"); // through the take-profit: the rest at 102.02
        assertThat(trades).singleElement().satisfies(t -> {
            assertThat(t.quantity()).isEqualTo(px("9.99"));
            assertThat(t.exitPrice()).as("(4.995 x 100.97 + 4.995 x 102.02) / 9.99").isEqualTo(px("101.495"));
            assertThat(t.exitReason()).isEqualTo(ReasonCode.EXIT_TAKE_PROFIT);
        });
        assertThat(engine.ledger().get(ReasonCode.EXIT_SIGNAL)).as("the partial exit is counted").isEqualTo(1);
    }

    @Test
    void aPartialExitThatWouldLeaveLessThanTheMinimumNotionalClosesEverything() {
        setUp(marketLong().on(1, (pos, d) -> d.exitPart(0.9995, ReasonCode.EXIT_SIGNAL)), LimitFill.THROUGH);
        // 9.990 x 0.9995 = 9.985005 -> 9.985 would leave 0.005 (about 0.5 USDT, under the minimum of 5)
        feed("100 100 100 100", "100 101 99.5 101", "101 101.2 100.8 101");
        assertThat(fills.get(1).quantity()).isEqualTo(px("9.99"));
        assertThat(trades).hasSize(1);
        assertThat(engine.workingOrders()).isEmpty();
    }

    @Test
    void aPartialExitKeepsTheGroundATrailingStopGained() {
        Plan plan = new Plan()
                .on(0, (pos, d) -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.01, 0).trailStop())
                .on(2, (pos, d) -> d.exitPart(0.5, ReasonCode.EXIT_SIGNAL));
        setUp(plan, LimitFill.THROUGH);
        // filled at 100.02 (stop 99.02); bar 2 reaches 104, so the trail stands at 104 x 0.99 = 102.96
        feed("100 100 100 100", "100 101 99.5 101", "101 104 101 103.5");
        feed("103.5 103.6 103.2 103.4"); // the partial exit fills at the open; the new stop starts where the old was
        assertThat(engine.positionQuantity(0)).isEqualTo(px("4.995"));
        assertThat(working(OrderType.STOP_MARKET)).satisfies(o -> {
            assertThat(o.triggerPrice).isEqualTo(px("102.96"));
            assertThat(o.trailBps).isEqualTo(100);
        });
    }

    @Test
    void aReplacedLimitIsCanceledAndItsReplacementFillsAtTheNewPrice() {
        Plan plan = buyLimit("99", 0).on(1, (pos, d) -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.01,
                0.02).limit(99.5, 0).replacing());
        setUp(plan, LimitFill.THROUGH);
        feed("100 100 100 100", "100 100.5 99.5 100"); // 99 not reached; moved up to 99.5 (touched only, no fill)
        assertThat(orders).extracting(o -> o.price).containsExactly(px("99"), px("99.5"));
        assertThat(engine.workingOrders()).singleElement().satisfies(o -> {
            assertThat(o.price).isEqualTo(px("99.5"));
            assertThat(o.quantity).as("1,000 / 1.001 / 99.5 = 10.0400 -> 10.04").isEqualTo(px("10.04"));
        });
        feed("100 100 99.4 99.6"); // through 99.5
        assertThat(fills).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualTo(px("99.5"));
            assertThat(f.quantity()).isEqualTo(px("10.04"));
        });
        assertThat(engine.positionQuantity(0)).isEqualTo(px("10.04"));
    }

    @Test
    void aTrailingStopByAPriceDistanceBecomesTheFractionOfTheEntrysPriceAndOneBeyondTheVenuesRangeIsRefused() {
        // 1.00 USDT at a close of 100 is 1%: the stop 1% under the 100.02 fill (99.02), trailing by 100 bps
        setUp(new Plan().on(0, (pos, d) -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0, 0)
                .trailStopBy(1.0)), LimitFill.THROUGH);
        feed("100 100 100 100", "100 101 99.5 101");
        assertThat(working(OrderType.STOP_MARKET)).satisfies(o -> {
            assertThat(o.triggerPrice).isEqualTo(px("99.02"));
            assertThat(o.trailBps).isEqualTo(100);
        });
        fills.clear();
        setUp(new Plan().on(0, (pos, d) -> d.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0, 0)
                .trailStopBy(20)), LimitFill.THROUGH);
        barIndex = 0;
        feed("100 100 100 100", "100 101 99.5 101");
        assertThat(fills).as("20 USDT is 20%: no venue trails that far").isEmpty();
        assertThat(engine.ledger().get(ReasonCode.REJECT_TRAIL_DISTANCE)).isEqualTo(1);
    }
}
