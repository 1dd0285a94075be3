package dev.hft.engine.bus;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.management.ThreadMXBean;
import dev.hft.core.Bar;
import dev.hft.core.ExecutionClient;
import dev.hft.core.Fill;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import dev.hft.core.Side;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.EngineListener;
import dev.hft.engine.TradeRecord;
import dev.hft.engine.TradingEngine;
import dev.hft.engine.risk.TradingState;
import dev.hft.api.Decision;
import dev.hft.api.Params;
import dev.hft.api.StrategyFactory;
import dev.hft.engine.strategy.StrategyRegistry;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** T15: the event bus delivers every event to every observer in order, and publishing allocates nothing. */
class EventBusTest {
    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void shouldDeliverEveryEventTypeToEveryObserverInSubscriptionOrder() {
        EventBus bus = new EventBus();
        List<String> seen = new ArrayList<>();
        for (String name : new String[] {"a", "b"}) {
            bus.subscribe(new EngineListener() {
                @Override
                public void onBar(Bar bar) {
                    seen.add(name + ":bar");
                }

                @Override
                public void onMarketDataRejected(Bar bar, ReasonCode reason) {
                    seen.add(name + ":rejected");
                }

                @Override
                public void onDecision(int instrument, Decision decision, long nowMs) {
                    seen.add(name + ":decision");
                }

                @Override
                public void onOrderSubmitted(Order order) {
                    seen.add(name + ":submitted");
                }

                @Override
                public void onOrderDenied(int instrument, ReasonCode reason, long nowMs) {
                    seen.add(name + ":denied");
                }

                @Override
                public void onFill(Order order, Fill fill) {
                    seen.add(name + ":fill");
                }

                @Override
                public void onOrderRejected(Order order, ReasonCode reason) {
                    seen.add(name + ":orderRejected");
                }

                @Override
                public void onOrderCanceled(Order order) {
                    seen.add(name + ":canceled");
                }

                @Override
                public void onTradeClosed(TradeRecord trade) {
                    seen.add(name + ":trade");
                }

                @Override
                public void onInstrumentFrozen(int instrument, ReasonCode reason, long nowMs) {
                    seen.add(name + ":frozen");
                }

                @Override
                public void onInstrumentThawed(int instrument, long nowMs) {
                    seen.add(name + ":thawed");
                }

                @Override
                public void onRiskStateChanged(TradingState from, TradingState to, ReasonCode reason, long nowMs) {
                    seen.add(name + ":risk");
                }
            });
        }
        EngineMetrics metrics = new EngineMetrics();
        bus.subscribe(metrics);
        bus.subscribe(null); // ignored
        assertThat(bus.subscribers()).isEqualTo(3);
        Bar bar = new Bar();
        Order o = new Order("x", 0, Side.BUY, OrderType.MARKET, 1, 0, 0, false, ReasonCode.ENTRY_LIQ_LONG, 0, 1);
        Decision d = new Decision().skip(ReasonCode.SKIP_WARMUP);
        bus.onBar(bar);
        bus.onMarketDataRejected(bar, ReasonCode.SANITIZER_OHLC);
        bus.onDecision(0, d, 0);
        bus.onOrderSubmitted(o);
        bus.onOrderDenied(0, ReasonCode.RISK_HALTED, 0);
        bus.onFill(o, new Fill("x", 0, Side.BUY, 1, 1, 0, 0, ReasonCode.ENTRY_LIQ_LONG));
        bus.onOrderRejected(o, ReasonCode.REJECT_MIN_NOTIONAL);
        bus.onOrderCanceled(o);
        bus.onTradeClosed(null);
        bus.onInstrumentFrozen(0, ReasonCode.SANITIZER_GAP, 0);
        bus.onInstrumentThawed(0, 0);
        bus.onRiskStateChanged(TradingState.ACTIVE, TradingState.HALTED, ReasonCode.RISK_KILL_SWITCH, 0);
        assertThat(seen).hasSize(24).startsWith("a:bar", "b:bar", "a:rejected", "b:rejected").endsWith("b:risk");
        assertThat(metrics.bars()).isEqualTo(1);
        assertThat(metrics.rejectedEvents()).isEqualTo(1);
        assertThat(metrics.decisions(ReasonCode.SKIP_WARMUP)).isEqualTo(1);
        assertThat(metrics.ordersSubmitted() + metrics.fills() + metrics.ordersRejected() + metrics.ordersCanceled())
                .isEqualTo(4);
        assertThat(metrics.ordersDenied()).isEqualTo(1);
        assertThat(metrics.denied(ReasonCode.RISK_HALTED)).isEqualTo(1);
        assertThat(metrics.trades()).isEqualTo(1);
        assertThat(metrics.freezes() + metrics.thaws()).isEqualTo(2);
        assertThat(metrics.riskStateChanges()).isEqualTo(1);
        assertThat(metrics.riskState()).isEqualTo(TradingState.HALTED);
    }

