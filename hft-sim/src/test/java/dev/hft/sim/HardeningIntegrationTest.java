package dev.hft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.EngineListener;
import dev.hft.engine.TradeRecord;
import dev.hft.engine.TradingEngine;
import dev.hft.engine.bus.EventBus;
import dev.hft.engine.cost.FlatFeeModel;
import dev.hft.engine.cost.SlippageModel;
import dev.hft.engine.risk.RiskLimits;
import dev.hft.engine.risk.TradingState;
import dev.hft.engine.sanitizer.SanitizerConfig;
import dev.hft.api.Action;
import dev.hft.engine.testkit.ScriptedStrategy;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The hardening layer end to end, engine plus simulated exchange: T6 gap freeze, T11 kill switch, T10 drawdown,
 * and T13 the risk guard's properties over random price paths and random decisions.
 */
class HardeningIntegrationTest {
    private static final Instrument INST = new Instrument("TEST", "T", "USDT", Fixed.parse("0.01"),
            Fixed.parse("0.001"), Fixed.parse("0.001"), Fixed.parse("5"));
    private static final long T0 = 1_704_067_200_000L;

    /** Records orders with the risk state they left in, and denials. */
    static final class Recorder implements EngineListener {
        TradingEngine engine;
        final List<Order> orders = new ArrayList<>();
        final List<TradingState> statesAtSend = new ArrayList<>();
        final List<ReasonCode> denials = new ArrayList<>();
        final List<TradeRecord> trades = new ArrayList<>();
        final List<String> violations = new ArrayList<>();
        double maxSymbolPct = Double.MAX_VALUE;
        double maxTotalPct = Double.MAX_VALUE;

        @Override
        public void onOrderSubmitted(Order o) {
            orders.add(o);
            TradingState s = engine.risk().state();
            statesAtSend.add(s);
            if (s == TradingState.HALTED && !(o.reduceOnly && o.type == OrderType.STOP_MARKET)) {
                violations.add("order in HALTED: " + o);
            }
            if (!o.reduceOnly) {
                double eq = Fixed.toDouble(engine.equity());
                double notional = Fixed.toDouble(Fixed.mul(o.quantity, o.decisionPrice));
                double symbol = Fixed.toDouble(engine.exposure(o.instrument)) + notional;
                double total = Fixed.toDouble(engine.totalExposure()) + notional;
                if (symbol > eq * maxSymbolPct / 100 + 1e-6 || total > eq * maxTotalPct / 100 + 1e-6) {
                    violations.add("exposure above limit: " + o + " symbol " + symbol + " total " + total
                            + " equity " + eq);
                }
            }
        }

        @Override
        public void onOrderDenied(int instrument, ReasonCode reason, long nowMs) {
            denials.add(reason);
        }

        @Override
        public void onTradeClosed(TradeRecord trade) {
            trades.add(trade);
        }
    }

    private Recorder rec = new Recorder();
    private final List<ScriptedStrategy> strategies = new ArrayList<>();
    private TradingEngine engine;
    private int[] minute = new int[4];

    private void setUp(int instruments, double fraction, RiskLimits limits) {
        // jqwik reuses the instance across tries: start from nothing each time
        rec = new Recorder();
        strategies.clear();
        minute = new int[4];
        List<Instrument> insts = new ArrayList<>();
        for (int i = 0; i < instruments; i++) {
            insts.add(INST);
            strategies.add(new ScriptedStrategy().exits(0.5, 0));
        }
        EngineConfig cfg = new EngineConfig(Fixed.of(10_000), fraction, 0, SanitizerConfig.DEFAULT, limits);
        SimulatedExchange ex = new SimulatedExchange(insts, new FlatFeeModel(0, 0), SlippageModel.NONE,
                FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST);
        EventBus bus = new EventBus();
        bus.subscribe(rec);
        engine = new TradingEngine(cfg, insts, new ArrayList<>(strategies), ex, TradingEngine.defaultCosts(cfg,
                instruments), bus, "it");
        ex.setListener(engine);
        rec.engine = engine;
    }

    /** One bar at the instrument's next minute (or {@code skip} minutes later: a gap), open = close = price. */
    private void bar(int instrument, String price, int skip) {
        minute[instrument] += skip;
        long t = T0 + minute[instrument]++ * 60_000L;
        long p = Fixed.parse(price);
        engine.onBar(new Bar().set(instrument, t, t + 59_999, p, p, p, p, Fixed.of(100)));
    }

    private void bar(String price) {
        bar(0, price, 0);
    }

