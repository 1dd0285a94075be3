package dev.hft.api.indicator;

import dev.hft.api.state.Snapshottable;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * MACD: the fast EMA minus the slow EMA ({@link #value()}), its signal line (an EMA of it, fed once the slow EMA
 * is ready) and the histogram (MACD minus signal). The EMAs are seeded like {@link Ema} (with an SMA); ready with
 * the slow EMA, the signal after {@code slow + signal - 1} values.
 */
public final class Macd implements Indicator, Snapshottable {
    private final Ema fast;
    private final Ema slow;
    private final Ema signal;

    /** MACD from EMAs of {@code fast} and {@code slow} values, with a signal EMA of {@code signal} (12, 26, 9). */
    public Macd(int fast, int slow, int signal) {
        if (fast >= slow) {
            throw new IllegalArgumentException("MACD fast period must be below the slow one, got " + fast + " and "
                    + slow);
        }
        this.fast = new Ema(fast);
        this.slow = new Ema(slow);
        this.signal = new Ema(signal);
    }

    /** Adds the next value (usually the bar's close). */
    public void update(double x) {
        fast.update(x);
        slow.update(x);
        if (slow.isReady()) {
            signal.update(value());
        }
    }

    @Override
    public double value() {
        return slow.isReady() ? fast.value() - slow.value() : Double.NaN;
    }

    /** The signal line: the EMA of the MACD line. */
    public double signal() {
        return signal.value();
    }

    /** The MACD line minus the signal line. */
    public double histogram() {
        return value() - signal();
    }

    @Override
    public int unstableBars() {
        return slow.unstableBars();
    }

    @Override
    public long count() {
        return slow.count();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        fast.writeState(out);
        slow.writeState(out);
        signal.writeState(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        fast.readState(in);
        slow.readState(in);
        signal.readState(in);
    }
}
