package dev.hft.api.indicator;

import dev.hft.api.state.Snapshottable;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Commodity channel index: {@code (tp - SMA(tp)) / (0.015 x mean absolute deviation of tp)} over the last
 * {@code period} typical prices. The one indicator here that is O(period) per update: the mean absolute deviation
 * around a moving mean has no exact running form (with a period near 20, a few dozen operations a bar).
 */
public final class Cci implements Indicator, Snapshottable {
    private final Window window;
    private double value = Double.NaN;

    /** CCI over {@code period} bars (20 is usual). */
    public Cci(int period) {
        this.window = new Window(period, "CCI");
    }

    /** Adds the next bar's high, low and close. */
    public void update(double high, double low, double close) {
        double tp = (high + low + close) / 3;
        window.add(tp);
        if (window.full()) {
            double mean = window.mean();
            double dev = 0;
            for (int b = 0; b < window.size(); b++) {
                dev += Math.abs(window.ago(b) - mean);
            }
            dev /= window.size();
            value = dev > 0 ? (tp - mean) / (0.015 * dev) : 0;
        }
    }

    @Override
    public double value() {
        return value;
    }

    @Override
    public int unstableBars() {
        return window.size();
    }

    @Override
    public long count() {
        return window.count();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        window.writeState(out);
        out.writeDouble(value);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        window.readState(in);
        value = in.readDouble();
    }
}
