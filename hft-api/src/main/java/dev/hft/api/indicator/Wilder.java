package dev.hft.api.indicator;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Wilder's smoothing: the mean of the first {@code period} values, then {@code v += (x - v) / period}. */
final class Wilder {
    private final int period;
    private long count;
    private double value = Double.NaN;
    private double seed;

    Wilder(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("period must be >= 1, got " + period);
        }
        this.period = period;
    }

    void update(double x) {
        count++;
        if (count <= period) {
            seed += x;
            if (count == period) {
                value = seed / period;
            }
        } else {
            value += (x - value) / period;
        }
    }

    double value() {
        return value;
    }

    boolean ready() {
        return count >= period;
    }

    void write(DataOutput out) throws IOException {
        out.writeLong(count);
        out.writeDouble(value);
        out.writeDouble(seed);
    }

    void read(DataInput in) throws IOException {
        count = in.readLong();
        value = in.readDouble();
        seed = in.readDouble();
    }
}
