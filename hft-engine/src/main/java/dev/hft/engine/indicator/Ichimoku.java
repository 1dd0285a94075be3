package dev.hft.engine.indicator;

import dev.hft.engine.snapshot.Snapshottable;
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

    public Ichimoku(int conversion, int base, int spanB) {
        this.tenkan = new Channel(conversion);
        this.kijun = new Channel(base);
        this.senkouB = new Channel(spanB);
    }

    public void update(double high, double low, double close) {
        tenkan.update(high, low, close);
        kijun.update(high, low, close);
        senkouB.update(high, low, close);
    }

    public double tenkanSen() {
        return tenkan.middle();
    }

    @Override
    public double value() {
        return kijun.middle();
    }

    public double senkouSpanA() {
        return (tenkanSen() + value()) / 2;
    }

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
