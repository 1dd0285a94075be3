package dev.hft.api.indicator;

import dev.hft.api.state.Snapshottable;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * Session VWAP: the volume-weighted average typical price since the session began, a session being a UTC day by
 * default ({@code sessionMs} otherwise); it starts again with the first bar of each session.
 */
public final class SessionVwap implements Indicator, Snapshottable {
    private final long sessionMs;
    private long session = Long.MIN_VALUE;
    private long count;
    private double priced;
    private double volume;

    /** A VWAP that restarts at each UTC day. */
    public SessionVwap() {
        this(86_400_000L);
    }

    /** A VWAP that restarts every {@code sessionMs} milliseconds from the epoch (UTC). */
    public SessionVwap(long sessionMs) {
        if (sessionMs <= 0) {
            throw new IllegalArgumentException("session length must be positive, got " + sessionMs);
        }
        this.sessionMs = sessionMs;
    }

    /** Adds the next bar: its open time (ms, which decides the session), high, low, close and volume. */
    public void update(long openTimeMs, double high, double low, double close, double v) {
        long s = Math.floorDiv(openTimeMs, sessionMs);
        if (s != session) {
            session = s;
            priced = 0;
            volume = 0;
        }
        count++;
        priced += (high + low + close) / 3 * v;
        volume += v;
    }

    @Override
    public double value() {
        return volume > 0 ? priced / volume : Double.NaN;
    }

    @Override
    public int unstableBars() {
        return 1;
    }

    @Override
    public long count() {
        return count;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(session);
        out.writeLong(count);
        out.writeDouble(priced);
        out.writeDouble(volume);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        session = in.readLong();
        count = in.readLong();
        priced = in.readDouble();
        volume = in.readDouble();
    }
}
