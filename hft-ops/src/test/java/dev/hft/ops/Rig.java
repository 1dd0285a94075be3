package dev.hft.ops;

import dev.hft.core.Bar;
import dev.hft.core.ExecutionClient;
import dev.hft.core.Fill;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.EngineListener;
import dev.hft.engine.TradingEngine;
import dev.hft.api.Params;
import dev.hft.api.StrategyFactory;
import dev.hft.engine.strategy.StrategyRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small live-shaped session for the ops tests: sma-cross 1/2 on one instrument, a venue that fills market orders
 * at once at the decision price plus {@code slipBps} and keeps stops resting, alerts into a list.
 */
final class Rig {
    static final long T0 = 1_704_067_200_000L;
    static final Instrument INST = new Instrument("BTCUSDT", "BTC", "USDT", Fixed.parse("0.01"),
            Fixed.parse("0.00001"), Fixed.parse("0.00001"), Fixed.parse("5"));

    final List<String> console = new ArrayList<>();
    final List<Order> resting = new ArrayList<>();
    final double slipBps;
    final TradingEngine engine;
    final OpsMetrics metrics = new OpsMetrics(List.of("BTCUSDT"));
    final Alerts alerts;
    final SessionMonitor monitor;
    int minute;

    Rig(double slipBps, double... drawdownLevels) {
        this.slipBps = slipBps;
        StrategyFactory f = StrategyRegistry.get("sma-cross");
        ExecutionClient venue = new ExecutionClient() {
            @Override
            public void submit(Order o) {
                if (o.type == OrderType.MARKET) {
                    long px = Fixed.fromDouble(Fixed.toDouble(o.decisionPrice) * (1 + o.side.sign() * slipBps / 1e4));
                    engine.onOrderFilled(o, new Fill(o.clientOrderId, o.instrument, o.side, px, o.quantity, 0,
                            o.decisionTimeMs, o.reason));
                } else {
                    resting.add(o);
                }
            }

            @Override
            public void cancel(String id) {
                for (Order o : List.copyOf(resting)) {
                    if (o.clientOrderId.equals(id)) {
                        resting.remove(o);
                        engine.onOrderCanceled(o);
                    }
                }
            }
        };
        engine = new TradingEngine(new EngineConfig(Fixed.of(10_000), 0.2, 0), List.of(INST),
                List.of(f.create(new Params(f.name(), f.params(), Map.of("fast", "1", "slow", "2")))), venue,
                new EngineListener() { }, "ops");
        alerts = new Alerts(Alerts.Settings.consoleOnly("test"), console::add, () -> 0L, null);
        monitor = new SessionMonitor(engine, "paper", "runs/test", "sma-cross", T0, metrics, alerts, true,
                drawdownLevels);
    }

    /** Feeds the next minute's bar closing at {@code close}. */
    void bar(String close) {
        bar(minute++, close);
    }

    void bar(int m, String close) {
        long t = T0 + m * 60_000L;
        long c = Fixed.parse(close);
        Bar b = new Bar().set(0, t, t + 59_999, c, c, c, c, Fixed.of(10));
        b.receiveTimeMs = t + 60_000;
        engine.onBar(b);
    }
}