    @Test
    void publishingShouldAllocateNothing() {
        EventBus bus = new EventBus();
        bus.subscribe(new EngineMetrics());
        bus.subscribe(new EngineListener() { });
        Bar bar = new Bar();
        Decision d = new Decision().skip(ReasonCode.SKIP_NO_SIGNAL);
        for (int i = 0; i < 200_000; i++) { // warm up: let the JIT compile the loop
            bus.onBar(bar);
            bus.onDecision(0, d, i);
        }
        long before = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < 1_000_000; i++) {
            bus.onBar(bar);
            bus.onDecision(0, d, i);
        }
        long allocated = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(allocated).as("bytes allocated by 2,000,000 publishes").isLessThan(1024);
    }

    @Test
    void theEnginesPerBarPathShouldAllocateNothingInSteadyState() {
        Instrument inst = new Instrument("T", "T", "USDT", Fixed.parse("0.01"), Fixed.parse("0.001"), 0, 0);
        StrategyFactory f = StrategyRegistry.get("liquidation-hunter");
        // a threshold above 1 is impossible, so no order is ever created: what is left is the per-bar path
        ExecutionClient venue = new ExecutionClient() {
            @Override
            public void submit(Order order) {
            }

            @Override
            public void cancel(String clientOrderId) {
            }
        };
        TradingEngine engine = new TradingEngine(new EngineConfig(Fixed.of(10_000), 0.1, 0), List.of(inst),
                List.of(f.create(new Params(f.name(), f.params(), Map.of("minConfidence", "1", "wVolume", "0")))),
                venue, new EngineMetrics(), "alloc");
        Bar bar = new Bar();
        long[] closes = new long[4096];
        for (int i = 0; i < closes.length; i++) {
            closes[i] = Fixed.of(100) + (long) (Math.sin(i / 20.0) * Fixed.of(3));
            closes[i] -= closes[i] % Fixed.parse("0.01");
        }
        int minute = 0;
        for (; minute < 300_000; minute++) {
            feed(engine, bar, closes, minute);
        }
        long before = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int k = 0; k < 500_000; k++, minute++) {
            feed(engine, bar, closes, minute);
        }
        long allocated = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(engine.barsProcessed()).isEqualTo(800_000);
        assertThat(allocated).as("bytes allocated over 500,000 bars").isLessThan(4096);
    }

    /**
     * A strategy written against the whole public API (its own reason codes, a longer timeframe, an indicator, a
     * portfolio over two instruments deciding for both on every bar) costs the engine no allocation per bar either.
     */
    @Test
    void aPortfolioStrategyWithItsOwnReasonsAndLongerBarsAllocatesNothingPerBar() {
        Instrument a = new Instrument("A", "A", "USDT", Fixed.parse("0.01"), Fixed.parse("0.001"), 0, 0);
        Instrument b = new Instrument("B", "B", "USDT", Fixed.parse("0.01"), Fixed.parse("0.001"), 0, 0);
        dev.hft.api.Reason quiet = dev.hft.api.Reason.skip("QUIET", "nothing to do");
        dev.hft.api.Strategy s = new dev.hft.api.Strategy() {
            private final dev.hft.api.indicator.Ema ema = new dev.hft.api.indicator.Ema(12);
            private dev.hft.api.StrategyContext ctx;

            @Override
            public String name() {
                return "api";
            }

            @Override
            public int warmupBars() {
                return 0;
            }

            @Override
            public boolean portfolio() {
                return true;
            }

            @Override
            public List<dev.hft.api.Reason> reasons() {
                return List.of(quiet);
            }

            @Override
            public List<Long> intervals() {
                return List.of(300_000L);
            }

            @Override
            public void onStart(dev.hft.api.StrategyContext context) {
                ctx = context;
            }

            @Override
            public void onBar(long intervalMs, Bar longer) {
                ema.update(Fixed.toDouble(longer.close));
            }

            @Override
            public void onBar(Bar bar, dev.hft.api.PositionView position, Decision out) {
                out.skip(quiet);
                ctx.decision(1 - bar.instrument).skip(quiet);
            }
        };
        ExecutionClient venue = new ExecutionClient() {
            @Override
            public void submit(Order order) {
            }

            @Override
            public void cancel(String clientOrderId) {
            }
        };
        TradingEngine engine = new TradingEngine(new EngineConfig(Fixed.of(10_000), 0.1, 0), List.of(a, b),
                List.of(s, s), venue, new EngineMetrics(), "alloc2");
        Bar bar = new Bar();
        long[] closes = new long[4096];
        for (int i = 0; i < closes.length; i++) {
            closes[i] = Fixed.of(100) + (long) (Math.sin(i / 20.0) * Fixed.of(3));
            closes[i] -= closes[i] % Fixed.parse("0.01");
        }
        int minute = 0;
        for (; minute < 100_000; minute++) {
            feed(engine, bar, closes, minute);
            bar.instrument = 1;
            engine.onBar(bar);
        }
        long before = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int k = 0; k < 200_000; k++, minute++) {
            feed(engine, bar, closes, minute);
            bar.instrument = 1;
            engine.onBar(bar);
        }
        long allocated = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(engine.barsProcessed()).isEqualTo(600_000);
        assertThat(engine.ledger().own()).singleElement().satisfies(o -> assertThat(o.count())
                .as("two own-reason skips per bar").isEqualTo(1_200_000));
        assertThat(allocated).as("bytes allocated over 400,000 bars").isLessThan(4096);
    }

    private static void feed(TradingEngine engine, Bar bar, long[] closes, int minute) {
        long t = 1_704_067_200_000L + minute * 60_000L;
        long c = closes[minute % closes.length];
        long o = closes[(minute + closes.length - 1) % closes.length];
        bar.set(0, t, t + 59_999, o, Math.max(o, c) + Fixed.parse("0.05"), Math.min(o, c) - Fixed.parse("0.05"), c,
                Fixed.of(10 + minute % 7));
        engine.onBar(bar);
    }
}
