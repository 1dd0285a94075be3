package dev.hft.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hft.api.Action;
import dev.hft.api.Decision;
import dev.hft.api.PositionView;
import dev.hft.api.Strategy;
import dev.hft.api.StrategyContext;
import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Order;
import dev.hft.core.ReasonCode;
import dev.hft.engine.journal.RecordCodec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One strategy instance over several instruments, deciding for any of them. */
class PortfolioStrategyTest {
    private static final Instrument A = new Instrument("AAAUSDT", "AAA", "USDT", Fixed.parse("0.01"),
            Fixed.parse("0.001"), Fixed.parse("0.001"), Fixed.parse("5"));
    private static final Instrument B = new Instrument("BBBUSDT", "BBB", "USDT", Fixed.parse("0.01"),
            Fixed.parse("0.001"), Fixed.parse("0.001"), Fixed.parse("5"));
    private static final long T0 = 1_704_067_200_000L;

    /** On the first bar of B it buys B and sells A: a pair. Records what it saw. */
    static class Pair implements Strategy {
        StrategyContext ctx;
        int starts;
        final List<String> seen = new ArrayList<>();
        boolean traded;
        boolean throwOnB;

        @Override
        public String name() {
            return "pair";
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
        public void onStart(StrategyContext context) {
            ctx = context;
            starts++;
        }

        @Override
        public void onBar(Bar bar, PositionView position, Decision out) {
            seen.add(ctx.instruments().get(bar.instrument).symbol());
            if (throwOnB && bar.instrument == 1) {
                throw new IllegalStateException("pair broke");
            }
            if (bar.instrument == ctx.indexOf("BBBUSDT") && !traded) {
                traded = true;
                out.enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0.05, 0);
                ctx.decision(ctx.indexOf("AAAUSDT")).enter(Action.ENTER_SHORT, ReasonCode.ENTRY_LIQ_SHORT, 1, 0.05, 0);
            } else {
                out.skip(ReasonCode.SKIP_NO_SIGNAL);
            }
        }
    }

    private final TradingEngineTest.FakeVenue venue = new TradingEngineTest.FakeVenue();
    private final List<Integer> decidedFor = new ArrayList<>();

    private TradingEngine engine(List<Strategy> strategies) {
        TradingEngine e = new TradingEngine(new EngineConfig(Fixed.of(10_000), 0.10, Fixed.parse("0.001")),
                List.of(A, B), strategies, venue, new EngineListener() {
                    @Override
                    public void onDecision(int instrument, Decision decision, long nowMs) {
                        if (decision.action != Action.NONE) {
                            decidedFor.add(instrument);
                        }
                    }
                }, "pf");
        venue.engine = e;
        return e;
    }

    private static Bar bar(int instrument, int minute, String close) {
        long c = Fixed.parse(close);
        long open = T0 + minute * 60_000L;
        return new Bar().set(instrument, open, open + 59_999, c, c, c, c, Fixed.of(1));
    }

    @Test
    void aPortfolioStrategySeesEveryInstrumentAndDecidesForAnyOfThem() {
        Pair pair = new Pair();
        TradingEngine e = engine(List.of(pair, pair));
        assertThat(pair.starts).as("one start for the shared instance").isEqualTo(1);
        assertThat(pair.ctx.instruments()).containsExactly(A, B);
        e.onBar(bar(0, 0, "100"));
        e.onBar(bar(1, 0, "50"));
        assertThat(pair.seen).containsExactly("AAAUSDT", "BBBUSDT");
        assertThat(decidedFor).as("the bar's instrument first, then the others").containsExactly(1, 0);
        assertThat(venue.submitted).extracting(o -> o.instrument + " " + o.side).containsExactly("1 BUY", "0 SELL");
        Order sell = venue.submitted.get(1);
        assertThat(sell.decisionPrice).as("priced at A's last close").isEqualTo(Fixed.of(100));
        assertThat(sell.quantity).as("1,000 / 1.001 / 100").isEqualTo(Fixed.parse("9.99"));
        assertThat(pair.ctx.lastPrice(0)).isEqualTo(Fixed.of(100));
        assertThat(pair.ctx.now()).isEqualTo(T0 + 59_999);
        venue.fill(sell, "100", T0 + 60_000);
        assertThat(pair.ctx.position(0).quantity()).isEqualTo(-Fixed.parse("9.99"));
        assertThat(new RecordCodec().decision(0, new Decision().enter(Action.ENTER_SHORT,
                ReasonCode.ENTRY_LIQ_SHORT, 1, 0, 0)).toString()).startsWith("{\"i\":0");
    }

