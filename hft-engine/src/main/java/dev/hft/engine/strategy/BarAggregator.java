package dev.hft.engine.strategy;

import dev.hft.core.Bar;
import dev.hft.api.state.Snapshottable;
import dev.hft.api.state.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Builds bars of a longer interval from the base bars of one instrument, causally: a bar of the longer interval is
 * complete, and given out, with the base bar that closes it (whose close time is the interval's last millisecond),
 * never earlier; nothing of a later base bar is in it. Intervals are aligned to the epoch in UTC, as Binance's
 * are up to a day (a 1h bar covers hh:00 to hh:59:59.999).
 *
 * <p>Open of the first base bar, high and low over all of them, close of the last, volumes, quote volume, trade
 * count and taker-buy volume summed. A first interval the data joins in the middle is not given out (it would be a
 * part posing as a whole); a base bar missing inside an interval (a gap the sanitizer freezes on) leaves the
 * aggregate made of the bars that came. O(1) per base bar, no allocation.
 */
public final class BarAggregator implements Snapshottable {
    private final long intervalMs;
    private final Bar out = new Bar();
    private long start = Long.MIN_VALUE;
    private boolean started;
    /** False while the data joined the current interval after its start. */
    private boolean whole;

    public BarAggregator(long intervalMs) {
        if (intervalMs <= 0) {
            throw new IllegalArgumentException("interval must be positive, got " + intervalMs + " ms");
        }
        this.intervalMs = intervalMs;
    }

    public long intervalMs() {
        return intervalMs;
    }

    /**
     * Adds a base bar (in time order); returns the finished bar of the longer interval when {@code base} closes
     * it, else null. The returned bar is reused by the next call: copy it to keep it.
     */
    public Bar add(Bar base) {
        long s = Math.floorDiv(base.openTimeMs, intervalMs) * intervalMs;
        if (s != start) {
            start = s;
            whole = base.openTimeMs == s;
            started = true;
            out.set(base.instrument, s, s + intervalMs - 1, base.open, base.high, base.low, base.close, base.volume);
            out.quoteVolume = base.quoteVolume;
            out.trades = base.trades;
            out.takerBuyVolume = base.takerBuyVolume;
        } else {
            out.high = Math.max(out.high, base.high);
            out.low = Math.min(out.low, base.low);
            out.close = base.close;
            out.volume += base.volume;
            out.quoteVolume += base.quoteVolume;
            out.trades += base.trades;
            out.takerBuyVolume += base.takerBuyVolume;
        }
        if (base.closeTimeMs == out.closeTimeMs && started) {
            started = false;
            out.receiveTimeMs = base.receiveTimeMs;
            return whole ? out : null;
        }
        return null;
    }

    @Override
    public void writeState(DataOutput o) throws IOException {
        o.writeLong(start);
        o.writeBoolean(started);
        o.writeBoolean(whole);
        StateIO.longs(o, new long[] {out.openTimeMs, out.closeTimeMs, out.open, out.high, out.low, out.close,
            out.volume, out.quoteVolume, out.trades, out.takerBuyVolume});
    }

    @Override
    public void readState(DataInput in) throws IOException {
        start = in.readLong();
        started = in.readBoolean();
        whole = in.readBoolean();
        long[] v = new long[10];
        StateIO.longs(in, v);
        out.set(out.instrument, v[0], v[1], v[2], v[3], v[4], v[5], v[6]);
        out.quoteVolume = v[7];
        out.trades = v[8];
        out.takerBuyVolume = v[9];
    }
}
