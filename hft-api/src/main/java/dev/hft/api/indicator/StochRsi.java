package dev.hft.api.indicator;

import dev.hft.api.state.Snapshottable;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Stochastic RSI: where the RSI stands within its own range over the last {@code period} RSI values,
 * {@code (RSI - lowest) / (highest - lowest)}, from 0 to 1 (0.5 when the range is flat).
 */
public final class StochRsi implements Indicator, Snapshottable {
    private final Rsi rsi;
    private final RollingExtreme high;
    private final RollingExtreme low;

    /** The stochastic of an RSI of {@code period} values over {@code period} RSI values. */
    public StochRsi(int period) {
        this.rsi = new Rsi(period);
        this.high = RollingExtreme.max(period);
        this.low = RollingExtreme.min(period);
    }

    /** Adds the next value (usually the bar's close). */
    public void update(double x) {
        rsi.update(x);
        if (rsi.isReady()) {
            high.update(rsi.value());
            low.update(rsi.value());
        }
    }

    @Override
    public double value() {
        if (!high.isReady()) {
            return Double.NaN;
        }
        double range = high.value() - low.value();
        return range > 0 ? (rsi.value() - low.value()) / range : 0.5;
    }

    @Override
    public int unstableBars() {
        return rsi.unstableBars() + high.unstableBars() - 1;
    }

    @Override
    public long count() {
        return rsi.count();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        rsi.writeState(out);
        high.writeState(out);
        low.writeState(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        rsi.readState(in);
        high.readState(in);
        low.readState(in);
    }
}
