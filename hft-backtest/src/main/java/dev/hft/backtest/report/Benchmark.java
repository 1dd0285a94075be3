package dev.hft.backtest.report;

import dev.hft.backtest.data.BarSeries;
import dev.hft.core.Fixed;
import java.util.List;

/**
 * Buy-and-hold of the run's instruments, equal weight: the initial capital split evenly, each share spent at its
 * instrument's first close and marked at the last close at or before each point of the run's equity curve, without
 * fees (what a trader compares a strategy with). Alpha and beta come from the regression of the strategy's daily
 * returns on the benchmark's.
 */
public final class Benchmark {
    private Benchmark() {
    }

    /** The benchmark's equity at each of {@code timeMs} (fixed point, quote asset). */
    public static long[] equity(long[] timeMs, long initial, List<BarSeries> series) {
        int n = series.size();
        double share = Fixed.toDouble(initial) / n;
        double[] units = new double[n];
        int[] cursor = new int[n];
        long[] out = new long[timeMs.length];
        for (int p = 0; p < timeMs.length; p++) {
            double value = 0;
            for (int i = 0; i < n; i++) {
                BarSeries s = series.get(i);
                long interval = s.intervalMs();
                // the last bar closed at or before this point (a bar closes at open + interval - 1)
                while (cursor[i] < s.size() && s.openTime(cursor[i]) + interval - 1 <= timeMs[p]) {
                    cursor[i]++;
                }
                if (cursor[i] == 0) {
                    value += share; // not listed yet: its share waits in cash
                    continue;
                }
                double close = Fixed.toDouble(s.close(cursor[i] - 1));
                if (units[i] == 0 && close > 0) {
                    units[i] = share / Fixed.toDouble(s.close(0)); // bought at its first close
                }
                value += units[i] * close;
            }
            out[p] = Fixed.fromDouble(value);
        }
        return out;
    }

    /** Slope of the strategy's daily returns on the benchmark's: its exposure to the market's moves. */
    static double beta(double[] strategy, double[] bench) {
        int n = Math.min(strategy.length, bench.length);
        if (n < 2) {
            return Double.NaN;
        }
        double ms = mean(strategy, n);
        double mb = mean(bench, n);
        double cov = 0;
        double var = 0;
        for (int k = 0; k < n; k++) {
            cov += (strategy[k] - ms) * (bench[k] - mb);
            var += (bench[k] - mb) * (bench[k] - mb);
        }
        return var == 0 ? Double.NaN : cov / var;
    }

    /** Annualised alpha in percent: the mean daily return the benchmark's moves do not explain, x 365. */
    static double alphaPct(double[] strategy, double[] bench, double beta) {
        int n = Math.min(strategy.length, bench.length);
        if (n < 2 || Double.isNaN(beta)) {
            return Double.NaN;
        }
        return 100 * 365 * (mean(strategy, n) - beta * mean(bench, n));
    }

    private static double mean(double[] x, int n) {
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += x[k];
        }
        return sum / n;
    }
}
