package dev.hft.research;

import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.report.ChartRecorder;
import dev.hft.core.Fixed;
import dev.hft.core.Side;
import dev.hft.engine.TradeRecord;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data of one symbol's price chart in the report: candles at several resolutions so that the page can show
 * every bar when zoomed in and aggregate when zoomed out without shipping every bar of a long run.
 *
 * <ul>
 *   <li>Whole-period levels: the bars aggregated to 5m, 15m, 1h, 4h and 1d (and the data's own interval), each kept
 *       when it has at most {@link #WHOLE_LIMIT} candles (the coarsest always). A year of 1-minute bars keeps 1h,
 *       4h and 1d; a week keeps every 1-minute bar.</li>
 *   <li>Detail: every bar around each trade (see {@link #windows}), merged into segments, at most
 *       {@link #DETAIL_LIMIT} bars per symbol (the earliest trades first), when the data's own interval is not
 *       already a whole-period level.</li>
 *   <li>The strategy's plotted lines, at each level's and segment's times (the last value in each candle), the
 *       entries (long, short), the exits (winning, losing) and each trade's stop and take-profit levels as steps
 *       from entry to exit, for the first {@link ReportData#MAX_MARKERS} trades.</li>
 * </ul>
 * A level is {@code {ms, t0, n, c, o, h, l, lines}} (see {@link #level} for the encoding): candle k opens at
 * {@code t0 + k ms}. Markers and stop levels are plain prices, rounded to the instrument's tick decimals.
 */
final class PriceChart {
    static final int WHOLE_LIMIT = 12_000;
    static final int DETAIL_BARS = 60;
    static final int DETAIL_LIMIT = 15_000;
    static final int LONG_TRADE_BARS = 3_000;
    private static final long MIN = 60_000L;
    private static final long[] INTERVALS = {MIN, 5 * MIN, 15 * MIN, 60 * MIN, 240 * MIN, 1440 * MIN};

    private PriceChart() {
    }

    static Map<String, Object> of(BarSeries s, int instrument, long tickSize, List<TradeRecord> trades,
                                  ChartRecorder rec) {
        long tick = tickSize > 0 ? tickSize : 1;
        int decimals = decimals(tick);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("symbol", s.symbol());
        m.put("tick", Fixed.toDouble(tick));
        m.put("decimals", decimals);
        Map<String, float[]> lines = rec == null ? Map.of() : rec.lines(instrument);
        List<Map<String, Object>> levels = new ArrayList<>();
        long base = s.intervalMs();
        boolean baseWhole = false;
        if (s.size() > 0) {
            List<Long> kept = new ArrayList<>();
            for (long ms : INTERVALS) {
                if (ms >= base && ms % base == 0 && span(s) / ms + 1 <= WHOLE_LIMIT) {
                    kept.add(ms);
                }
            }
            if (kept.isEmpty()) {
                kept.add(INTERVALS[INTERVALS.length - 1]);
            }
            baseWhole = kept.get(0) == base;
            for (long ms : kept) {
                levels.add(level(s, 0, s.size(), ms, tick, lines));
            }
        }
        m.put("levels", levels);
        List<TradeRecord> mine = trades.stream().filter(t -> t.instrument() == instrument)
                .limit(ReportData.MAX_MARKERS).toList();
        List<Map<String, Object>> detail = new ArrayList<>();
        if (!baseWhole && s.size() > 0) {
            int budget = DETAIL_LIMIT;
            for (int[] w : windows(s, mine)) {
                int to = Math.min(w[1], w[0] + budget);
                if (to <= w[0]) {
                    break;
                }
                detail.add(level(s, w[0], to, base, tick, lines));
                budget -= to - w[0];
            }
        }
        m.put("detail", detail);
        m.put("lineNames", new ArrayList<>(lines.keySet()));
        List<List<Object>> longs = new ArrayList<>();
        List<List<Object>> shorts = new ArrayList<>();
        List<List<Object>> wins = new ArrayList<>();
        List<List<Object>> losses = new ArrayList<>();
        List<List<Object>> stops = new ArrayList<>();
        List<List<Object>> targets = new ArrayList<>();
        List<ChartRecorder.Level> placed = rec == null ? List.of() : rec.levels(instrument);
        int cursor = 0;
        for (TradeRecord t : mine) {
            String side = t.side() == Side.BUY ? "long" : "short";
            (t.side() == Side.BUY ? longs : shorts).add(List.of(t.entryTimeMs(), Fixed.toDouble(t.entryPrice()),
                    side + " " + t.entryReasonName()));
            (t.pnl() > 0 ? wins : losses).add(List.of(t.exitTimeMs(), Fixed.toDouble(t.exitPrice()),
                    t.exitReasonName() + " " + Fixed.format(t.pnl())));
            while (cursor < placed.size() && placed.get(cursor).timeMs() < t.entryTimeMs()) {
                cursor++;
            }
            int end = cursor;
            while (end < placed.size() && placed.get(end).timeMs() <= t.exitTimeMs()) {
                end++;
            }
            steps(placed.subList(cursor, end), false, t.exitTimeMs(), decimals, stops);
            steps(placed.subList(cursor, end), true, t.exitTimeMs(), decimals, targets);
            cursor = end;
        }
        m.put("longEntries", longs);
        m.put("shortEntries", shorts);
        m.put("winningExits", wins);
        m.put("losingExits", losses);
        m.put("stops", stops);
        m.put("targets", targets);
        return m;
    }

    /** One trade's stop (or target) levels as steps to its exit, then a break before the next trade's. */
    private static void steps(List<ChartRecorder.Level> placed, boolean target, long exitMs, int decimals,
                              List<List<Object>> out) {
        Double last = null;
        for (ChartRecorder.Level l : placed) {
            if (l.target() == target) {
                last = round(l.price(), decimals);
                out.add(List.of(l.timeMs(), last));
            }
        }
        if (last != null) {
            out.add(List.of(exitMs, last));
            List<Object> gap = new ArrayList<>();
            gap.add(exitMs);
            gap.add(null);
            out.add(gap);
        }
    }

    /**
     * Bar index ranges [from, to) around every trade, merged where they touch: from {@code pad} bars before its
     * entry to {@code pad} after its exit, {@code pad} the larger of {@link #DETAIL_BARS} and twice the trade's
     * length (the span the trade list zooms to); a trade longer than {@link #LONG_TRADE_BARS} gets two windows of
     * {@link #DETAIL_BARS} around its entry and its exit instead.
     */
    static List<int[]> windows(BarSeries s, List<TradeRecord> trades) {
        List<int[]> raw = new ArrayList<>();
        for (TradeRecord t : trades) {
            int entry = index(s, t.entryTimeMs());
            int exit = index(s, t.exitTimeMs());
            int pad = Math.max(DETAIL_BARS, 2 * (exit - entry));
            if (exit - entry + 2 * pad <= LONG_TRADE_BARS) {
                raw.add(new int[] {Math.max(0, entry - pad), Math.min(s.size(), exit + pad + 1)});
            } else {
                raw.add(new int[] {Math.max(0, entry - DETAIL_BARS), Math.min(s.size(), entry + DETAIL_BARS + 1)});
                raw.add(new int[] {Math.max(0, exit - DETAIL_BARS), Math.min(s.size(), exit + DETAIL_BARS + 1)});
            }
        }
        raw.sort((a, b) -> Integer.compare(a[0], b[0]));
        List<int[]> out = new ArrayList<>();
        for (int[] w : raw) {
            if (!out.isEmpty() && w[0] <= out.get(out.size() - 1)[1]) {
                int[] last = out.get(out.size() - 1);
                last[1] = Math.max(last[1], w[1]);
            } else {
                out.add(w.clone());
            }
        }
        return out;
    }

    /** The last bar opened at or before {@code timeMs} (0 when none). */
    static int index(BarSeries s, long timeMs) {
        int lo = 0;
        int hi = s.size() - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (s.openTime(mid) <= timeMs) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static long span(BarSeries s) {
        return s.openTime(s.size() - 1) - s.openTime(0);
    }

    /**
     * Bars {@code [from, to)} as candles of {@code ms}: open of the first bar, highest high, lowest low, close of
     * the last; each line's last plotted value in the candle ({@code lines}: values by bar index, NaN for none).
     * Prices are whole ticks, delta-encoded to keep the page small: {@code c} is each close less the previous
     * candle's close (the first: the close itself), {@code o}, {@code h} and {@code l} are less the same candle's
     * close, and each line's value is less its previous value (rounded to ticks). An empty candle, or a line
     * without a value, is null and leaves the running value as it was.
     */
    static Map<String, Object> level(BarSeries s, int from, int to, long ms, long tick, Map<String, float[]> lines) {
        long t0 = Math.floorDiv(s.openTime(from), ms) * ms;
        int n = (int) ((Math.floorDiv(s.openTime(to - 1), ms) * ms - t0) / ms) + 1;
        long[] o = new long[n];
        long[] h = new long[n];
        long[] l = new long[n];
        long[] c = new long[n];
        boolean[] has = new boolean[n];
        for (int i = from; i < to; i++) {
            int k = (int) ((s.openTime(i) - t0) / ms);
            if (!has[k]) {
                has[k] = true;
                o[k] = s.open(i);
                h[k] = s.high(i);
                l[k] = s.low(i);
            } else {
                h[k] = Math.max(h[k], s.high(i));
                l[k] = Math.min(l[k], s.low(i));
            }
            c[k] = s.close(i);
        }
        List<Long> oc = new ArrayList<>(n);
        List<Long> hc = new ArrayList<>(n);
        List<Long> lc = new ArrayList<>(n);
        List<Long> cc = new ArrayList<>(n);
        long prev = 0;
        for (int k = 0; k < n; k++) {
            if (!has[k]) {
                oc.add(null);
                hc.add(null);
                lc.add(null);
                cc.add(null);
                continue;
            }
            long close = ticks(c[k], tick);
            cc.add(close - prev);
            prev = close;
            oc.add(ticks(o[k], tick) - close);
            hc.add(ticks(h[k], tick) - close);
            lc.add(ticks(l[k], tick) - close);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ms", ms);
        m.put("t0", t0);
        m.put("n", n);
        m.put("c", cc);
        m.put("o", oc);
        m.put("h", hc);
        m.put("l", lc);
        Map<String, Object> ls = new LinkedHashMap<>();
        double tickValue = Fixed.toDouble(tick);
        for (Map.Entry<String, float[]> e : lines.entrySet()) {
            float[] values = e.getValue();
            Long[] v = new Long[n];
            for (int i = from; i < to; i++) {
                float x = values[i];
                if (Float.isFinite(x)) {
                    v[(int) ((s.openTime(i) - t0) / ms)] = Math.round(x / tickValue);
                }
            }
            List<Long> deltas = new ArrayList<>(n);
            long last = 0;
            for (Long x : v) {
                if (x == null) {
                    deltas.add(null);
                } else {
                    deltas.add(x - last);
                    last = x;
                }
            }
            ls.put(e.getKey(), deltas);
        }
        m.put("lines", ls);
        return m;
    }

    /** A fixed-point price in whole ticks (prices of bars are on the tick grid; 1 unit when there is no tick). */
    private static long ticks(long price, long tick) {
        return Math.round((double) price / tick);
    }

    private static double round(double x, int decimals) {
        return BigDecimal.valueOf(x).setScale(decimals, RoundingMode.HALF_EVEN).doubleValue();
    }

    /** Decimals of a tick size in fixed point (0.01 gives 2); 8 when there is no tick. */
    static int decimals(long tickSize) {
        if (tickSize <= 0) {
            return 8;
        }
        int d = 8;
        long t = tickSize;
        while (d > 0 && t % 10 == 0) {
            t /= 10;
            d--;
        }
        return d;
    }
}
