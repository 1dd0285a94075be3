package dev.hft.api.indicator;

import dev.hft.api.state.Snapshottable;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * DEMA ({@code 2 E1 - E2}) and TEMA ({@code 3 E1 - 3 E2 + E3}), where E1 is the EMA of the values, E2 the EMA of
 * E1 and E3 the EMA of E2, each fed once the one before is ready: less lag than one EMA of the same period.
 */
public final class MultiEma implements Indicator, Snapshottable {
    private final boolean triple;
    private final Ema e1;
    private final Ema e2;
    private final Ema e3;

    private MultiEma(int period, boolean triple) {
        this.triple = triple;
        this.e1 = new Ema(period);
        this.e2 = new Ema(period);
        this.e3 = new Ema(period);
    }

    /** DEMA: {@code 2 EMA - EMA(EMA)} over {@code period} values. */
    public static MultiEma dema(int period) {
        return new MultiEma(period, false);
    }

    /** TEMA: {@code 3 EMA - 3 EMA(EMA) + EMA(EMA(EMA))} over {@code period} values. */
    public static MultiEma tema(int period) {
        return new MultiEma(period, true);
    }

    /** Adds the next value (usually the bar's close). */
    public void update(double x) {
        e1.update(x);
        if (e1.isReady()) {
            e2.update(e1.value());
            if (triple && e2.isReady()) {
                e3.update(e2.value());
            }
        }
    }

    @Override
    public double value() {
        if (!isReady()) {
            return Double.NaN;
        }
        return triple ? 3 * e1.value() - 3 * e2.value() + e3.value() : 2 * e1.value() - e2.value();
    }

    @Override
    public int unstableBars() {
        return (triple ? 3 : 2) * e1.unstableBars() - (triple ? 2 : 1);
    }

    @Override
    public long count() {
        return e1.count();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        e1.writeState(out);
        e2.writeState(out);
        e3.writeState(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        e1.readState(in);
        e2.readState(in);
        e3.readState(in);
    }
}
