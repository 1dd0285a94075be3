package dev.hft.api.indicator;

import dev.hft.api.state.Snapshottable;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Rolling volume-weighted average price over the last {@code period} bars, of the typical price
 * {@code (high + low + close) / 3}: sum(typical x volume) / sum(volume). NaN while the window has no volume.
 */
public final class Vwap implements Indicator, Snapshottable {
    private final Window priced;
    private final Window volumes;

    /** The volume-weighted typical price over the last {@code period} bars. */
    public Vwap(int period) {
        this.priced = new Window(period, "VWAP");
        this.volumes = new Window(period, "VWAP");
    }

    /** Adds the next bar's high, low, close and volume. */
    public void update(double high, double low, double close, double volume) {
        priced.add((high + low + close) / 3 * volume);
        volumes.add(volume);
    }

    @Override
    public double value() {
        if (!priced.full()) {
            return Double.NaN;
        }
        double v = volumes.mean();
        return v > 0 ? priced.mean() / v : Double.NaN;
    }

    @Override
    public int unstableBars() {
        return priced.size();
    }

    @Override
    public long count() {
        return priced.count();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        priced.writeState(out);
        volumes.writeState(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        priced.readState(in);
        volumes.readState(in);
    }
}
