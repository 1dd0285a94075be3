package dev.hft.bench;

import dev.hft.backtest.RunSpec;
import dev.hft.backtest.RunResult;
import dev.hft.backtest.BacktestRunner;
import dev.hft.backtest.data.BarSeries;
import dev.hft.core.Fixed;
import dev.hft.core.ReasonCode;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.TradeRecord;
import dev.hft.engine.risk.RiskLimits;
import dev.hft.engine.sanitizer.SanitizerConfig;
import dev.hft.sim.FillModel;
import dev.hft.sim.IntrabarPolicy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.BaseStrategy;
import org.ta4j.core.Position;
import org.ta4j.core.TradingRecord;
import org.ta4j.core.backtest.BarSeriesManager;
import org.ta4j.core.backtest.TradeOnCurrentCloseModel;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.rules.CrossedDownIndicatorRule;
import org.ta4j.core.rules.CrossedUpIndicatorRule;

/**
 * One strategy, three implementations, on the same bars: long-only SMA 10/30 crossover, entering on a cross up
 * and exiting on a cross down, filled at the signal bar's close. The hft engine (full pipeline: sanitizer, risk,
 * cost, TCA, ledger), ta4j with {@code DoubleNum}, and a hand-written loop over primitive arrays (the ceiling).
 * Each returns the closed positions as pairs of bar indices, so the comparison is checked to be like for like.
 */
public final class SmaCrossThreeWays {
    public static final int FAST = 10;
    public static final int SLOW = 30;

    private SmaCrossThreeWays() {
    }

    /** The engine's settings for a like-for-like run: close fills, no fees, no slippage, no stop in the way. */
    public static RunSpec engineConfig() {
        RiskLimits noStop = new RiskLimits(99, 0, 0, 0, false, 100, 100, 5, 10, 0, 0, 0, 0);
        EngineConfig e = new EngineConfig(Fixed.of(10_000), 0.1, 0, SanitizerConfig.DEFAULT, noStop);
        return new RunSpec("sma-cross", Map.of("fast", "" + FAST, "slow", "" + SLOW), e, 0.0, null, null,
                false, 0.0, 0.0, FillModel.CLOSE, IntrabarPolicy.STOP_FIRST, 0);
    }

    /** Runs the full engine; closed positions as {entry index, exit index} (the end-of-data close left out). */
    public static List<int[]> engine(BarSeries s) {
        RunResult r = BacktestRunner.run(engineConfig(), List.of(BenchData.BTC), List.of(s), "bench");
        List<int[]> out = new ArrayList<>();
        for (TradeRecord t : r.trades()) {
            if (t.exitReason() != ReasonCode.EXIT_END_OF_DATA) {
                out.add(new int[] {index(s, t.entryTimeMs()), index(s, t.exitTimeMs())});
            }
        }
        return out;
    }

    private static int index(BarSeries s, long closeTimeMs) {
        return (int) ((closeTimeMs + 1 - s.intervalMs() - s.openTime(0)) / s.intervalMs());
    }

    /** Builds the ta4j series once (the engine's data is loaded once too). */
    public static org.ta4j.core.BarSeries ta4jSeries(BarSeries s) {
        org.ta4j.core.BarSeries series = new BaseBarSeriesBuilder().withNumTypeOf(DoubleNum.class).withName("BTC")
                .build();
        Duration minute = Duration.ofMillis(s.intervalMs());
        for (int i = 0; i < s.size(); i++) {
            ZonedDateTime end = Instant.ofEpochMilli(s.openTime(i) + s.intervalMs()).atZone(ZoneOffset.UTC);
            series.addBar(minute, end, Fixed.toDouble(s.open(i)), Fixed.toDouble(s.high(i)),
                    Fixed.toDouble(s.low(i)), Fixed.toDouble(s.close(i)), Fixed.toDouble(s.volume(i)));
        }
        return series;
    }

    /**
     * Runs ta4j's backtest with trades at the signal bar's close (ta4j 0.17 defaults to the next bar's open, so the
     * close model is set explicitly); closed positions as index pairs.
     */
    public static List<int[]> ta4j(org.ta4j.core.BarSeries series) {
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        SMAIndicator fast = new SMAIndicator(close, FAST);
        SMAIndicator slow = new SMAIndicator(close, SLOW);
        BaseStrategy strategy = new BaseStrategy(new CrossedUpIndicatorRule(fast, slow),
                new CrossedDownIndicatorRule(fast, slow), SLOW);
        TradingRecord record = new BarSeriesManager(series, new TradeOnCurrentCloseModel()).run(strategy);
        List<int[]> out = new ArrayList<>();
        for (Position p : record.getPositions()) {
            out.add(new int[] {p.getEntry().getIndex(), p.getExit().getIndex()});
        }
        return out;
    }

    /** The same rules over a primitive array: the ceiling of what this strategy can cost. */
    public static List<int[]> primitive(double[] close) {
        List<int[]> out = new ArrayList<>();
        double fastSum = 0;
        double slowSum = 0;
        double prevDiff = Double.NaN;
        int entry = -1;
        for (int i = 0; i < close.length; i++) {
            fastSum += close[i] - (i >= FAST ? close[i - FAST] : 0);
            slowSum += close[i] - (i >= SLOW ? close[i - SLOW] : 0);
            if (i + 1 < SLOW) {
                continue;
            }
            double diff = fastSum / FAST - slowSum / SLOW;
            if (!Double.isNaN(prevDiff)) {
                if (entry < 0 && prevDiff <= 0 && diff > 0) {
                    entry = i;
                } else if (entry >= 0 && prevDiff >= 0 && diff < 0) {
                    out.add(new int[] {entry, i});
                    entry = -1;
                }
            }
            prevDiff = diff;
        }
        return out;
    }

    public static double[] closes(BarSeries s) {
        double[] c = new double[s.size()];
        for (int i = 0; i < c.length; i++) {
            c[i] = Fixed.toDouble(s.close(i));
        }
        return c;
    }
}
