package dev.hft.engine.indicator;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import dev.hft.engine.snapshot.StateIO;
import dev.hft.engine.snapshot.Snapshottable;

/**
 * Rolling maximum or minimum over the last {@code period} values, amortised O(1) per update with a monotonic
 * deque kept in preallocated arrays (no allocation after construction).
 */
public final class RollingExtreme implements Indicator, Snapshottable {
    private final int period;
    private final boolean max;
    private final double[] values;
    private final long[] index;
    private int head; // position of the front element
    private int size;
    private long count;

    private RollingExtreme(int period, boolean max) {
        if (period < 1) {
            throw new IllegalArgumentException("window must be >= 1, got " + period);
        }
        this.period = period;
        this.max = max;
        this.values = new double[period];
        this.index = new long[period];
    }

    public static RollingExtreme max(int period) {
        return new RollingExtreme(period, true);
    }

    public static RollingExtreme min(int period) {
        return new RollingExtreme(period, false);
    }

    public void update(double x) {
        long i = count++;
        // drop the front if it left the window
        if (size > 0 && index[head] <= i - period) {
            head = head + 1 == period ? 0 : head + 1; // no integer division on the per-bar path
            size--;
        }
        // drop from the back everything the new value dominates
        while (size > 0) {
            int back = head + size - 1;
            if (back >= period) {
                back -= period;
            }
            if (max ? values[back] <= x : values[back] >= x) {
                size--;
            } else {
                break;
            }
        }
        int slot = head + size;
        if (slot >= period) {
            slot -= period;
        }
        values[slot] = x;
        index[slot] = i;
        size++;
    }

    @Override
    public double value() {
        return count >= period ? values[head] : Double.NaN;
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
        StateIO.doubles(out, values);
        StateIO.longs(out, index);
        out.writeInt(head);
        out.writeInt(size);
        out.writeLong(count);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        StateIO.doubles(in, values);
        StateIO.longs(in, index);
        head = in.readInt();
        size = in.readInt();
        count = in.readLong();
    }
}
