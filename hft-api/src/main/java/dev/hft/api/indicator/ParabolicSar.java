package dev.hft.api.indicator;

import dev.hft.api.state.Snapshottable;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Wilder's parabolic stop and reverse. In a rise the stop climbs toward the highest high since the trend began
 * (the extreme point) by an acceleration factor that starts at {@code start}, grows by {@code step} with each new
 * extreme up to {@code max}, and never rises above the two previous lows; a low through it reverses the trend,
 * the stop jumping to the extreme point (mirror image in a fall). The first trend is the direction of the second
 * close from the first. Ready from the second bar.
 */
public final class ParabolicSar implements Indicator, Snapshottable {
    private final double start;
    private final double step;
    private final double max;
    private long count;
    private boolean up;
    private double sar = Double.NaN;
    private double ep;
    private double af;
    private double high1;
    private double low1;
    private double close1;
    private double high2;
    private double low2;

    /**
     * SAR with acceleration factor starting at {@code start}, raised by {@code step} at each new extreme, up
     * to {@code max} (0.02, 0.02, 0.2 are usual).
     */
    public ParabolicSar(double start, double step, double max) {
        if (!(start > 0 && step >= 0 && max >= start)) {
            throw new IllegalArgumentException("parabolic SAR needs 0 < start <= max and step >= 0");
        }
        this.start = start;
        this.step = step;
        this.max = max;
    }

    /** Adds the next bar's high, low and close. */
    public void update(double high, double low, double close) {
        count++;
        if (count == 2) {
            up = close >= close1;
            sar = up ? Math.min(low1, low) : Math.max(high1, high);
            ep = up ? Math.max(high1, high) : Math.min(low1, low);
            af = start;
        } else if (count > 2) {
            double next = sar + af * (ep - sar);
            // the penetration test reads the stop before it is kept out of the last two bars' range (as ta4j;
            // some charting packages clamp first and reverse a little later)
            if (up) {
                if (low < next) { // reversal: the stop jumps to the extreme point, kept above the last two highs
                    up = false;
                    next = Math.max(ep, Math.max(high1, high2));
                    ep = low;
                    af = start;
                } else {
                    next = Math.min(next, Math.min(low1, low2));
                    if (high > ep) {
                        ep = high;
                        af = Math.min(af + step, max);
                    }
                }
            } else {
                if (high > next) {
                    up = true;
                    next = Math.min(ep, Math.min(low1, low2));
                    ep = high;
                    af = start;
                } else {
                    next = Math.max(next, Math.max(high1, high2));
                    if (low < ep) {
                        ep = low;
                        af = Math.min(af + step, max);
                    }
                }
            }
            sar = next;
        }
        high2 = high1;
        low2 = low1;
        high1 = high;
        low1 = low;
        close1 = close;
    }

    @Override
    public double value() {
        return sar;
    }

    /** Whether the current trend is up (the stop below the price). */
    public boolean rising() {
        return up;
    }

    @Override
    public int unstableBars() {
        return 2;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(count);
        out.writeBoolean(up);
        for (double d : new double[] {sar, ep, af, high1, low1, close1, high2, low2}) {
            out.writeDouble(d);
        }
    }

    @Override
    public void readState(DataInput in) throws IOException {
        count = in.readLong();
        up = in.readBoolean();
        sar = in.readDouble();
        ep = in.readDouble();
        af = in.readDouble();
        high1 = in.readDouble();
        low1 = in.readDouble();
        close1 = in.readDouble();
        high2 = in.readDouble();
        low2 = in.readDouble();
    }
}
