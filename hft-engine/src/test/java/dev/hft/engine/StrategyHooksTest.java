package dev.hft.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.api.Action;
import dev.hft.api.Decision;
import dev.hft.api.OrderUpdate;
import dev.hft.api.PositionView;
import dev.hft.api.Strategy;
import dev.hft.api.StrategyContext;
import dev.hft.core.Bar;
import dev.hft.core.Fill;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A strategy hears of its own fills, sees the account, and is told when the run ends. */
class StrategyHooksTest {
    private static final Instrument INST = new Instrument("TEST", "T", "USDT", Fixed.parse("0.01"),
            Fixed.parse("0.001"), Fixed.parse("0.001"), Fixed.parse("5"));
    private static final long T0 = 1_704_067_200_000L;

    static class Listening implements Strategy {
        final List<String> heard = new ArrayList<>();
        StrategyContext ctx;
        boolean enter = true;
        boolean throwOnStop;
        boolean throwOnFill;
        long cashAtFill;

        @Override
        public String name() {
            return "listening";
        }

        @Override
        public int warmupBars() {
            return 0;
        }

        long cashAtStart;

        @Override
        public void onStart(StrategyContext context) {
            ctx = context;
            cashAtStart = context.cash();
        }

        @Override
        public void onBar(Bar bar, PositionView position, Decision out) {
            if (enter) {
                enter = false;
                out.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.01, 0);
            } else {
                out.skip(ReasonCode.SKIP_NO_SIGNAL);
            }
        }

        @Override
        public void onFill(Fill fill) {
            heard.add(fill.reason() + " " + Fixed.format(fill.price()));
            cashAtFill = ctx.cash();
            if (throwOnFill) {
                throw new ArithmeticException("fill maths");
            }
        }

        @Override
        public void onOrderUpdate(OrderUpdate update) {
            heard.add(update.status() + " " + update.role() + " " + update.reason());
        }

