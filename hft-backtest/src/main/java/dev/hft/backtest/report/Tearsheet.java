package dev.hft.backtest.report;

import dev.hft.core.Fixed;
import dev.hft.engine.TradeRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The figures a trader's tearsheet shows beside the key figures: growth and risk per year, the worst drawdowns with
 * their dates, how long positions are held and how much of the time one is open, the best and worst days and trades,
 * streaks, expectancy and payoff. Days are UTC calendar days of the equity curve ({@link Metrics#dailyReturns}), a
 * year 365 of them (crypto trades every day); percentages are of equity unless said otherwise.
 */
public final class Tearsheet {
    private static final double DAY_MS = 86_400_000.0;
    static final double HOUR_MS = 3_600_000.0;

    /** One fall from a peak: when it started, its lowest point, when equity regained the peak (or -1), in percent. */
    public record Drawdown(long peakMs, long troughMs, long recoveryMs, double depthPct) {
        /** Days from the peak to the recovery, or to {@code endMs} when it has not recovered. */
        public double days(long endMs) {
            return ((recoveryMs < 0 ? endMs : recoveryMs) - peakMs) / DAY_MS;
        }
    }

    private Tearsheet() {
    }

    /** Compound annual growth in percent over {@code days} days; NaN without a day or with nothing left. */
    static double cagrPct(long initial, long fin, int days) {
        if (days <= 0 || initial <= 0 || fin <= 0) {
            return Double.NaN;
        }
        return 100 * (Math.pow((double) fin / initial, 365.0 / days) - 1);
    }

    /** Annualised volatility of daily returns in percent (sample deviation x sqrt 365). */
    static double volatilityPct(double[] daily) {
        if (daily.length < 2) {
            return Double.NaN;
        }
        double mean = Arrays.stream(daily).average().orElse(0);
        double ss = 0;
        for (double d : daily) {
            ss += (d - mean) * (d - mean);
        }
        return 100 * Math.sqrt(ss / (daily.length - 1)) * Math.sqrt(365);
    }

    /** Annualised Sortino ratio: mean daily return over the downside deviation (target 0), x sqrt 365. */
    static double sortino(double[] daily) {
        if (daily.length < 2) {
            return Double.NaN;
        }
        double mean = Arrays.stream(daily).average().orElse(0);
        double down = 0;
        for (double d : daily) {
            down += d < 0 ? d * d : 0;
        }
        down = Math.sqrt(down / daily.length);
        return down == 0 ? Double.NaN : mean / down * Math.sqrt(365);
    }

    /** Share of [startMs, endMs] with at least one position open, in percent (overlapping trades count once). */
    static double exposurePct(List<TradeRecord> trades, long startMs, long endMs) {
        if (endMs <= startMs || trades.isEmpty()) {
            return trades.isEmpty() ? 0 : Double.NaN;
        }
        long[][] spans = trades.stream().map(x -> new long[] {x.entryTimeMs(), x.exitTimeMs()})
                .sorted(Comparator.comparingLong(a -> a[0])).toArray(long[][]::new);
        long covered = 0;
        long from = spans[0][0];
        long to = spans[0][1];
        for (long[] s : spans) {
            if (s[0] > to) {
                covered += to - from;
                from = s[0];
                to = s[1];
            } else {
                to = Math.max(to, s[1]);
            }
        }
        covered += to - from;
        return 100.0 * covered / (endMs - startMs);
    }

    /**
     * Every fall below a running peak, the initial capital being the first: its peak's time (the time of the point
     * that set it; the first point's for the initial capital), its lowest point, and the first point back at or above
     * the peak (-1 when it never came back).
     */
    static List<Drawdown> drawdowns(long[] timeMs, long[] equity, long initial) {
        List<Drawdown> out = new ArrayList<>();
        long peak = initial;
        long peakMs = timeMs.length == 0 ? 0 : timeMs[0];
        long low = Long.MAX_VALUE;
        long lowMs = 0;
        for (int i = 0; i < equity.length; i++) {
            long e = equity[i];
            if (e >= peak) {
                if (low < peak) { // a drawdown just recovered
                    out.add(new Drawdown(peakMs, lowMs, timeMs[i], 100.0 * (peak - low) / peak));
                }
                peak = e;
                peakMs = timeMs[i];
                low = Long.MAX_VALUE;
            } else if (e < low) {
                low = e;
                lowMs = timeMs[i];
            }
        }
        if (low < peak) {
            out.add(new Drawdown(peakMs, lowMs, -1, 100.0 * (peak - low) / peak));
        }
        return out;
    }

    /** The longest runs of winning and of losing trades, in order; a trade at 0 is a loss, as in the win rate. */
    static int[] streaks(long[] pnl) {
        int win = 0;
        int loss = 0;
        int bestWin = 0;
        int bestLoss = 0;
        for (long p : pnl) {
            if (p > 0) {
                win++;
                loss = 0;
            } else {
                loss++;
                win = 0;
            }
            bestWin = Math.max(bestWin, win);
            bestLoss = Math.max(bestLoss, loss);
        }
        return new int[] {bestWin, bestLoss};
    }

    /** Mean win over the size of the mean loss; NaN without both. */
    static double payoff(long[] pnl) {
        double wins = 0;
        double losses = 0;
        int w = 0;
        int l = 0;
        for (long p : pnl) {
            if (p > 0) {
                wins += Fixed.toDouble(p);
                w++;
            } else if (p < 0) {
                losses += Fixed.toDouble(p);
                l++;
            }
        }
        return w == 0 || l == 0 ? Double.NaN : (wins / w) / (-losses / l);
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

}