    @Test
    void onlyAPortfolioStrategyDecidesForAnotherInstrumentAndOnlyInsideOnBar() {
        Pair pair = new Pair();
        engine(List.of(pair, pair));
        assertThatThrownBy(() -> pair.ctx.decision(0)).hasMessageContaining("inside onBar");

        Strategy single = new Strategy() {
            StrategyContext ctx;

            @Override
            public String name() {
                return "single";
            }

            @Override
            public int warmupBars() {
                return 0;
            }

            @Override
            public void onStart(StrategyContext context) {
                ctx = context;
            }

            @Override
            public void onBar(Bar bar, PositionView position, Decision out) {
                ctx.decision(1 - bar.instrument).enter(Action.ENTER_LONG, ReasonCode.ENTRY_LIQ_LONG, 1, 0, 0);
            }
        };
        TradingEngineTest.FakeVenue v2 = new TradingEngineTest.FakeVenue();
        Strategy other = new dev.hft.engine.testkit.ScriptedStrategy();
        TradingEngine e = new TradingEngine(new EngineConfig(Fixed.of(10_000), 0.10, Fixed.parse("0.001")),
                List.of(A, B), List.of(single, other), v2, new EngineListener() { }, "pf2");
        v2.engine = e;
        e.onBar(bar(0, 0, "100"));
        assertThat(v2.submitted).isEmpty();
        assertThat(e.strategyFailure(0)).contains("may decide for AAAUSDT only");
        assertThat(e.strategyFailure(1)).as("another strategy's instrument keeps deciding").isNull();
    }

    @Test
    void aPortfolioStrategyMustServeEveryInstrumentAndAPerInstrumentOneOnlyOne() {
        Pair pair = new Pair();
        Strategy skip = new dev.hft.engine.testkit.ScriptedStrategy();
        assertThatThrownBy(() -> engine(List.of(pair, skip))).hasMessageContaining("portfolio strategy");
        assertThatThrownBy(() -> engine(List.of(skip, skip))).hasMessageContaining("instance of its own");
    }

    @Test
    void aPortfolioStrategyThatThrowsStopsForAllOfItsInstruments() {
        Pair pair = new Pair();
        pair.throwOnB = true;
        TradingEngine e = engine(List.of(pair, pair));
        e.onBar(bar(0, 0, "100"));
        e.onBar(bar(1, 0, "50"));
        assertThat(e.strategyFailure(1)).contains("pair broke");
        assertThat(e.strategyFailure(0)).as("the same instance").isEqualTo(e.strategyFailure(1));
        e.onBar(bar(0, 1, "101"));
        assertThat(pair.seen).as("not called again").hasSize(2);
        assertThat(venue.submitted).isEmpty();
        assertThat(e.ledger().get(ReasonCode.RISK_STRATEGY_FAILED)).isEqualTo(1);
    }

    @Test
    void aRunBuildsOneSharedInstanceForAPortfolioStrategy() {
        dev.hft.api.StrategyFactory f = new dev.hft.api.SimpleStrategyFactory("pair", "pairs", List.of(),
                p -> new Pair()) { };
        List<Strategy> three = dev.hft.engine.strategy.StrategyRegistry.instances(f,
                new dev.hft.api.Params("pair", List.of(), java.util.Map.of()), 3);
        assertThat(three).hasSize(3).allSatisfy(s -> assertThat(s).isSameAs(three.get(0)));
        dev.hft.api.StrategyFactory g = new dev.hft.api.SimpleStrategyFactory("skip", "skips", List.of(),
                p -> new dev.hft.engine.testkit.ScriptedStrategy()) { };
        List<Strategy> two = dev.hft.engine.strategy.StrategyRegistry.instances(g,
                new dev.hft.api.Params("skip", List.of(), java.util.Map.of()), 2);
        assertThat(two.get(0)).isNotSameAs(two.get(1));
    }

    @Test
    void aStrategyThatRefusesTheRunAtStartIsABadInputNamingItsLine() {
        Pair pair = new Pair() {
            @Override
            public void onStart(StrategyContext context) {
                throw new IllegalStateException("needs three instruments");
            }
        };
        assertThatThrownBy(() -> engine(List.of(pair, pair))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("strategy pair cannot start", "needs three instruments",
                        "PortfolioStrategyTest");
    }
}
