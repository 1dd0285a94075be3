package dev.hft.backtest;

import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.session.SessionRecorder;
import dev.hft.core.Bar;
import dev.hft.core.Instrument;
import dev.hft.core.ReasonCode;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.EngineListener;
import dev.hft.engine.journal.JsonEngineJournal;
import dev.hft.journal.JournalWriter;
import dev.hft.journal.SnapshotStore;
import dev.hft.engine.TradingEngine;
import dev.hft.engine.bus.EventBus;
import dev.hft.engine.cost.FlatFeeModel;
import dev.hft.api.Params;
import dev.hft.api.StrategyFactory;
import dev.hft.engine.strategy.StrategyRegistry;
import dev.hft.engine.tca.Tca;
import dev.hft.sim.SimulatedExchange;
import java.util.Arrays;
import java.util.List;

/**
 * Runs one backtest on one thread: merges the symbols' bars in time order (ties by instrument index), stamps
 * each with its receive time from the latency model, and hands it to the engine, which sanitizes it, lets the
 * simulated exchange match, and decides. No queues; many runs can share the same read-only {@link BarSeries}
 * in parallel.
 */
public final class BacktestRunner {
    /** Window (bars) of the market statistics behind the spread and impact estimates ({@link Kernels}). */
    public static final int STATS_WINDOW = Kernels.STATS_WINDOW;

    private BacktestRunner() {
    }

    /** Validates the strategy, its parameters and the fee choice without running (fail fast at the boundary). */
    public static void validate(RunSpec config) {
        StrategyFactory f = StrategyRegistry.get(config.strategy());
        f.create(new Params(f.name(), f.params(), config.params()));
        feeModel(config);
    }

    /** The fee model a config asks for: a flat rate, or the fee table's venue and tier. */
    public static FlatFeeModel feeModel(RunSpec config) {
        return Kernels.feeModel(config);
    }

    public static RunResult run(RunSpec config, List<Instrument> instruments, List<BarSeries> data,
                                     String runId) {
        return run(config, instruments, data, runId, null);
    }

    /** Runs the backtest; {@code extra} (may be null) also observes the engine's event bus. */
    public static RunResult run(RunSpec config, List<Instrument> instruments, List<BarSeries> data,
                                     String runId, EngineListener extra) {
        return run(config, instruments, data, runId, extra, null);
    }

    /**
     * Runs the backtest, writing every input, decision and command to {@code journal} when it is not null (the
     * first record, {@code start}, holds what {@code hft replay} needs to rebuild the same engine).
     */
    public static RunResult run(RunSpec config, List<Instrument> instruments, List<BarSeries> data,
                                     String runId, EngineListener extra, JournalWriter journal) {
        return run(config, instruments, data, runId, extra, journal, null);
    }

    /** As above; {@code onEngine} (may be null) receives the engine before the first bar (tests, tools). */
    public static RunResult run(RunSpec config, List<Instrument> instruments, List<BarSeries> data,
                                     String runId, EngineListener extra, JournalWriter journal,
                                     java.util.function.Consumer<TradingEngine> onEngine) {
        return run(config, instruments, data, runId, extra, journal, onEngine, 0);
    }

    /**
     * As above; with a journal and {@code snapshotEveryBars > 0}, a snapshot of the engine is written beside the
     * journal every that many bars (after forcing the journal, so a snapshot is never ahead of it).
     */
    public static RunResult run(RunSpec config, List<Instrument> instruments, List<BarSeries> data,
                                     String runId, EngineListener extra, JournalWriter journal,
                                     java.util.function.Consumer<TradingEngine> onEngine, int snapshotEveryBars) {
        if (instruments.size() != data.size() || instruments.isEmpty()) {
            throw new IllegalArgumentException("one bar series per instrument expected");
        }
        EventBus bus = new EventBus();
        SessionRecorder recorder = SessionRecorder.on(bus);
        Kernels.Simulated kernel = Kernels.simulated(config, instruments, bus, runId);
        TradingEngine engine = kernel.engine();
        SimulatedExchange exchange = kernel.exchange();
        FlatFeeModel fees = kernel.fees();
        EngineConfig engineConfig = kernel.engineConfig();
        Tca tca = new Tca(kernel.costs(), instruments.toArray(new Instrument[0]));
        bus.subscribe(tca);
        bus.subscribe(extra);
        if (journal != null) {
            journal.append("start", data.get(0).size() > 0 ? data.get(0).openTime(0) : 0,
                    StartRecord.encode(config, engineConfig, instruments, fees), false);
            engine.setJournal(new JsonEngineJournal(journal));
        }
        if (onEngine != null) {
            onEngine.accept(engine);
        }

        long start = System.nanoTime();
        int[] cursor = new int[data.size()];
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
            int pick = next(data, cursor);
            long best = data.get(pick).openTime(cursor[pick]);
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
            if (config.latencyMs() > 0) {
                bar.receiveTimeMs = bar.closeTimeMs + config.latencyMs();
            }
            lastClose = bar.closeTimeMs;
            engine.onBar(bar);
            if (journal != null && snapshotEveryBars > 0 && (k + 1) % snapshotEveryBars == 0
                    && engine.snapshottable()) {
                journal.sync();
                SnapshotStore.write(journal.dir(), journal.lastSeq(), runId, engine.snapshot());
            }
        }
        engine.flattenAll(ReasonCode.EXIT_END_OF_DATA);
        exchange.flushAtLastClose();
        engine.stopStrategies(); // after the last fills, which the strategies hear of first
        if (total > 0) {
            if (points == eqTime.length) {
                eqTime = Arrays.copyOf(eqTime, points + 1);
                eq = Arrays.copyOf(eq, points + 1);
            }
            eqTime[points] = lastClose;
            eq[points++] = engine.equity();
        }
        long elapsed = System.nanoTime() - start;
        return new RunResult(List.copyOf(instruments), recorder.tradeList(), recorder.fillList(),
                Arrays.copyOf(eqTime, points), Arrays.copyOf(eq, points), config.engine().initialCapital(),
                engine.equity(), engine.totalFees(), engine.barsProcessed(), engine.ledger().nonZero(),
                SessionRecorder.sanitizerReport(engine.sanitizer(), instruments), recorder.riskReport(engine),
                List.copyOf(tca.records()), tca.summary(), SessionRecorder.costReport(config, fees), elapsed,
                engine.ledger().own());
    }

    /**
     * The series whose bar comes next in a backtest's merged stream: the earliest open time at the cursors, ties to
     * the lower index; -1 when every series is done. Every evaluator of a backtest merges with this.
     */
    public static int next(List<BarSeries> data, int[] cursor) {
        int pick = -1;
        long best = Long.MAX_VALUE;
        for (int i = 0; i < data.size(); i++) {
            if (cursor[i] < data.get(i).size()) {
                long t = data.get(i).openTime(cursor[i]);
                if (t < best) {
                    best = t;
                    pick = i;
                }
            }
        }
        return pick;
    }
}
