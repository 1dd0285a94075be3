package dev.hft.api.indicator;

import dev.hft.api.state.Snapshottable;
import dev.hft.api.state.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The slope of the least-squares line through the last {@code period} values (per bar). O(1) per update: the
 * index-weighted sum slides like a WMA's, {@code sxy += period * x - sum}, and is rebuilt once per window.
 */
public final class RegressionSlope implements Indicator, Snapshottable {
    private final Window window;
    private final int n;
    private final double denominator;
    private double sum;
    private double sxy;

    /** The least-squares slope over the last {@code period} values, per bar. */
    public RegressionSlope(int period) {
        if (period < 2) {
            throw new IllegalArgumentException("regression period must be >= 2, got " + period);
        }
        this.window = new Window(period, "regression");
        this.n = period;
        double sx = period * (period - 1) / 2.0;
        double sxx = (period - 1) * period * (2.0 * period - 1) / 6.0;
        this.denominator = period * sxx - sx * sx;
    }

    /** Adds the next value (usually the bar's close). */
    public void update(double x) {
        double before = sum;
        double old = window.add(x);
        sxy += (n - 1) * x - (before - (Double.isNaN(old) ? 0 : old));
        sum += x - (Double.isNaN(old) ? 0 : old);
        if (!window.full() || window.count() % n == 0) { // filling, or once per window: rebuild exactly
            sxy = 0;
            sum = 0;
            int k = (int) Math.min(window.count(), n);
            for (int b = 0; b < k; b++) {
                double v = window.ago(b);
                sxy += (n - 1 - b) * v;
                sum += v;
            }
        }
    }

    @Override
    public double value() {
        if (!window.full()) {
            return Double.NaN;
        }
        double sx = n * (n - 1) / 2.0;
        return (n * sxy - sx * sum) / denominator;
    }

    @Override
    public int unstableBars() {
        return n;
    }

    @Override
    public long count() {
        return window.count();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        window.writeState(out);
        StateIO.dbl(out, sum);
        StateIO.dbl(out, sxy);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        window.readState(in);
        sum = StateIO.dbl(in);
        sxy = StateIO.dbl(in);
    }
}
