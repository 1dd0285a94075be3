package dev.hft.api.indicator;

import dev.hft.api.state.Snapshottable;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The high-low channel of the last {@code period} bars and what is read from it: Donchian's upper, lower and
 * middle lines, the stochastic %K ({@code (close - lowest low) / (highest high - lowest low) * 100}, the value)
 * and Williams %R ({@code (highest high - close) / (highest high - lowest low) * -100}). O(1) amortised per bar
 * ({@link RollingExtreme}); ready after {@code period} bars.
 */
public final class Channel implements Indicator, Snapshottable {
    private final RollingExtreme highs;
    private final RollingExtreme lows;
    private final int period;
    private double close = Double.NaN;

    /** A channel over the last {@code period} bars, the current one included. */
    public Channel(int period) {
        this.highs = RollingExtreme.max(period);
        this.lows = RollingExtreme.min(period);
        this.period = period;
    }

    /** Adds the next bar's high, low and close. */
    public void update(double high, double low, double close) {
        highs.update(high);
        lows.update(low);
        this.close = close;
    }

    /** The highest high of the window (the upper Donchian line). */
    public double upper() {
        return isReady() ? highs.value() : Double.NaN;
    }

    /** The lowest low of the window (the lower Donchian line). */
    public double lower() {
        return isReady() ? lows.value() : Double.NaN;
    }

    /** Halfway between the upper and lower lines. */
    public double middle() {
        return (upper() + lower()) / 2;
    }

    /** Stochastic %K; 50 when the channel is flat. */
    @Override
    public double value() {
        double range = upper() - lower();
        return range > 0 ? (close - lower()) / range * 100 : isReady() ? 50 : Double.NaN;
    }

    /** Williams %R, from 0 (at the high) to -100 (at the low); -50 when the channel is flat. */
    public double williamsR() {
        double range = upper() - lower();
        return range > 0 ? (upper() - close) / range * -100 : isReady() ? -50 : Double.NaN;
    }

    @Override
    public int unstableBars() {
        return period;
    }

    @Override
    public long count() {
        return highs.count();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        highs.writeState(out);
        lows.writeState(out);
        out.writeDouble(close);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        highs.readState(in);
        lows.readState(in);
        close = in.readDouble();
    }
}
