package dev.hft.research;

import dev.hft.backtest.data.BarSeries;
import dev.hft.core.Instrument;
import java.util.ArrayList;
import java.util.List;

/**
 * Instruments and their bars, loaded once and shared read-only by every trial; slicing by time makes views for
 * in-sample, out-of-sample and walk-forward windows.
 */
public record Dataset(List<Instrument> instruments, List<BarSeries> series) {
    public Dataset {
        instruments = List.copyOf(instruments);
        series = List.copyOf(series);
        if (instruments.isEmpty() || instruments.size() != series.size()) {
            throw new IllegalArgumentException("one bar series per instrument expected");
        }
    }

    /** Open time of the earliest bar. */
    public long startMs() {
        long t = Long.MAX_VALUE;
        for (BarSeries s : series) {
            if (s.size() > 0) {
                t = Math.min(t, s.openTime(0));
            }
        }
        return t;
    }

    /** Close time (exclusive) of the latest bar. */
    public long endMs() {
        long t = Long.MIN_VALUE;
        for (BarSeries s : series) {
            if (s.size() > 0) {
                t = Math.max(t, s.openTime(s.size() - 1) + s.intervalMs());
            }
        }
        return t;
    }

    public long bars() {
        long n = 0;
        for (BarSeries s : series) {
            n += s.size();
        }
        return n;
    }

    /** Bars whose open time is in {@code [fromMs, toMs)}. */
    public Dataset slice(long fromMs, long toMs) {
        List<BarSeries> out = new ArrayList<>(series.size());
        for (BarSeries s : series) {
            out.add(s.slice(fromMs, toMs));
        }
        return new Dataset(instruments, out);
    }

    /** The first {@code fraction} of the period (by time). */
    public Dataset prefix(double fraction) {
        if (fraction >= 1) {
            return this;
        }
        long from = startMs();
        return slice(from, from + (long) ((endMs() - from) * fraction));
    }
}
