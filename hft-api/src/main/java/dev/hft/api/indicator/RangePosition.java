package dev.hft.api.indicator;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import dev.hft.api.state.StateIO;
import dev.hft.api.state.Snapshottable;

/**
 * Where the close sits in the rolling high-low range of the last {@code period} bars: 0 at the lowest low,
 * 1 at the highest high. The window includes the current bar, so the value is always within [0, 1]. A flat
 * range (high == low) gives 0.5.
 */
public final class RangePosition implements Indicator, Snapshottable {
    private final RollingExtreme highs;
    private final RollingExtreme lows;
    private double value = Double.NaN;

    /** The position within the range of the last {@code period} bars, the current one included. */
    public RangePosition(int period) {
        this.highs = RollingExtreme.max(period);
        this.lows = RollingExtreme.min(period);
    }

    /** Adds the next bar's high, low and close. */
    public void update(double high, double low, double close) {
        highs.update(high);
        lows.update(low);
        if (highs.isReady()) {
            double hi = highs.value();
            double lo = lows.value();
            value = hi > lo ? (close - lo) / (hi - lo) : 0.5;
        }
    }

    /** The highest high of the window. */
    public double rangeHigh() {
        return highs.value();
    }

    /** The lowest low of the window. */
    public double rangeLow() {
        return lows.value();
    }

    @Override
    public double value() {
        return value;
    }

    @Override
    public int unstableBars() {
        return highs.unstableBars();
    }

    @Override
    public long count() {
        return highs.count();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        highs.writeState(out);
        lows.writeState(out);
        StateIO.dbl(out, value);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        highs.readState(in);
        lows.readState(in);
        value = StateIO.dbl(in);
    }
}