    @Test
    void aLateBarThatReallyHappenedStillMeetsTheRestingStopButFeedsNoDecision() {
        setUp(1, 0.1, RiskLimits.DEFAULT);
        strategies.set(0, strategies.get(0).exits(0.02, 0));
        for (int m = 0; m < 4; m++) {
            bar("100");
        }
        strategies.get(0).next = Action.ENTER_LONG;
        bar("100");
        bar("100"); // entry fills at this open; its stop rests at 98
        assertThat(engine.positionQuantity(0)).isPositive();
        // the next bar arrives a second late (the limit is 100 ms) and trades down through the stop
        long t = T0 + minute[0]++ * 60_000L;
        Bar late = new Bar().set(0, t, t + 59_999, Fixed.parse("99"), Fixed.parse("99"), Fixed.parse("97"),
                Fixed.parse("97.5"), Fixed.of(100));
        late.receiveTimeMs = t + 59_999 + 1_000;
        strategies.get(0).next = Action.ENTER_LONG; // would be ignored: nothing may decide on a late bar
        engine.onBar(late);
        assertThat(engine.ledger().get(ReasonCode.SANITIZER_LATENCY)).isEqualTo(1);
        assertThat(engine.positionQuantity(0)).as("the stop fired on the bar the market really traded").isZero();
        assertThat(rec.trades).singleElement().extracting(TradeRecord::exitReason)
                .isEqualTo(ReasonCode.EXIT_STOP_LOSS);
        assertThat(rec.orders.stream().filter(o -> !o.reduceOnly).count()).as("no entry decided on it").isEqualTo(1);
    }

    @Test
    void gapShouldFreezeEntriesWhileExitsStillWorkAndCleanDataThaws() {
        setUp(1, 0.1, RiskLimits.DEFAULT);
        for (int m = 0; m < 4; m++) {
            bar("100");
        }
        strategies.get(0).next = Action.ENTER_LONG;
        bar("100");
        bar("100"); // entry fills at this open
        assertThat(engine.positionQuantity(0)).isPositive();
        strategies.get(0).next = Action.EXIT;
        bar(0, "100", 5); // a 5-minute gap: frozen, but the exit goes out
        assertThat(engine.sanitizer().isFrozen(0)).isTrue();
        assertThat(rec.orders.get(rec.orders.size() - 1).reason).isEqualTo(ReasonCode.EXIT_SIGNAL);
        int sent = rec.orders.size();
        strategies.get(0).next = Action.ENTER_LONG;
        bar("100"); // the exit fills; the new entry is refused
        assertThat(engine.positionQuantity(0)).isZero();
        assertThat(rec.trades).singleElement().extracting(TradeRecord::exitReason).isEqualTo(ReasonCode.EXIT_SIGNAL);
        assertThat(rec.denials).containsExactly(ReasonCode.RISK_INSTRUMENT_FROZEN);
        assertThat(rec.orders).hasSize(sent);
        for (int m = 0; m < 4; m++) {
            bar("100");
        }
        assertThat(engine.sanitizer().isFrozen(0)).as("5 clean bars after the gap").isFalse();
        strategies.get(0).next = Action.ENTER_LONG;
        bar("100");
        assertThat(rec.orders).hasSize(sent + 1);
        assertThat(rec.orders.get(sent).reason).isEqualTo(ReasonCode.ENTRY_LIQ_LONG);
    }

    @Test
    void killSwitchShouldFlattenHaltAndHoldUntilReleased() {
        setUp(1, 0.1, RiskLimits.DEFAULT);
        strategies.get(0).next = Action.ENTER_LONG;
        bar("100");
        bar("100");
        assertThat(engine.positionQuantity(0)).isPositive();
        engine.killSwitch();
        assertThat(engine.risk().state()).as("flattening first").isEqualTo(TradingState.REDUCING);
        Order flatten = rec.orders.get(rec.orders.size() - 1);
        assertThat(flatten.reason).isEqualTo(ReasonCode.EXIT_KILL_SWITCH);
        assertThat(flatten.reduceOnly).isTrue();
        strategies.get(0).next = Action.ENTER_LONG;
        bar("101"); // flatten fills, then HALTED; the entry is refused
        assertThat(engine.positionQuantity(0)).isZero();
        assertThat(engine.risk().state()).isEqualTo(TradingState.HALTED);
        assertThat(rec.denials).containsExactly(ReasonCode.RISK_KILL_SWITCH);
        int sent = rec.orders.size();
        for (int m = 0; m < 3; m++) {
            strategies.get(0).next = Action.ENTER_LONG;
            bar("101");
        }
        assertThat(rec.orders).as("no order while the kill switch is on").hasSize(sent);
        engine.release();
        strategies.get(0).next = Action.ENTER_LONG;
        bar("101");
        assertThat(rec.orders).hasSize(sent + 1);
    }

