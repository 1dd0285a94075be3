package dev.hft.api.indicator;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import dev.hft.api.state.StateIO;
import dev.hft.api.state.Snapshottable;

/**
 * Exponential moving average with {@code alpha = 2 / (period + 1)}, seeded with the SMA of the first
 * {@code period} values (the common convention, as in ta-lib); ready after {@code period} updates.
 */
public final class Ema implements Indicator, Snapshottable {
    private final int period;
    private final double alpha;
    private long count;
    private double seedSum;
    private double value = Double.NaN;

    /** An EMA with {@code alpha = 2 / (period + 1)}, seeded with the SMA of the first {@code period} values. */
    public Ema(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("EMA period must be >= 1, got " + period);
        }
        this.period = period;
        this.alpha = 2.0 / (period + 1);
    }

    /** Adds the next value (usually the bar's close). */
    public void update(double x) {
        count++;
        if (count < period) {
            seedSum += x;
        } else if (count == period) {
            seedSum += x;
            value = seedSum / period;
        } else {
            value += alpha * (x - value);
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
        StateIO.dbl(out, seedSum);
        StateIO.dbl(out, value);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        count = in.readLong();
        seedSum = StateIO.dbl(in);
        value = StateIO.dbl(in);
    }
}
