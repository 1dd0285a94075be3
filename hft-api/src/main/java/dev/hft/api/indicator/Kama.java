package dev.hft.api.indicator;

import dev.hft.api.state.Snapshottable;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Kaufman's adaptive moving average: it follows the price fast when the last {@code period} changes go one way
 * (efficiency ratio near 1) and slowly when they cancel out (near 0). {@code sc = (er (2/(fast+1) - 2/(slow+1)) +
 * 2/(slow+1))^2}; {@code kama += sc (x - kama)}. The first {@code period} values are taken as they are (as ta4j).
 * O(1) per update: the sum of absolute changes is a rolling window.
 */
public final class Kama implements Indicator, Snapshottable {
    private final int period;
    private final double fastest;
    private final double slowest;
    private final Window prices;
    private final Window moves;
    private double value = Double.NaN;

    /**
     * KAMA with an efficiency ratio over {@code period} values and smoothing between the EMAs of {@code fast}
     * and {@code slow} periods (10, 2, 30 are usual).
     */
    public Kama(int period, int fast, int slow) {
        this.period = period;
        this.fastest = 2.0 / (fast + 1);
        this.slowest = 2.0 / (slow + 1);
        this.prices = new Window(period + 1, "KAMA");
        this.moves = new Window(period, "KAMA");
    }

    /** Adds the next value (usually the bar's close). */
    public void update(double x) {
        double prev = prices.count() > 0 ? prices.ago(0) : Double.NaN;
        prices.add(x);
        if (!Double.isNaN(prev)) {
            moves.add(Math.abs(x - prev));
        }
        if (prices.count() <= period) {
            value = x;
            return;
        }
        double volatility = moves.mean() * period;
        double change = Math.abs(x - prices.ago(period));
        double er = volatility > 0 ? change / volatility : 0;
        double sc = er * (fastest - slowest) + slowest;
        value += sc * sc * (x - value);
    }

    @Override
    public double value() {
        return value;
    }

    @Override
    public int unstableBars() {
        return period + 1;
    }

    @Override
    public long count() {
        return prices.count();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        prices.writeState(out);
        moves.writeState(out);
        out.writeDouble(value);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        prices.readState(in);
        moves.readState(in);
        value = in.readDouble();
    }
}
