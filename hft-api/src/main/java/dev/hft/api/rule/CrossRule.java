package dev.hft.api.rule;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import dev.hft.api.state.StateIO;
import dev.hft.api.state.Snapshottable;

import dev.hft.api.indicator.Indicator;

/**
 * True on the update where indicator {@code a} crosses {@code b}: above ({@code up}) or below. Needs both
 * ready on this and the previous update; call {@link #update()} once per bar after the indicators moved.
 */
public final class CrossRule implements Rule, Snapshottable {
    private final Indicator a;
    private final Indicator b;
    private final boolean up;
    private double prevDiff = Double.NaN;
    private boolean crossed;

    /** A rule true on the update where {@code a} crosses above {@code b} ({@code up}) or below it. */
    public CrossRule(Indicator a, Indicator b, boolean up) {
        this.a = a;
        this.b = b;
        this.up = up;
    }

    /** Advances one bar. */
    public void update() {
        if (!a.isReady() || !b.isReady()) {
            crossed = false;
            return;
        }
        double diff = a.value() - b.value();
        crossed = !Double.isNaN(prevDiff) && (up ? prevDiff <= 0 && diff > 0 : prevDiff >= 0 && diff < 0);
        prevDiff = diff;
    }

    @Override
    public boolean isSatisfied() {
        return crossed;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        StateIO.dbl(out, prevDiff);
        out.writeBoolean(crossed);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        prevDiff = StateIO.dbl(in);
        crossed = in.readBoolean();
    }
}
