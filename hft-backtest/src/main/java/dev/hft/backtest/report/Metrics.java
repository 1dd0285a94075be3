package dev.hft.backtest.report;

import dev.hft.backtest.RunResult;
import dev.hft.core.Fixed;
import dev.hft.core.ReasonCode;
import dev.hft.engine.TradeRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Performance figures of a backtest. Money stays fixed-point; ratios are doubles.
 *
 * <ul>
 *   <li>Sharpe: mean over sample standard deviation of daily returns, times sqrt(365) (crypto trades every
 *       day). A day's return is its last equity point over the previous day's (the first day: over the initial
 *       capital); days are UTC. Undefined (null) with fewer than 2 days or zero variance.</li>
 *   <li>Max drawdown: largest fall of equity from its running peak, in percent of the peak, over every equity
 *       point (one per bar time).</li>
 *   <li>Profit factor: gross profit over gross loss of closed trades; undefined (null) without losing trades.</li>
 *   <li>A win is a trade with pnl above 0 after fees; everything else is a loss.</li>
 * </ul>
 */
public final class Metrics {
    private static final long DAY_MS = 86_400_000L;

    public long initialCapital;
    public long finalCapital;
    public long totalPnl;
    public double totalReturnPct;
    public long totalFees;
    public int trades;
    public int wins;
    public int losses;
    public double winRatePct;
    public long avgWin;
    public double avgWinPct;
    public long avgLoss;
    public double avgLossPct;
    public Double profitFactor;
    public Double sharpe;
    public double maxDrawdownPct;
    public int tradingDays;
    public long bars;
    public List<String> symbols;
    /** By reason name: built-in codes in catalogue order, then the strategy's own in declaration order. */
    public Map<String, Long> exitReasons;
    public Map<String, ReasonStats> byEntryReason;
    public Map<String, ReasonStats> byExitReason;

    /** Trades and P&amp;L attributed to one reason. */
    public static final class ReasonStats {
        public int trades;
        public int wins;
        public long totalPnl;

        public double winRatePct() {
            return trades == 0 ? 0 : 100.0 * wins / trades;
        }

        public long avgPnl() {
            return trades == 0 ? 0 : Fixed.div(totalPnl, Fixed.of(trades));
        }
    }

    public static Metrics of(RunResult r) {
        return of(r, dailyReturns(r.equityTimeMs(), r.equity(), r.initialCapital()));
    }

    /** The same, with the run's {@link #dailyReturns} already computed (the optimizer needs them too). */
    public static Metrics of(RunResult r, double[] daily) {
        Metrics m = new Metrics();
        m.initialCapital = r.initialCapital();
        m.finalCapital = r.finalCapital();
        m.totalPnl = r.finalCapital() - r.initialCapital();
        m.totalReturnPct = 100.0 * Fixed.toDouble(m.totalPnl) / Fixed.toDouble(r.initialCapital());
        m.totalFees = r.totalFees();
        m.bars = r.bars();
        m.symbols = new ArrayList<>();
        r.instruments().forEach(i -> m.symbols.add(i.symbol()));

        long grossWin = 0;
        long grossLoss = 0;
        double winPctSum = 0;
        double lossPctSum = 0;
        java.util.Comparator<String> order = reasonOrder(r.ownReasons());
        m.exitReasons = new java.util.TreeMap<>(order);
        m.byEntryReason = new java.util.TreeMap<>(order);
        m.byExitReason = new java.util.TreeMap<>(order);
        for (TradeRecord t : r.trades()) {
            m.trades++;
            double pct = 100.0 * Fixed.toDouble(t.pnl()) / Fixed.toDouble(t.entryNotional());
            boolean win = t.pnl() > 0;
            if (win) {
                m.wins++;
                grossWin += t.pnl();
                winPctSum += pct;
            } else {
                m.losses++;
                grossLoss += t.pnl();
                lossPctSum += pct;
            }
            m.exitReasons.merge(t.exitReasonName(), 1L, Long::sum);
            add(m.byEntryReason, t.entryReasonName(), t, win);
            add(m.byExitReason, t.exitReasonName(), t, win);
        }
        m.winRatePct = m.trades == 0 ? 0 : 100.0 * m.wins / m.trades;
        m.avgWin = m.wins == 0 ? 0 : Fixed.div(grossWin, Fixed.of(m.wins));
        m.avgWinPct = m.wins == 0 ? 0 : winPctSum / m.wins;
        m.avgLoss = m.losses == 0 ? 0 : Fixed.div(grossLoss, Fixed.of(m.losses));
        m.avgLossPct = m.losses == 0 ? 0 : lossPctSum / m.losses;
        m.profitFactor = grossLoss == 0 ? null : Fixed.toDouble(grossWin) / -Fixed.toDouble(grossLoss);

        m.tradingDays = daily.length;
        m.sharpe = sharpe(daily);
        m.maxDrawdownPct = maxDrawdownPct(r.equity(), r.initialCapital());
        return m;
    }

