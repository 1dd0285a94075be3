package dev.hft.api.indicator;

import dev.hft.api.state.Snapshottable;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Keltner channel: the EMA of the typical price {@code (high + low + close) / 3} (the middle, {@link #value()}),
 * plus and minus {@code k} ATRs.
 */
public final class Keltner implements Indicator, Snapshottable {
    private final Ema middle;
    private final Atr atr;
    private final double k;

    /** The EMA of the typical price over {@code emaPeriod} bars, {@code k} ATRs of {@code atrPeriod} bars wide. */
    public Keltner(int emaPeriod, int atrPeriod, double k) {
        this.middle = new Ema(emaPeriod);
        this.atr = new Atr(atrPeriod);
        this.k = k;
    }

    /** Adds the next bar's high, low and close. */
    public void update(double high, double low, double close) {
        middle.update((high + low + close) / 3);
        atr.update(high, low, close);
    }

    @Override
    public double value() {
        return middle.value();
    }

    /** The middle plus {@code k} ATRs. */
    public double upper() {
        return middle.value() + k * atr.value();
    }

    /** The middle minus {@code k} ATRs. */
    public double lower() {
        return middle.value() - k * atr.value();
    }

    @Override
    public int unstableBars() {
        return Math.max(middle.unstableBars(), atr.unstableBars());
    }

    @Override
    public long count() {
        return middle.count();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        middle.writeState(out);
        atr.writeState(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        middle.readState(in);
        atr.readState(in);
    }
}
