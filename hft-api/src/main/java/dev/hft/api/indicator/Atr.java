package dev.hft.api.indicator;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import dev.hft.api.state.StateIO;
import dev.hft.api.state.Snapshottable;

/**
 * Average true range with Wilder's smoothing: true range is {@code max(high - low, |high - prevClose|,
 * |low - prevClose|)} (just {@code high - low} on the first bar); the first ATR is the mean of the first
 * {@code period} true ranges, then {@code atr = (atr * (period - 1) + tr) / period}.
 */
public final class Atr implements Indicator, Snapshottable {
    private final int period;
    private final Wilder smooth;
    private double prevClose = Double.NaN;

    /** ATR over {@code period} bars (14 is usual). */
    public Atr(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("ATR period must be >= 1, got " + period);
        }
        this.period = period;
        this.smooth = new Wilder(period);
    }

    /** Adds the next bar's high, low and close. */
    public void update(double high, double low, double close) {
        double tr = high - low;
        if (!Double.isNaN(prevClose)) {
            tr = Math.max(tr, Math.max(Math.abs(high - prevClose), Math.abs(low - prevClose)));
        }
        prevClose = close;
        smooth.update(tr);
    }

    @Override
    public double value() {
        return smooth.value();
    }

    @Override
    public int unstableBars() {
        return period;
    }

    @Override
    public long count() {
        return smooth.count();
    }

    // the layout ATR snapshots always had: count, previous close, seed sum, value
    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(smooth.count());
        StateIO.dbl(out, prevClose);
        StateIO.dbl(out, smooth.seed());
        StateIO.dbl(out, smooth.value());
    }

    @Override
    public void readState(DataInput in) throws IOException {
        long count = in.readLong();
        prevClose = StateIO.dbl(in);
        double seed = StateIO.dbl(in);
        smooth.restore(count, seed, StateIO.dbl(in));
    }
}
