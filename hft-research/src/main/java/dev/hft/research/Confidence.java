package dev.hft.research;

import dev.hft.backtest.RunResult;
import dev.hft.backtest.report.Metrics;
import dev.hft.core.Fixed;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bootstrap 95% intervals of a run's Sharpe ratio (circular block bootstrap of daily returns, blocks of about the
 * cube root of the number of days, so runs of good and bad days stay together), win rate and profit factor
 * (trades resampled with replacement). Seeded: the same run gives the same intervals.
 */
public final class Confidence {
    public static final int RESAMPLES = 2_000;
    public static final double LEVEL = 0.95;

    private Confidence() {
    }

    /** Interval bounds as {@code [low, high]} (null when there are too few days or trades), by figure name. */
    public static Map<String, List<Double>> of(RunResult r, long seed) {
        Map<String, List<Double>> m = new LinkedHashMap<>();
        double[] daily = Metrics.dailyReturns(r.equityTimeMs(), r.equity(), r.initialCapital());
        int block = Math.max(1, (int) Math.round(Math.cbrt(daily.length)));
        m.put("sharpe", pair(Stats.blockBootstrap(daily, x -> Stats.sharpe(x) * Math.sqrt(365), block, RESAMPLES,
                LEVEL, seed)));
        double[] pnl = r.trades().stream().mapToDouble(t -> Fixed.toDouble(t.pnl())).toArray();
        m.put("winRatePct", pair(Stats.blockBootstrap(pnl, Confidence::winRate, 1, RESAMPLES, LEVEL, seed + 1)));
        m.put("profitFactor", pair(Stats.blockBootstrap(pnl, Confidence::profitFactor, 1, RESAMPLES, LEVEL,
                seed + 2)));
        return m;
    }

    static double winRate(double[] pnl) {
        int w = 0;
        for (double p : pnl) {
            w += p > 0 ? 1 : 0;
        }
        return pnl.length == 0 ? Double.NaN : 100.0 * w / pnl.length;
    }

    /** Gross profit over gross loss; NaN (left out of the interval) when a resample has no loss. */
    static double profitFactor(double[] pnl) {
        double win = 0;
        double loss = 0;
        for (double p : pnl) {
            if (p > 0) {
                win += p;
            } else {
                loss -= p;
            }
        }
        return loss == 0 ? Double.NaN : win / loss;
    }

    private static List<Double> pair(Stats.Interval i) {
        return i == null ? null : List.of(ReportData.round(i.low()), ReportData.round(i.high()));
    }
}
