package dev.hft.api.indicator;

import dev.hft.api.state.Snapshottable;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Momentum: {@code x - x[period ago]}, in price units; ready after period + 1 values. */
public final class Momentum implements Indicator, Snapshottable {
    private final Window window;

    /** The change over {@code period} values. */
    public Momentum(int period) {
        this.window = new Window(period + 1, "momentum");
    }

    /** Adds the next value (usually the bar's close). */
    public void update(double x) {
        window.add(x);
    }

    @Override
    public double value() {
        return window.full() ? window.ago(0) - window.ago(window.size() - 1) : Double.NaN;
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
    }

    @Override
    public void readState(DataInput in) throws IOException {
        window.readState(in);
    }
}
