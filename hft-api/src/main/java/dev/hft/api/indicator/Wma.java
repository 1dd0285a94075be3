package dev.hft.api.indicator;

import dev.hft.api.state.Snapshottable;
import dev.hft.api.state.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Weighted moving average: weights 1 (oldest) to {@code period} (newest), divided by their sum. O(1) per update:
 * the weighted sum gains {@code period * x} and loses the plain sum of the window before it.
 */
public final class Wma implements Indicator, Snapshottable {
    private final Window window;
    private final int period;
    private double plain;
    private double weighted;

    /** A linearly weighted mean of the last {@code period} values (the newest weighs {@code period}). */
    public Wma(int period) {
        this.window = new Window(period, "WMA");
        this.period = period;
    }

    /** Adds the next value (usually the bar's close). */
    public void update(double x) {
        double before = plain;
        double old = window.add(x);
        weighted += period * x - before;
        plain += x - (Double.isNaN(old) ? 0 : old);
        if (!window.full() || window.count() % period == 0) {
            // while the window fills the weights start at the count; once per window, bounded drift: rebuild
            weighted = 0;
            plain = 0;
            int k = (int) Math.min(window.count(), period);
            for (int b = 0; b < k; b++) {
                double v = window.ago(b);
                weighted += (period - b) * v;
                plain += v;
            }
        }
    }

    @Override
    public double value() {
        return window.full() ? weighted / (period * (period + 1) / 2.0) : Double.NaN;
    }

    @Override
    public int unstableBars() {
        return period;
    }

    @Override
    public long count() {
        return window.count();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        window.writeState(out);
        StateIO.dbl(out, plain);
        StateIO.dbl(out, weighted);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        window.readState(in);
        plain = StateIO.dbl(in);
        weighted = StateIO.dbl(in);
    }
}
