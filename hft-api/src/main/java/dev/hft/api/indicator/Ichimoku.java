package dev.hft.api.indicator;

import dev.hft.api.state.Snapshottable;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Ichimoku's lines, each the middle of a high-low channel: tenkan-sen (conversion, default 9 bars), kijun-sen
 * (base, 26; the {@link #value()}), senkou span A ({@code (tenkan + kijun) / 2}) and senkou span B (52), as of the
 * current bar. Charts draw the spans 26 bars ahead; a strategy reads them as of now, which is what is known now.
 */
public final class Ichimoku implements Indicator, Snapshottable {
    private final Channel tenkan;
    private final Channel kijun;
    private final Channel senkouB;

    /**
     * The lines over {@code conversion} (tenkan-sen, 9), {@code base} (kijun-sen, 26) and {@code spanB}
     * (senkou span B, 52) bars.
     */
    public Ichimoku(int conversion, int base, int spanB) {
        this.tenkan = new Channel(conversion);
        this.kijun = new Channel(base);
        this.senkouB = new Channel(spanB);
    }

    /** Adds the next bar's high, low and close. */
    public void update(double high, double low, double close) {
        tenkan.update(high, low, close);
        kijun.update(high, low, close);
        senkouB.update(high, low, close);
    }

    /** The conversion line: the midpoint of the highest high and lowest low over {@code conversion} bars. */
    public double tenkanSen() {
        return tenkan.middle();
    }

    @Override
    public double value() {
        return kijun.middle();
    }

    /**
     * Leading span A as of the current bar: the mean of tenkan-sen and kijun-sen (charts draw it
     * {@code base} bars ahead).
     */
    public double senkouSpanA() {
        return (tenkanSen() + value()) / 2;
    }

    /**
     * Leading span B as of the current bar: the midpoint of the range over {@code spanB} bars (charts
     * draw it {@code base} bars ahead).
     */
    public double senkouSpanB() {
        return senkouB.middle();
    }

    @Override
    public int unstableBars() {
        return senkouB.unstableBars();
    }

    @Override
    public long count() {
        return kijun.count();
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        tenkan.writeState(out);
        kijun.writeState(out);
        senkouB.writeState(out);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        tenkan.readState(in);
        kijun.readState(in);
        senkouB.readState(in);
    }
}
