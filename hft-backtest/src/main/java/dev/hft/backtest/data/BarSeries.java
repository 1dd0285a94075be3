package dev.hft.backtest.data;

import dev.hft.core.Bar;
import java.util.Arrays;

/**
 * Bars of one symbol in time order, stored column-wise in primitive arrays (about 72 bytes a bar, no object per
 * bar). Read-only once built, so many backtests can share one instance across threads. Prices and volumes are
 * fixed-point; times are epoch ms.
 */
public final class BarSeries {
    private final String symbol;
    private final long intervalMs;
    private int size;
    private long[] openTime;
    private long[] open;
    private long[] high;
    private long[] low;
    private long[] close;
    private long[] volume;
    private long[] quoteVolume;
    private long[] trades;
    private long[] takerBuyVolume;

    public BarSeries(String symbol, long intervalMs, int capacity) {
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("interval must be positive");
        }
        this.symbol = symbol;
        this.intervalMs = intervalMs;
        int c = Math.max(16, capacity);
        openTime = new long[c];
        open = new long[c];
        high = new long[c];
        low = new long[c];
        close = new long[c];
        volume = new long[c];
        quoteVolume = new long[c];
        trades = new long[c];
        takerBuyVolume = new long[c];
    }

    public void add(long openTimeMs, long o, long h, long l, long c, long v, long qv, long n, long tbv) {
        if (size == openTime.length) {
            int cap = size + (size >> 1) + 16;
            openTime = Arrays.copyOf(openTime, cap);
            open = Arrays.copyOf(open, cap);
            high = Arrays.copyOf(high, cap);
            low = Arrays.copyOf(low, cap);
            close = Arrays.copyOf(close, cap);
            volume = Arrays.copyOf(volume, cap);
            quoteVolume = Arrays.copyOf(quoteVolume, cap);
            trades = Arrays.copyOf(trades, cap);
            takerBuyVolume = Arrays.copyOf(takerBuyVolume, cap);
        }
        int i = size++;
        openTime[i] = openTimeMs;
        open[i] = o;
        high[i] = h;
        low[i] = l;
        close[i] = c;
        volume[i] = v;
        quoteVolume[i] = qv;
        trades[i] = n;
        takerBuyVolume[i] = tbv;
    }

    /** Appends every row of {@code other}. */
    void addAll(BarSeries other) {
        for (int i = 0; i < other.size; i++) {
            add(other.openTime[i], other.open[i], other.high[i], other.low[i], other.close[i], other.volume[i],
                    other.quoteVolume[i], other.trades[i], other.takerBuyVolume[i]);
        }
    }

    /** Appends {@code n} rows given column by column (open time, o, h, l, c, v, qv, n, tbv). */
    void addColumns(long[][] cols, int n) {
        for (int i = 0; i < n; i++) {
            add(cols[0][i], cols[1][i], cols[2][i], cols[3][i], cols[4][i], cols[5][i], cols[6][i], cols[7][i],
                    cols[8][i]);
        }
    }

    /**
     * Fills the flyweight with bar {@code i}: as {@link Bar#set} and the three volume fields, every other field reset.
     * Written field by field, and the fields a kline never has (receive time, quote, liquidations, price path) reset
     * only when set: the fill is on the path of every bar of every run (half the cost of {@code set} measured).
     */
    public Bar fill(int i, int instrument, Bar bar) {
        long t = openTime[i];
        bar.instrument = instrument;
        bar.openTimeMs = t;
        bar.closeTimeMs = t + intervalMs - 1;
        bar.open = open[i];
        bar.high = high[i];
        bar.low = low[i];
        bar.close = close[i];
        bar.volume = volume[i];
        bar.quoteVolume = quoteVolume[i];
        bar.trades = trades[i];
        bar.takerBuyVolume = takerBuyVolume[i];
        if (bar.hasExtras()) {
            bar.clearExtras();
        }
        return bar;
    }

    /** A copy holding bars with {@code fromMs <= openTime < toMs}. */
    public BarSeries slice(long fromMs, long toMs) {
        int count = 0;
        for (int i = 0; i < size; i++) {
            count += openTime[i] >= fromMs && openTime[i] < toMs ? 1 : 0;
        }
        BarSeries s = new BarSeries(symbol, intervalMs, Math.max(1, count));
        for (int i = 0; i < size; i++) {
            if (openTime[i] >= fromMs && openTime[i] < toMs) {
                s.add(openTime[i], open[i], high[i], low[i], close[i], volume[i], quoteVolume[i], trades[i],
                        takerBuyVolume[i]);
            }
        }
        return s;
    }

    /** Sorts by open time (stable) when rows arrived out of order, e.g. files read in directory order. */
    void sortByTime() {
        boolean sorted = true;
        for (int i = 1; i < size && sorted; i++) {
            sorted = openTime[i - 1] <= openTime[i];
        }
        if (sorted) {
            return;
        }
        Integer[] idx = new Integer[size];
        for (int i = 0; i < size; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Long.compare(openTime[a], openTime[b]));
        openTime = permute(openTime, idx);
        open = permute(open, idx);
        high = permute(high, idx);
        low = permute(low, idx);
        close = permute(close, idx);
        volume = permute(volume, idx);
        quoteVolume = permute(quoteVolume, idx);
        trades = permute(trades, idx);
        takerBuyVolume = permute(takerBuyVolume, idx);
    }

    private long[] permute(long[] a, Integer[] idx) {
        long[] r = new long[a.length];
        for (int i = 0; i < size; i++) {
            r[i] = a[idx[i]];
        }
        return r;
    }

    /** Removes row {@code i} (used to drop duplicates once reported). */
    void removeAll(boolean[] drop) {
        int w = 0;
        for (int r = 0; r < size; r++) {
            if (drop[r]) {
                continue;
            }
            openTime[w] = openTime[r];
            open[w] = open[r];
            high[w] = high[r];
            low[w] = low[r];
            close[w] = close[r];
            volume[w] = volume[r];
            quoteVolume[w] = quoteVolume[r];
            trades[w] = trades[r];
            takerBuyVolume[w] = takerBuyVolume[r];
            w++;
        }
        size = w;
    }

    public String symbol() {
        return symbol;
    }

    public long intervalMs() {
        return intervalMs;
    }

    public int size() {
        return size;
    }

    public long openTime(int i) {
        return openTime[i];
    }

    public long open(int i) {
        return open[i];
    }

    public long high(int i) {
        return high[i];
    }

    public long low(int i) {
        return low[i];
    }

    public long close(int i) {
        return close[i];
    }

    public long volume(int i) {
        return volume[i];
    }

    public long quoteVolume(int i) {
        return quoteVolume[i];
    }

    public long trades(int i) {
        return trades[i];
    }

    public long takerBuyVolume(int i) {
        return takerBuyVolume[i];
    }
}