        @Override
        public void onStop() {
            heard.add("stop");
            if (throwOnStop) {
                throw new IllegalStateException("could not flush");
            }
        }
    }

    private final TradingEngineTest.FakeVenue venue = new TradingEngineTest.FakeVenue();
    private final Listening strategy = new Listening();
    private final TradingEngine engine = new TradingEngine(
            new EngineConfig(Fixed.of(10_000), 0.10, Fixed.parse("0.001")), List.of(INST), List.of(strategy), venue,
            new EngineListener() { }, "hooks");

    {
        venue.engine = engine;
    }

    private void bar(int i, String close) {
        long c = Fixed.parse(close);
        engine.onBar(new Bar().set(0, T0 + i * 60_000L, T0 + i * 60_000L + 59_999, c, c, c, c, Fixed.of(1)));
    }

    @Test
    void itHearsItsEntryAndItsStopAfterTheEngineAppliedThem() {
        assertThat(strategy.cashAtStart).as("the starting cash is there when it starts").isEqualTo(Fixed.of(10_000));
        bar(0, "100");
        venue.fill(venue.last(), "100", T0 + 60_000);
        assertThat(strategy.heard).containsExactly("ENTRY_LIQ_LONG 100");
        assertThat(strategy.cashAtFill).as("the fill is in the cash it sees")
                .isEqualTo(Fixed.of(10_000) - Fixed.mul(Fixed.of(100), Fixed.parse("9.99"))
                        - Fixed.mul(Fixed.mul(Fixed.of(100), Fixed.parse("9.99")), Fixed.parse("0.001")));
        assertThat(strategy.ctx.equity()).isEqualTo(engine.equity());
        Order stop = venue.submitted.stream().filter(o -> o.type == OrderType.STOP_MARKET).findFirst().orElseThrow();
        venue.fill(stop, "99", T0 + 120_000);
        assertThat(strategy.heard).containsExactly("ENTRY_LIQ_LONG 100", "EXIT_STOP_LOSS 99");
        engine.stopStrategies();
        assertThat(strategy.heard).endsWith("stop");
        assertThat(engine.strategyFailure(0)).isNull();
    }

    @Test
    void aStrategyThatThrowsOnItsFillStopsDecidingButItsFillAndStopStand() {
        strategy.throwOnFill = true;
        bar(0, "100");
        venue.fill(venue.last(), "100", T0 + 60_000);
        assertThat(engine.strategyFailure(0)).contains("fill maths", "StrategyHooksTest");
        assertThat(engine.positionQuantity(0)).as("the fill itself is applied").isEqualTo(Fixed.parse("9.99"));
        assertThat(venue.submitted).as("its stop is placed: fail closed keeps protection")
                .anyMatch(o -> o.type == OrderType.STOP_MARKET);
        assertThat(engine.ledger().get(ReasonCode.RISK_STRATEGY_FAILED)).isEqualTo(1);
        engine.stopStrategies();
        assertThat(strategy.heard).as("a failed strategy is not called at the end").doesNotContain("stop");
    }

    @Test
    void aStrategyThatThrowsOnStopIsKeptAsFailedWithoutARecord() {
        strategy.throwOnStop = true;
        engine.stopStrategies();
        assertThat(strategy.heard).containsExactly("stop");
        assertThat(engine.strategyFailure(0)).contains("could not flush");
        assertThat(engine.ledger().get(ReasonCode.RISK_STRATEGY_FAILED)).as("nothing trades after it: no record")
                .isZero();
        engine.stopStrategies();
        assertThat(strategy.heard).as("once").containsExactly("stop");
    }

    @Test
    void itSeesItsWorkingOrdersAndPnlAndHearsOfCancelsAndRejections() {
        bar(0, "100");
        assertThat(strategy.ctx.openOrders(0)).singleElement().satisfies(o -> {
            assertThat(o.role()).isEqualTo(OrderUpdate.Role.ENTRY);
            assertThat(o.status()).isEqualTo(OrderUpdate.Status.WORKING);
            assertThat(o.quantity()).isEqualTo(Fixed.parse("9.99"));
        });
        venue.fill(venue.last(), "100", T0 + 60_000);
        bar(1, "102");
        assertThat(strategy.ctx.openOrders(0)).singleElement().satisfies(o -> {
            assertThat(o.role()).isEqualTo(OrderUpdate.Role.STOP_LOSS);
            assertThat(o.triggerPrice()).isEqualTo(Fixed.of(99));
        });
        assertThat(strategy.ctx.unrealizedPnl(0)).as("(102 - 100) x 9.99").isEqualTo(Fixed.parse("19.98"));
        assertThat(strategy.ctx.realizedPnl()).as("so far only the entry's fee, 0.999")
                .isEqualTo(-Fixed.parse("0.999"));
        assertThat(strategy.ctx.initialCapital()).isEqualTo(Fixed.of(10_000));
        Order stop = venue.submitted.get(1);
        engine.onOrderRejected(stop, ReasonCode.REJECT_VENUE);
        assertThat(strategy.heard).endsWith("REJECTED STOP_LOSS REJECT_VENUE");
        engine.cancelResting();
        assertThat(strategy.ctx.logger().getName()).isEqualTo("strategy.listening");
    }

    @Test
    void itHearsItsEntryCanceledAndAThrowThereStopsIt() {
        Listening s = new Listening() {
            @Override
            public void onOrderUpdate(OrderUpdate update) {
                super.onOrderUpdate(update);
                throw new IllegalStateException("bookkeeping");
            }
        };
        TradingEngineTest.FakeVenue v = new TradingEngineTest.FakeVenue();
        TradingEngine e = new TradingEngine(new EngineConfig(Fixed.of(10_000), 0.10, Fixed.parse("0.001")),
                List.of(INST), List.of(s), v, new EngineListener() { }, "hooks2");
        v.engine = e;
        long c = Fixed.of(100);
        e.onBar(new Bar().set(0, T0, T0 + 59_999, c, c, c, c, Fixed.of(1)));
        e.killSwitch(); // cancels the entry still waiting
        assertThat(s.heard).containsExactly("CANCELED ENTRY ENTRY_LIQ_LONG");
        assertThat(e.strategyFailure(0)).contains("bookkeeping");
    }

    @Test
    void itPlotsAfterEachDecisionAndAThrowInPlotStopsOnlyTheDrawing() {
        List<String> drawn = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Listening s = new Listening() {
            int calls;

            @Override
            public void plot(dev.hft.api.Plot plot) {
                if (++calls == 3) {
                    throw new IllegalStateException("bad line");
                }
                plot.line("mid", 100 + calls);
            }
        };
        TradingEngineTest.FakeVenue v = new TradingEngineTest.FakeVenue();
        TradingEngine e = new TradingEngine(new EngineConfig(Fixed.of(10_000), 0.10, Fixed.parse("0.001")),
                List.of(INST), List.of(s), v, new EngineListener() { }, "plot");
        v.engine = e;
        e.plotTo(new PlotSink() {
            @Override
            public void line(int instrument, long openTimeMs, String name, double value) {
                drawn.add(instrument + " " + (openTimeMs - T0) / 60_000 + " " + name + " " + value);
            }

            @Override
            public void failed(int instrument, String failure) {
                failures.add(failure);
            }
        });
        for (int i = 0; i < 5; i++) {
            long c = Fixed.of(100);
            e.onBar(new Bar().set(0, T0 + i * 60_000L, T0 + i * 60_000L + 59_999, c, c, c, c, Fixed.of(1)));
        }
        assertThat(drawn).containsExactly("0 0 mid 101.0", "0 1 mid 102.0");
        assertThat(failures).singleElement().asString().contains("listening.plot threw", "bad line");
        assertThat(e.strategyFailure(0)).as("drawing is not trading: the strategy goes on").isNull();
        assertThat(e.ledger().get(ReasonCode.SKIP_NO_SIGNAL)).as("it decided on every bar after its entry")
                .isEqualTo(4);
    }
}
