package dev.hft.api.indicator;

import dev.hft.api.state.Snapshottable;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * On-balance volume: the running sum of each bar's volume, added when the close rose, subtracted when it fell,
 * unchanged when equal; starts at 0 on the first bar (as ta4j).
 */
public final class Obv implements Indicator, Snapshottable {
    private long count;
    private double previous = Double.NaN;
    private double value;

    /** Adds the next bar's close and volume. */
    public void update(double close, double volume) {
        count++;
        if (!Double.isNaN(previous)) {
            value += close > previous ? volume : close < previous ? -volume : 0;
        }
        previous = close;
    }

    @Override
    public double value() {
        return count > 0 ? value : Double.NaN;
    }

    @Override
    public int unstableBars() {
        return 1;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(count);
        out.writeDouble(previous);
        out.writeDouble(value);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        count = in.readLong();
        previous = in.readDouble();
        value = in.readDouble();
    }
}
