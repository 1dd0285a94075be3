package dev.hft.api.indicator;

import dev.hft.api.state.Snapshottable;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Bollinger bands: the SMA of the last {@code period} values (the middle, {@link #value()}) plus and minus
 * {@code k} population standard deviations; also the standard deviation, the width ((upper - lower) / middle) and
 * the z-score of the newest value. Ready after {@code period} values.
 */
public final class Bollinger implements Indicator, Snapshottable {
    private final Window window;
    private final double k;
    private double last = Double.NaN;

    /** Bands {@code k} standard deviations (population) around the SMA of {@code period} values. */
    public Bollinger(int period, double k) {
        this.window = new Window(period, "Bollinger");
        this.k = k;
    }

    /** Adds the next value (usually the bar's close). */
    public void update(double x) {
        window.add(x);
        last = x;
    }

    @Override
    public double value() {
        return window.full() ? window.mean() : Double.NaN;
    }

    /** The population standard deviation of the window; NaN while it fills. */
    public double stdDev() {
        return window.full() ? Math.sqrt(window.variance()) : Double.NaN;
    }

    /** The middle plus {@code k} standard deviations. */
    public double upper() {
        return value() + k * stdDev();
    }

    /** The middle minus {@code k} standard deviations. */
    public double lower() {
        return value() - k * stdDev();
    }

    /** The band width relative to the middle: {@code (upper - lower) / middle}. */
    public double width() {
        return (upper() - lower()) / value();
    }

    /** How many standard deviations the newest value lies from the mean (NaN while filling or flat). */
    public double zScore() {
        double sd = stdDev();
        return sd > 0 ? (last - value()) / sd : Double.NaN;
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
        out.writeDouble(last);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        window.readState(in);
        last = in.readDouble();
    }
}
