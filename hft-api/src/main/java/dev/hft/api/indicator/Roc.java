package dev.hft.api.indicator;

import dev.hft.api.state.Snapshottable;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/** Rate of change in percent: {@code (x - x[period ago]) / x[period ago] * 100}; ready after period + 1 values. */
public final class Roc implements Indicator, Snapshottable {
    private final Window window;
    private double value = Double.NaN;

    /** The rate of change in percent over {@code period} values. */
    public Roc(int period) {
        this.window = new Window(period + 1, "ROC");
    }

    /** Adds the next value (usually the bar's close). */
    public void update(double x) {
        window.add(x);
        if (window.full()) {
            double then = window.ago(window.size() - 1);
            value = (x - then) / then * 100;
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
