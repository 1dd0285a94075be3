package dev.hft.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hft.core.Bar;
import dev.hft.core.ExecutionClient;
import dev.hft.core.Fill;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.engine.bus.EventBus;
import dev.hft.api.Params;
import dev.hft.api.Strategy;
import dev.hft.api.StrategyFactory;
import dev.hft.engine.strategy.StrategyRegistry;
import dev.hft.engine.testkit.ScriptedStrategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** An engine restored from a snapshot continues exactly like the original. */
class SnapshotTest {
    private static final Instrument BTC = new Instrument("BTCUSDT", "BTC", "USDT", Fixed.parse("0.01"),
            Fixed.parse("0.00001"), Fixed.parse("0.00001"), Fixed.parse("5"));
    private static final Instrument ETH = new Instrument("ETHUSDT", "ETH", "USDT", Fixed.parse("0.01"),
            Fixed.parse("0.0001"), Fixed.parse("0.0001"), Fixed.parse("5"));

    /** Fills market orders at once at their decision price; lets stops and limits rest. Records everything sent. */
    static final class Venue implements ExecutionClient {
        TradingEngine engine;
        final List<String> sent = new ArrayList<>();

        @Override
        public void submit(Order o) {
            sent.add(o.toString());
            if (o.type == OrderType.MARKET) {
                engine.onOrderFilled(o, new Fill(o.clientOrderId, o.instrument, o.side, o.decisionPrice, o.quantity,
                        Fixed.mul(Fixed.mul(o.decisionPrice, o.quantity), Fixed.parse("0.001")), o.decisionTimeMs,
                        o.reason));
            }
        }

        @Override
        public void cancel(String clientOrderId) {
            sent.add("cancel " + clientOrderId);
        }
    }

    private static TradingEngine engine(Venue v) {
        return engine(v, "5");
    }

    private static TradingEngine engine(Venue v, String fastMa) {
        StrategyFactory f = StrategyRegistry.get("liquidation-hunter");
        Map<String, String> p = Map.of("fastMa", fastMa, "slowMa", "20", "rangeBars", "15", "volumeBars", "5",
                "minConfidence", "0.3", "volumeSpike", "1.2", "maxHoldBars", "30");
        List<Strategy> strategies = List.of(f.create(new Params(f.name(), f.params(), p)),
                f.create(new Params(f.name(), f.params(), p)));
        EngineConfig cfg = new EngineConfig(Fixed.of(10_000), 0.1, Fixed.parse("0.001"));
        TradingEngine e = new TradingEngine(cfg, List.of(BTC, ETH), strategies, v, TradingEngine.defaultCosts(cfg, 2),
                new EventBus(), "snap");
        v.engine = e;
        return e;
    }

    private static List<Bar> bars(int n) {
        SplittableRandom rnd = new SplittableRandom(11);
        long[] px = {Fixed.of(42_000), Fixed.of(2_300)};
        List<Bar> out = new ArrayList<>();
        for (int m = 0; m < n; m++) {
            for (int i = 0; i < 2; i++) {
                long open = px[i];
                long close = Fixed.floorToStep(Fixed.fromDouble(Fixed.toDouble(open) * (1 + (rnd.nextDouble() - 0.5)
                        * 0.01)), Fixed.parse("0.01"));
                px[i] = close;
                long t = 1_704_067_200_000L + m * 60_000L;
                out.add(new Bar().set(i, t, t + 59_999, open, Math.max(open, close) + Fixed.parse("0.5"),
                        Math.min(open, close) - Fixed.parse("0.5"), close, Fixed.fromDouble(1 + rnd.nextDouble()
                        * (rnd.nextInt(10) == 0 ? 9 : 1))));
            }
        }
        return out;
    }

    @Test
    void aRestoredEngineShouldContinueExactlyLikeTheOriginal() {
        List<Bar> bars = bars(3000);
        Venue va = new Venue();
        TradingEngine a = engine(va);
        for (int k = 0; k < 2000; k++) {
            a.onBar(bars.get(k));
        }
        assertThat(va.sent).as("the original traded").hasSizeGreaterThan(10);
        byte[] snap = a.snapshot();
        Venue vb = new Venue();
        TradingEngine b = engine(vb);
        b.restore(snap);
        assertThat(b.stateDigest()).isEqualTo(a.stateDigest());
        assertThat(b.snapshot()).as("a restored engine snapshots to the same bytes").isEqualTo(snap);
        va.sent.clear();
        for (int k = 2000; k < bars.size(); k++) {
            a.onBar(bars.get(k));
            b.onBar(bars.get(k));
            assertThat(b.stateDigest()).isEqualTo(a.stateDigest());
        }
        assertThat(vb.sent).as("the same orders after the snapshot").isEqualTo(va.sent).isNotEmpty();
        assertThat(b.equity()).isEqualTo(a.equity());
    }

    @Test
    void aSnapshotShouldOnlyGoIntoAnEngineLikeTheOneThatWroteIt() {
        Venue v = new Venue();
        byte[] snap = engine(v).snapshot();
        EngineConfig cfg = new EngineConfig(Fixed.of(10_000), 0.1, 0);
        TradingEngine other = new TradingEngine(cfg, List.of(ETH, BTC), List.of(new ScriptedStrategy(),
                new ScriptedStrategy()), v, (EngineListener) null, "x");
        assertThatThrownBy(() -> other.restore(snap)).hasMessageContaining("snapshot of BTCUSDT/liquidation-hunter");
        assertThatThrownBy(other::snapshot).hasMessageContaining("scripted cannot be snapshotted");
        assertThatThrownBy(() -> engine(new Venue()).restore(new byte[] {0, 0, 0,
                99})).hasMessageContaining("version 99");
    }

    @Test
    void aSnapshotOfOtherSeriesIsPassedOverNotMisread() {
        // the same strategy name asking for other series (another version of its code): their states would be read
        // as each other's, so recovery must pass over the snapshot to a replay from the start
        Venue v = new Venue();
        TradingEngine a = engine(v);
        for (Bar b : bars(50)) {
            a.onBar(b);
        }
        byte[] snap = a.snapshot();
        TradingEngine other = engine(new Venue(), "6");
        assertThat(other.snapshotProblem(snap)).contains("with series [sma(close,5)", "asks for [sma(close,6)");
        assertThatThrownBy(() -> other.restore(snap)).hasMessageContaining("with series");
        assertThat(engine(new Venue()).snapshotProblem(snap)).as("the same series: restorable").isNull();
    }
}