    /**
     * Reports list reasons in one order: the built-in catalogue's, then the strategy's own in declaration order, then
     * any other name alphabetically.
     */
    public static java.util.Comparator<String> reasonOrder(List<dev.hft.engine.ReasonLedger.OwnCount> own) {
        Map<String, Integer> rank = new java.util.HashMap<>();
        for (ReasonCode c : ReasonCode.values()) {
            rank.put(c.name(), c.ordinal());
        }
        for (dev.hft.engine.ReasonLedger.OwnCount o : own) {
            rank.putIfAbsent(o.reason().name(), ReasonCode.values().length + rank.size());
        }
        return java.util.Comparator.<String>comparingInt(n -> rank.getOrDefault(n, Integer.MAX_VALUE))
                .thenComparing(java.util.Comparator.naturalOrder());
    }

    private static void add(Map<String, ReasonStats> map, String reason, TradeRecord t, boolean win) {
        ReasonStats s = map.computeIfAbsent(reason, c -> new ReasonStats());
        s.trades++;
        s.wins += win ? 1 : 0;
        s.totalPnl += t.pnl();
    }

    /** Daily returns from equity points; days are UTC calendar days of the point's time. */
    public static double[] dailyReturns(long[] timeMs, long[] equity, long initial) {
        return dailyReturns(equity, dayEnds(timeMs), initial);
    }

    /**
     * The same from the indices of each day's last point ({@link #dayEnds}), which depend on the times alone: many
     * equity curves over the same times (an optimizer's trials) share them and skip the other points.
     */
    public static double[] dailyReturns(long[] equity, int[] dayEnds, long initial) {
        double[] out = new double[dayEnds.length];
        double prev = Fixed.toDouble(initial);
        for (int d = 0; d < dayEnds.length; d++) {
            double e = Fixed.toDouble(equity[dayEnds[d]]);
            out[d] = e / prev - 1;
            prev = e;
        }
        return out;
    }

    /** Indices of the points that end a UTC day: the next point is on another day, or there is none. */
    public static int[] dayEnds(long[] timeMs) {
        int[] out = new int[16];
        int days = 0;
        // the UTC day of point i as [dayStart, dayEnd): a point outside it starts another day; one division per day
        long dayStart = 0;
        long dayEnd = 0;
        if (timeMs.length > 0) {
            dayStart = Math.floorDiv(timeMs[0], DAY_MS) * DAY_MS;
            dayEnd = dayStart + DAY_MS;
        }
        for (int i = 0; i < timeMs.length; i++) {
            boolean lastOfDay = i + 1 == timeMs.length;
            if (!lastOfDay) {
                long next = timeMs[i + 1];
                if (next < dayStart || next >= dayEnd) {
                    lastOfDay = true;
                    dayStart = Math.floorDiv(next, DAY_MS) * DAY_MS;
                    dayEnd = dayStart + DAY_MS;
                }
            }
            if (lastOfDay) {
                if (days == out.length) {
                    out = java.util.Arrays.copyOf(out, days * 2);
                }
                out[days++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, days);
    }

    /** Annualised Sharpe ratio of daily returns (risk-free rate 0), or null when undefined. */
    public static Double sharpe(double[] daily) {
        if (daily.length < 2) {
            return null;
        }
        double mean = 0;
        for (double d : daily) {
            mean += d;
        }
        mean /= daily.length;
        double ss = 0;
        for (double d : daily) {
            ss += (d - mean) * (d - mean);
        }
        double sd = Math.sqrt(ss / (daily.length - 1));
        if (sd == 0) {
            return null;
        }
        return mean / sd * Math.sqrt(365);
    }

    /** Largest peak-to-trough fall in percent; the initial capital is the first peak. */
    public static double maxDrawdownPct(long[] equity, long initial) {
        // (peak - e) / peak only falls as e rises under one peak, so each peak's deepest point decides: one division
        // per new peak instead of one per point, and the same result
        long peak = initial;
        long low = initial;
        double worst = 0;
        for (long e : equity) {
            if (e > peak) {
                worst = deeper(worst, peak, low);
                peak = e;
                low = e;
            } else if (e < low) {
                low = e;
            }
        }
        return 100.0 * deeper(worst, peak, low);
    }

    private static double deeper(double worst, long peak, long low) {
        double dd = (double) (peak - low) / peak;
        return dd > worst ? dd : worst; // not Math.max: a NaN (peak 0) never counts, as before
    }

    /** Exit reasons as name to count, in report order. */
    public Map<String, Long> exitReasonNames() {
        return new LinkedHashMap<>(exitReasons);
    }
}
