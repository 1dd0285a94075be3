package dev.hft.api.indicator;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import dev.hft.api.state.StateIO;
import dev.hft.api.state.Snapshottable;

/**
 * Simple moving average over the last {@code period} values. A running sum over a ring of the window; the sum is
 * recomputed from the ring every {@code period} updates to keep floating-point drift bounded over long runs.
 */
public final class Sma implements Indicator, Snapshottable {
    private final int period;
    private final double[] ring;
    private int head;
    private long count;
    private double sum;

    /** The mean of the last {@code period} values. */
    public Sma(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("SMA period must be >= 1, got " + period);
        }
        this.period = period;
        this.ring = new double[period];
    }

    /** Adds the next value (usually the bar's close). */
    public void update(double x) {
        double old = ring[head];
        ring[head] = x;
        head = head + 1 == period ? 0 : head + 1;
        count++;
        if (head == 0) {
            double s = 0;
            for (double v : ring) {
                s += v;
            }
            sum = s;
        } else {
            sum += x - (count > period ? old : 0);
        }
    }

    @Override
    public double value() {
        return count >= period ? sum / period : Double.NaN;
    }

    @Override
    public int unstableBars() {
        return period;
    }

    @Override
    public long count() {
        return count;
    }

    /** The window length. */
    public int period() {
        return period;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        StateIO.doubles(out, ring);
        out.writeInt(head);
        out.writeLong(count);
        StateIO.dbl(out, sum);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        StateIO.doubles(in, ring);
        head = in.readInt();
        count = in.readLong();
        sum = StateIO.dbl(in);
    }
}
