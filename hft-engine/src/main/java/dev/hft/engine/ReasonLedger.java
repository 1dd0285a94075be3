package dev.hft.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import dev.hft.api.state.StateIO;
import dev.hft.api.state.Snapshottable;

import dev.hft.core.ReasonCode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts every reason the engine produced (decisions, skips, rejections, exits), without allocation: one long
 * per code.
 */
public final class ReasonLedger implements Snapshottable {
    private static final ReasonCode[] CODES = ReasonCode.values();
    private final long[] counts = new long[CODES.length];

    public void count(ReasonCode code) {
        counts[code.ordinal()]++;
    }

    public long get(ReasonCode code) {
        return counts[code.ordinal()];
    }

    /** Non-zero counts in catalogue order. */
    public Map<ReasonCode, Long> nonZero() {
        Map<ReasonCode, Long> m = new LinkedHashMap<>();
        for (ReasonCode c : CODES) {
            if (counts[c.ordinal()] != 0) {
                m.put(c, counts[c.ordinal()]);
            }
        }
        return m;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        StateIO.longs(out, counts);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        StateIO.longs(in, counts);
    }
}
