package dev.hft.api.indicator;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Wilder's smoothing: the mean of the first {@code period} values, then {@code v = (v (period - 1) + x) / period}
 * (that form, not {@code v += (x - v) / period}, so ATR keeps the bits it always had). ATR, RSI and ADX smooth with
 * it.
 */
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
            value = (value * (period - 1) + x) / period;
        }
    }

    double value() {
        return value;
    }

    boolean ready() {
        return count >= period;
    }

    long count() {
        return count;
    }

    /** The sum of the values while seeding (the first {@code period}). */
    double seed() {
        return seed;
    }

    /** The state {@link #write} would write, set field by field (an indicator with a layout of its own). */
    void restore(long count, double seed, double value) {
        this.count = count;
        this.seed = seed;
        this.value = value;
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
