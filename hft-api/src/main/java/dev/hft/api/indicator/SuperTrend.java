package dev.hft.api.indicator;

import dev.hft.api.state.Snapshottable;
import dev.hft.api.state.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * SuperTrend: a trailing line {@code k} ATRs from the bar's median price {@code (high + low) / 2}, below the price in
 * an uptrend ({@link #lower()}) and above it in a downtrend ({@link #upper()}); {@link #value()} is the line in force.
 * The bands only tighten: the upper band may not rise and the lower band may not fall while the previous close
 * stays on their side. The trend turns up when a close goes above the upper band and down when one goes below the
 * lower band. The first ready bar starts in a downtrend, as TradingView's {@code ta.supertrend} does.
 */
public final class SuperTrend implements Indicator, Snapshottable {
    private final Atr atr;
    private final double k;
    private double upper = Double.NaN;
    private double lower = Double.NaN;
    private double prevClose = Double.NaN;
    private boolean up;
    private double value = Double.NaN;

    /** A line {@code k} ATRs of {@code atrPeriod} bars from the median price (10 and 3 are usual). */
    public SuperTrend(int atrPeriod, double k) {
        if (!(k > 0)) {
            throw new IllegalArgumentException("SuperTrend multiplier must be > 0, got " + k);
        }
        this.atr = new Atr(atrPeriod);
        this.k = k;
    }

    /** Adds the next bar's high, low and close. */
    public void update(double high, double low, double close) {
        atr.update(high, low, close);
        double a = atr.value();
        if (!Double.isNaN(a)) {
            double median = (high + low) / 2;
            double basicUpper = median + k * a;
            double basicLower = median - k * a;
            boolean first = Double.isNaN(value);
            // NaN comparisons are false, so a band with no previous value takes the basic one
            upper = !(basicUpper >= upper) || prevClose > upper ? basicUpper : upper;
            lower = !(basicLower <= lower) || prevClose < lower ? basicLower : lower;
            if (first) {
                up = false;
            } else if (up) {
                up = close >= lower;
            } else {
                up = close > upper;
            }
            value = up ? lower : upper;
        }
        prevClose = close;
    }

    @Override
    public double value() {
        return value;
    }

    /** True while the line is below the price (the trend is up). */
    public boolean upTrend() {
        return up;
    }

    /** The upper band: the line in a downtrend. */
    public double upper() {
        return upper;
    }

    /** The lower band: the line in an uptrend. */
    public double lower() {
        return lower;
    }

    @Override
    public int unstableBars() {
        return atr.unstableBars();
    }

    @Override
    public long count() {
        return atr.count();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        atr.writeState(out);
        StateIO.dbl(out, upper);
        StateIO.dbl(out, lower);
        StateIO.dbl(out, prevClose);
        out.writeBoolean(up);
        StateIO.dbl(out, value);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        atr.readState(in);
        upper = StateIO.dbl(in);
        lower = StateIO.dbl(in);
        prevClose = StateIO.dbl(in);
        up = in.readBoolean();
        value = StateIO.dbl(in);
    }
}