    @Test
    void killSwitchShouldCancelAnEntryStillOnItsWay() {
        setUp(1, 0.1, RiskLimits.DEFAULT);
        strategies.get(0).next = Action.ENTER_LONG;
        bar("100"); // entry sent, fills only at the next open
        engine.killSwitch();
        assertThat(engine.risk().state()).isEqualTo(TradingState.HALTED);
        bar("100");
        assertThat(engine.positionQuantity(0)).as("the waiting entry was cancelled").isZero();
        assertThat(rec.violations).isEmpty();
    }

    @Test
    void drawdownShouldMoveActiveToReducingToHalted() {
        RiskLimits l = new RiskLimits(50, 0, 10, 15, true, 150, 150, 5, 10, 0, 0, 0, 0);
        setUp(1, 1.0, l);
        strategies.get(0).next = Action.ENTER_LONG;
        bar("100");
        bar("100"); // 100 units at 100: the whole account
        bar("95");
        assertThat(engine.risk().state()).isEqualTo(TradingState.ACTIVE);
        bar("89.5"); // equity 8,950: 10.5% below the peak
        assertThat(engine.risk().state()).isEqualTo(TradingState.REDUCING);
        assertThat(engine.risk().stateReason()).isEqualTo(ReasonCode.RISK_DRAWDOWN);
        bar("84.9"); // 15.1%: halt, flatten first
        Order flatten = rec.orders.get(rec.orders.size() - 1);
        assertThat(flatten.reason).isEqualTo(ReasonCode.EXIT_RISK_HALT);
        strategies.get(0).next = Action.ENTER_LONG;
        bar("85");
        assertThat(engine.positionQuantity(0)).isZero();
        assertThat(engine.risk().state()).isEqualTo(TradingState.HALTED);
        assertThat(rec.denials).contains(ReasonCode.RISK_HALTED);
        assertThat(rec.statesAtSend).doesNotContain(TradingState.HALTED);
    }

    @Test
    void everyPositionShouldGetAProtectiveStopEvenWhenTheStrategySetsNone() {
        setUp(1, 0.1, RiskLimits.DEFAULT); // default stop 5%
        strategies.get(0).stop = 0;
        strategies.get(0).next = Action.ENTER_LONG;
        bar("100");
        bar("100");
        Order stop = rec.orders.get(rec.orders.size() - 1);
        assertThat(stop.type).isEqualTo(OrderType.STOP_MARKET);
        assertThat(stop.triggerPrice).isEqualTo(Fixed.of(95));
    }

    /**
     * T13: over random price paths, random decisions and random kill-switch toggles on two instruments, no order
     * is ever sent in HALTED (other than a resting stop for a position, which the simulated exchange never needs
     * since pending entries are cancelled on a halt), and no order that adds exposure takes a symbol or the total
     * above its limit.
     */
    @Property(tries = 150)
    void noOrderInHaltedAndExposureWithinLimits(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long seed,
                                                @ForAll @IntRange(min = 5, max = 60) int fractionPct) {
        RiskLimits l = new RiskLimits(3, 4, 6, 9, true, 35, 60, 2, 10, 0, 0, 3, 20);
        setUp(2, fractionPct / 100.0, l);
        rec.maxSymbolPct = 35;
        rec.maxTotalPct = 60;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(seed);
        long[] price = {Fixed.of(100), Fixed.of(50)};
        for (int step = 0; step < 400; step++) {
            int i = rnd.nextInt(2);
            double move = 1 + (rnd.nextDouble() - 0.5) * 0.06;
            price[i] = Math.max(Fixed.of(1), Fixed.floorToStep(Fixed.fromDouble(Fixed.toDouble(price[i]) * move),
                    Fixed.parse("0.01")));
            int a = rnd.nextInt(6);
            strategies.get(i).next = a == 0 ? Action.ENTER_LONG : a == 1 ? Action.ENTER_SHORT : a == 2 ? Action.EXIT
                    : Action.NONE;
            bar(i, Fixed.format(price[i]), 0);
            int op = rnd.nextInt(40);
            if (op == 0) {
                engine.killSwitch();
            } else if (op == 1) {
                engine.release();
            }
        }
        assertThat(rec.violations).isEmpty();
    }
}
