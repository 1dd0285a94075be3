package dev.hft.bench;

import dev.hft.backtest.Kernels;
import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.synth.SymbolProfile;
import dev.hft.backtest.synth.SyntheticGenerator;
import dev.hft.core.Bar;
import dev.hft.core.ExecutionClient;
import dev.hft.core.Fill;
import dev.hft.core.Fixed;
import dev.hft.core.Order;
import dev.hft.core.OrderType;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.TradingEngine;
import dev.hft.engine.bus.EventBus;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of one market event through the engine (sanitizer, statistics, risk, strategy, sizing, risk check and
 * the order commands when the strategy enters or exits), sampled per call: JMH reports p50, p90, p99, p99.9. The
 * venue fills market orders at once (so positions open and close all the time) and sends nothing anywhere. No
 * journal.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecisionLatencyBenchmark {
    private TradingEngine engine;
    private BarSeries prices;
    private final Bar bar = new Bar();
    private long minute;

    @Setup(Level.Trial)
    public void build() {
        prices = SyntheticGenerator.generate(BenchData.BTC, SymbolProfile.of("BTCUSDT"), 5, 1_704_067_200_000L,
                30 * 1440).series();
        // market orders fill at once, so entries, protective orders and time exits keep happening
        TradingEngine[] self = new TradingEngine[1];
        ExecutionClient venue = new ExecutionClient() {
            @Override
            public void submit(Order o) {
                if (o.type == OrderType.MARKET) {
                    self[0].onOrderFilled(o, new Fill(o.clientOrderId, o.instrument, o.side, o.decisionPrice,
                            o.quantity, 0, o.decisionTimeMs, o.reason));
                }
            }

            @Override
            public void cancel(String clientOrderId) {
            }
        };
        long fee = Fixed.parse("0.001");
        engine = Kernels.forVenue(new EngineConfig(Fixed.of(10_000), 0.1, fee), List.of(BenchData.BTC),
                "liquidation-hunter", Map.of("maxHoldBars", "30", "minConfidence", "0.6"), fee, fee, venue,
                new EventBus(), "latency");
        self[0] = engine;
    }

    @Benchmark
    public long onBar() {
        int i = (int) (minute % prices.size());
        prices.fill(i, 0, bar);
        // time always moves forward, prices cycle through a month
        long t = 1_704_067_200_000L + minute++ * 60_000L;
        bar.openTimeMs = t;
        bar.closeTimeMs = t + 59_999;
        engine.onBar(bar);
        return engine.barsProcessed();
    }
}
