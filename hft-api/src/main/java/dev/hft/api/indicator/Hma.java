package dev.hft.api.indicator;

import dev.hft.api.state.Snapshottable;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Hull moving average: the WMA over {@code floor(sqrt(period))} of {@code 2 WMA(period / 2) - WMA(period)}, fed
 * once both inner averages are ready. Ready after {@code period + floor(sqrt(period)) - 1} values.
 */
public final class Hma implements Indicator, Snapshottable {
    private final Wma half;
    private final Wma full;
    private final Wma outer;
    private long count;

    /** HMA over {@code period} values. */
    public Hma(int period) {
        if (period < 2) {
            throw new IllegalArgumentException("HMA period must be >= 2, got " + period);
        }
        this.half = new Wma(period / 2);
        this.full = new Wma(period);
        this.outer = new Wma((int) Math.sqrt(period));
    }

    /** Adds the next value (usually the bar's close). */
    public void update(double x) {
        count++;
        half.update(x);
        full.update(x);
        if (full.isReady()) {
            outer.update(2 * half.value() - full.value());
        }
    }

    @Override
    public double value() {
        return outer.value();
    }

    @Override
    public int unstableBars() {
        return full.unstableBars() + outer.unstableBars() - 1;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(count);
        half.writeState(out);
        full.writeState(out);
        outer.writeState(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        count = in.readLong();
        half.readState(in);
        full.readState(in);
        outer.readState(in);
    }
}
