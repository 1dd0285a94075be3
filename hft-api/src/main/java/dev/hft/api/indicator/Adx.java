package dev.hft.api.indicator;

import dev.hft.api.state.Snapshottable;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Wilder's directional movement: +DI and -DI ({@code 100 x} the smoothed +DM or -DM over the smoothed true range)
 * and the ADX ({@link #value()}: the smoothed {@code 100 |+DI - -DI| / (+DI + -DI)}). Wilder's smoothing seeded
 * with the mean of the first period (as ta-lib); ta4j seeds with the first value, and the two agree once about
 * 20 periods have passed.
 */
public final class Adx implements Indicator, Snapshottable {
    private final Wilder plusDm;
    private final Wilder minusDm;
    private final Wilder trueRange;
    private final Wilder adx;
    private final int period;
    private long count;
    private double prevHigh = Double.NaN;
    private double prevLow;
    private double prevClose;

    /** ADX over {@code period} bars (14 is usual). */
    public Adx(int period) {
        this.period = period;
        this.plusDm = new Wilder(period);
        this.minusDm = new Wilder(period);
        this.trueRange = new Wilder(period);
        this.adx = new Wilder(period);
    }

    /** Adds the next bar's high, low and close. */
    public void update(double high, double low, double close) {
        count++;
        if (!Double.isNaN(prevHigh)) {
            double up = high - prevHigh;
            double down = prevLow - low;
            plusDm.update(up > down && up > 0 ? up : 0);
            minusDm.update(down > up && down > 0 ? down : 0);
            trueRange.update(Math.max(high - low, Math.max(Math.abs(high - prevClose), Math.abs(low - prevClose))));
            if (trueRange.ready()) {
                double p = plusDi();
                double m = minusDi();
                adx.update(p + m > 0 ? 100 * Math.abs(p - m) / (p + m) : 0);
            }
        }
        prevHigh = high;
        prevLow = low;
        prevClose = close;
    }

    /** The positive directional indicator +DI, 0 to 100. */
    public double plusDi() {
        return trueRange.ready() && trueRange.value() > 0 ? 100 * plusDm.value() / trueRange.value() : Double.NaN;
    }

    /** The negative directional indicator -DI, 0 to 100. */
    public double minusDi() {
        return trueRange.ready() && trueRange.value() > 0 ? 100 * minusDm.value() / trueRange.value() : Double.NaN;
    }

    @Override
    public double value() {
        return adx.value();
    }

    @Override
    public int unstableBars() {
        return 2 * period;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(count);
        out.writeDouble(prevHigh);
        out.writeDouble(prevLow);
        out.writeDouble(prevClose);
        plusDm.write(out);
        minusDm.write(out);
        trueRange.write(out);
        adx.write(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        count = in.readLong();
        prevHigh = in.readDouble();
        prevLow = in.readDouble();
        prevClose = in.readDouble();
        plusDm.read(in);
        minusDm.read(in);
        trueRange.read(in);
        adx.read(in);
    }
}
