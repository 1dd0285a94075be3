package dev.hft.api.indicator;

import dev.hft.api.state.Snapshottable;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Money flow index: the RSI of money flow. A bar's money flow is {@code typical price x volume}, positive when the
 * typical price rose from the bar before, negative when it fell; {@code MFI = 100 - 100 / (1 + positive /
 * negative)} over the last {@code period} bars (100 with no negative flow). O(1): two rolling sums.
 */
public final class Mfi implements Indicator, Snapshottable {
    private final Window positive;
    private final Window negative;
    private double previous = Double.NaN;

    /** MFI over {@code period} bars (14 is usual). */
    public Mfi(int period) {
        this.positive = new Window(period, "MFI");
        this.negative = new Window(period, "MFI");
    }

    /** Adds the next bar's high, low, close and volume. */
    public void update(double high, double low, double close, double volume) {
        double tp = (high + low + close) / 3;
        if (!Double.isNaN(previous)) {
            double flow = tp * volume;
            positive.add(tp > previous ? flow : 0);
            negative.add(tp < previous ? flow : 0);
        }
        previous = tp;
    }

    @Override
    public double value() {
        if (!positive.full()) {
            return Double.NaN;
        }
        double p = positive.mean();
        double n = negative.mean();
        return n <= 0 ? (p <= 0 ? 50 : 100) : 100 - 100 / (1 + p / n);
    }

    @Override
    public int unstableBars() {
        return positive.size() + 1;
    }

    @Override
    public long count() {
        return positive.count() + (Double.isNaN(previous) ? 0 : 1);
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        positive.writeState(out);
        negative.writeState(out);
        out.writeDouble(previous);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        positive.readState(in);
        negative.readState(in);
        previous = in.readDouble();
    }
}
