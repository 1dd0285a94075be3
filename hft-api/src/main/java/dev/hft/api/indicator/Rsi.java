package dev.hft.api.indicator;

import dev.hft.api.state.Snapshottable;
import dev.hft.api.state.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Wilder's relative strength index: 100 - 100 / (1 + average gain / average loss), the averages seeded with the
 * mean of the first {@code period} changes and then smoothed with weight 1/period (as ta-lib; the same smoothing
 * as ATR and ADX). Ready after {@code period + 1} values. ta4j seeds its averages with the first change instead; the
 * two agree to 1e-6 once about 20 x period values have passed (IndicatorBatchTest).
 */
public final class Rsi implements Indicator, Snapshottable {
    private final int period;
    private long count;
    private double previous = Double.NaN;
    private final Wilder gain;
    private final Wilder loss;

    /** RSI over {@code period} values (14 is usual). */
    public Rsi(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("RSI period must be >= 1, got " + period);
        }
        this.period = period;
        this.gain = new Wilder(period);
        this.loss = new Wilder(period);
    }

    /** Adds the next value (usually the bar's close). */
    public void update(double x) {
        count++;
        if (!Double.isNaN(previous)) {
            double c = x - previous;
            gain.update(Math.max(c, 0));
            loss.update(Math.max(-c, 0));
        }
        previous = x;
    }

    @Override
    public double value() {
        if (!isReady()) {
            return Double.NaN;
        }
        double g = gain.value();
        double l = loss.value();
        return l == 0 ? (g == 0 ? 50 : 100) : 100 - 100 / (1 + g / l);
    }

    @Override
    public int unstableBars() {
        return period + 1;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(count);
        StateIO.dbl(out, previous);
        gain.write(out);
        loss.write(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        count = in.readLong();
        previous = StateIO.dbl(in);
        gain.read(in);
        loss.read(in);
    }
}
