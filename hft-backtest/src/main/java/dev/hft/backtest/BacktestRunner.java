package dev.hft.backtest;

import dev.hft.backtest.data.BarSeries;
import dev.hft.core.Bar;
import dev.hft.core.Fill;
import dev.hft.core.Instrument;
import dev.hft.core.Order;
import dev.hft.core.ReasonCode;
import dev.hft.engine.EngineListener;
import dev.hft.engine.TradeRecord;
import dev.hft.engine.TradingEngine;
import dev.hft.engine.cost.FixedBpsSlippage;
import dev.hft.engine.cost.FlatFeeModel;
import dev.hft.engine.cost.SlippageModel;
import dev.hft.engine.strategy.Params;
import dev.hft.engine.strategy.Strategy;
import dev.hft.engine.strategy.StrategyFactory;
import dev.hft.engine.strategy.StrategyRegistry;
import dev.hft.sim.FillModel;
import dev.hft.sim.SimulatedExchange;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one backtest on one thread: merges the symbols' bars in time order (ties by instrument index), lets the
 * simulated exchange match working orders against each bar, then lets the engine see it. No queues; many runs
 * can share the same read-only {@link BarSeries} in parallel.
 */
public final class BacktestRunner {
    private BacktestRunner() {
    }

    /** Validates the strategy and its parameters without running (fail fast at the boundary). */
    public static void validate(BacktestConfig config) {
        StrategyFactory f = StrategyRegistry.get(config.strategy());
        f.create(new Params(f.name(), f.params(), config.params()));
    }

    public static BacktestResult run(BacktestConfig config, List<Instrument> instruments, List<BarSeries> data,
                                     String runId) {
        return run(config, instruments, data, runId, null);
    }

    /** Runs the backtest; {@code extra} (may be null) also observes the engine. */
    public static BacktestResult run(BacktestConfig config, List<Instrument> instruments, List<BarSeries> data,
                                     String runId, EngineListener extra) {
        if (instruments.size() != data.size() || instruments.isEmpty()) {
            throw new IllegalArgumentException("one bar series per instrument expected");
        }
        StrategyFactory factory = StrategyRegistry.get(config.strategy());
        List<Strategy> strategies = new ArrayList<>();
        for (int i = 0; i < instruments.size(); i++) {
            strategies.add(factory.create(new Params(factory.name(), factory.params(), config.params())));
        }
        FlatFeeModel fees = FlatFeeModel.ofBps(config.feeBps());
        SlippageModel slippage = config.fillModel() == FillModel.CLOSE || config.slippageBps() == 0
                ? SlippageModel.NONE : new FixedBpsSlippage(config.slippageBps());
        SimulatedExchange exchange = new SimulatedExchange(instruments, fees, slippage, config.fillModel(),
                config.intrabar());
        List<TradeRecord> trades = new ArrayList<>();
        List<Fill> fills = new ArrayList<>();
        EngineListener collector = new EngineListener() {
            @Override
            public void onFill(Order order, Fill fill) {
                fills.add(fill);
                if (extra != null) {
                    extra.onFill(order, fill);
                }
            }

            @Override
            public void onOrderSubmitted(Order order) {
                if (extra != null) {
                    extra.onOrderSubmitted(order);
                }
            }

            @Override
            public void onOrderRejected(Order order, ReasonCode reason) {
                if (extra != null) {
                    extra.onOrderRejected(order, reason);
                }
            }

            @Override
            public void onTradeClosed(TradeRecord trade) {
                trades.add(trade);
                if (extra != null) {
                    extra.onTradeClosed(trade);
                }
            }
        };
        dev.hft.engine.EngineConfig engineConfig = new dev.hft.engine.EngineConfig(
                config.engine().initialCapital(), config.engine().positionFraction(), fees.takerRate());
        TradingEngine engine = new TradingEngine(engineConfig, instruments, strategies, exchange, collector, runId);
        exchange.setListener(engine);

        long start = System.nanoTime();
        int n = data.size();
        int[] cursor = new int[n];
        int total = 0;
        for (BarSeries s : data) {
            total += s.size();
        }
        long[] eqTime = new long[Math.max(16, data.get(0).size())];
        long[] eq = new long[eqTime.length];
        int points = 0;
        Bar bar = new Bar();
        long currentTime = Long.MIN_VALUE;
        long lastClose = 0;
        for (int k = 0; k < total; k++) {
            int pick = -1;
            long best = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                if (cursor[i] < data.get(i).size()) {
                    long t = data.get(i).openTime(cursor[i]);
                    if (t < best) {
                        best = t;
                        pick = i;
                    }
                }
            }
            if (best != currentTime && currentTime != Long.MIN_VALUE) {
                if (points == eqTime.length) {
                    eqTime = Arrays.copyOf(eqTime, points * 2);
                    eq = Arrays.copyOf(eq, points * 2);
                }
                eqTime[points] = lastClose;
                eq[points++] = engine.equity();
            }
            currentTime = best;
            data.get(pick).fill(cursor[pick]++, pick, bar);
            lastClose = bar.closeTimeMs;
            exchange.onBar(bar);
            engine.onBar(bar);
        }
        engine.flattenAll(ReasonCode.EXIT_END_OF_DATA);
        exchange.flushAtLastClose();
        if (total > 0) {
            if (points == eqTime.length) {
                eqTime = Arrays.copyOf(eqTime, points + 1);
                eq = Arrays.copyOf(eq, points + 1);
            }
            eqTime[points] = lastClose;
            eq[points++] = engine.equity();
        }
        long elapsed = System.nanoTime() - start;
        return new BacktestResult(List.copyOf(instruments), List.copyOf(trades), List.copyOf(fills),
                Arrays.copyOf(eqTime, points), Arrays.copyOf(eq, points), config.engine().initialCapital(),
                engine.equity(), engine.totalFees(), engine.barsProcessed(), engine.ledger().nonZero(), elapsed);
    }
}
