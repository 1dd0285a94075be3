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
    private long count;
    private double prevClose = Double.NaN;
    private double seedSum;
    private double value = Double.NaN;

    /** ATR over {@code period} bars (14 is usual). */
    public Atr(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("ATR period must be >= 1, got " + period);
        }
        this.period = period;
    }

    /** Adds the next bar's high, low and close. */
    public void update(double high, double low, double close) {
        double tr = high - low;
        if (!Double.isNaN(prevClose)) {
            tr = Math.max(tr, Math.max(Math.abs(high - prevClose), Math.abs(low - prevClose)));
        }
        prevClose = close;
        count++;
        if (count < period) {
            seedSum += tr;
        } else if (count == period) {
            value = (seedSum + tr) / period;
        } else {
            value = (value * (period - 1) + tr) / period;
        }
    }

    @Override
    public double value() {
        return value;
    }

    @Override
    public int unstableBars() {
        return period;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(count);
        StateIO.dbl(out, prevClose);
        StateIO.dbl(out, seedSum);
        StateIO.dbl(out, value);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        count = in.readLong();
        prevClose = StateIO.dbl(in);
        seedSum = StateIO.dbl(in);
        value = StateIO.dbl(in);
    }
}
