package dev.hft.research;

import dev.hft.backtest.RunSpec;
import dev.hft.backtest.RunResult;
import dev.hft.backtest.BacktestRunner;
import dev.hft.core.Fill;
import dev.hft.core.ReasonCode;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.TradeRecord;
import dev.hft.engine.tca.TcaRecord;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walk-forward validation: the period is cut into (train, test) windows, rolling (the train window slides) or
 * anchored (it always starts at the beginning); the optimizer runs on each train window alone and its best
 * parameters trade the following test window. The test windows, each starting with the capital the previous
 * one ended with, are stitched into one out-of-sample equity curve: every point on it was traded with parameters
 * chosen only from earlier data. A purge gap between train and test keeps trades and indicator windows of the
 * one from reaching into the other (in walk-forward, training never follows testing, so the gap serves as both
 * purge and embargo).
 */
public final class WalkForward {
    private WalkForward() {
    }

    /** One train/test split (open times, end exclusive). */
    public record Window(int index, long trainFromMs, long trainToMs, long testFromMs, long testToMs) {
    }

    /**
     * One window's outcome.
     *
     * @param window       the split
     * @param optimization the search on the train window
     * @param test         the best parameters on the test window, or null when no trial met the constraints (the
     *                     window then stays flat)
     */
    public record WindowResult(Window window, OptimizationResult optimization, RunResult test) {
    }

    /**
     * The whole walk.
     *
     * @param windows  every window in time order
     * @param stitched the test windows as one out-of-sample run (trades, fills, equity; per-window sanitizer and
     *                 risk reports are in the window results)
     * @param trials   trials run over all windows
     */
    public record Result(List<WindowResult> windows, RunResult stitched, int trials) {
    }

    /** The windows over {@code [startMs, endMs)}; the last test window ends at or before {@code endMs}. */
    public static List<Window> windows(long startMs, long endMs, long trainMs, long testMs, long purgeMs,
                                       boolean anchored) {
        if (trainMs <= 0 || testMs <= 0 || purgeMs < 0) {
            throw new IllegalArgumentException("train and test must be positive and purge >= 0");
        }
        List<Window> out = new ArrayList<>();
        for (int k = 0; ; k++) {
            long trainFrom = anchored ? startMs : startMs + k * testMs;
            long trainTo = startMs + trainMs + k * testMs;
            long testFrom = trainTo + purgeMs;
            long testTo = testFrom + testMs;
            if (testTo > endMs) {
                break;
            }
            out.add(new Window(k, trainFrom, trainTo, testFrom, testTo));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the data (" + (endMs - startMs) / 86_400_000 + " days) is too short "
                    + "for one train + purge + test window");
        }
        return out;
    }

    /** Runs the walk; {@code progress} (may be null) sees each window's trials. */
    public static Result run(SearchSpec spec, Dataset data, List<Window> windows, Optimizer.Progress progress) {
        List<WindowResult> results = new ArrayList<>();
        long capital = spec.base().engine().initialCapital();
        int trials = 0;
        for (Window w : windows) {
            OptimizationResult opt = Optimizer.run(spec, data.slice(w.trainFromMs(), w.trainToMs()), null,
                    progress);
            trials += opt.sampled();
            RunResult test = null;
            if (opt.best() != null) {
                RunSpec cfg = withCapital(spec.base().withParams(opt.best().params()), capital);
                Dataset slice = data.slice(w.testFromMs(), w.testToMs());
                test = BacktestRunner.run(cfg, slice.instruments(), slice.series(), "wf-" + w.index());
                capital = test.finalCapital();
            }
            results.add(new WindowResult(w, opt, test));
        }
        return new Result(List.copyOf(results), stitch(spec, data, results), trials);
    }

    static RunSpec withCapital(RunSpec b, long capital) {
        EngineConfig e = b.engine();
        EngineConfig ec = new EngineConfig(capital, e.positionFraction(), e.feeRate(), e.sanitizer(), e.risk());
        return new RunSpec(b.strategy(), b.params(), ec, b.feeBps(), b.venue(), b.tier(), b.payFeesInToken(),
                b.slippageBps(), b.impactCoef(), b.fillModel(), b.intrabar(), b.latencyMs(), b.limitFill());
    }

    private static RunResult stitch(SearchSpec spec, Dataset data, List<WindowResult> windows) {
        List<TradeRecord> trades = new ArrayList<>();
        List<Fill> fills = new ArrayList<>();
        List<TcaRecord> tca = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<Long> equity = new ArrayList<>();
        Map<ReasonCode, Long> reasons = new EnumMap<>(ReasonCode.class);
        long initial = spec.base().engine().initialCapital();
        long capital = initial;
        long fees = 0;
        long bars = 0;
        long elapsed = 0;
        Map<String, Object> cost = new LinkedHashMap<>();
        // the strategy's own reasons, summed by name over the windows in declaration order
        Map<String, dev.hft.engine.ReasonLedger.OwnCount> own = new LinkedHashMap<>();
        for (WindowResult w : windows) {
            RunResult t = w.test();
            if (t == null) {
                times.add(w.window().testToMs() - 1);
                equity.add(capital);
                continue;
            }
            trades.addAll(t.trades());
            fills.addAll(t.fills());
            tca.addAll(t.tca());
            for (int i = 0; i < t.equity().length; i++) {
                times.add(t.equityTimeMs()[i]);
                equity.add(t.equity()[i]);
            }
            t.reasons().forEach((k, v) -> reasons.merge(k, v, Long::sum));
            for (dev.hft.engine.ReasonLedger.OwnCount o : t.ownReasons()) {
                own.merge(o.reason().name(), o, (a, b) -> new dev.hft.engine.ReasonLedger.OwnCount(a.reason(),
                        a.count() + b.count()));
            }
            capital = t.finalCapital();
            fees += t.totalFees();
            bars += t.bars();
            elapsed += t.elapsedNanos();
            cost = t.costModel();
        }
        return new RunResult(data.instruments(), trades, fills,
                times.stream().mapToLong(Long::longValue).toArray(),
                equity.stream().mapToLong(Long::longValue).toArray(), initial, capital, fees, bars, reasons,
                Map.of(), Map.of(), tca, Map.of(), cost, elapsed, List.copyOf(own.values()));
    }
}
