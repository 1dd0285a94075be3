package dev.hft.engine;

import dev.hft.api.Decision;
import dev.hft.api.Reason;
import dev.hft.api.state.Snapshottable;
import dev.hft.api.state.StateIO;
import dev.hft.core.ReasonCode;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts every reason the engine produced (decisions, skips, rejections, exits), without allocation: one long
 * per built-in code, and one per reason the strategies declared of their own ({@link Reason}).
 */
public final class ReasonLedger implements Snapshottable {
    private static final ReasonCode[] CODES = ReasonCode.values();
    private final long[] counts = new long[CODES.length];
    private Reason[] own = new Reason[0];
    private long[] ownCounts = new long[0];

    /** A strategy's own reason and how often it was counted. */
    public record OwnCount(Reason reason, long count) {
    }

    /**
     * Adds the reasons a strategy declares ({@link dev.hft.api.Strategy#reasons()}), before the first event. The
     * strategies of one run share a catalogue: the same name twice is one reason, if kind and description agree.
     */
    public void declare(List<Reason> reasons) {
        for (Reason r : reasons) {
            int at = slot(r.name());
            if (at >= 0) {
                if (own[at].kind() != r.kind() || !own[at].description().equals(r.description())) {
                    throw new IllegalArgumentException("reason " + r.name() + " is declared twice, differently");
                }
                continue;
            }
            own = java.util.Arrays.copyOf(own, own.length + 1);
            own[own.length - 1] = r;
            ownCounts = java.util.Arrays.copyOf(ownCounts, ownCounts.length + 1);
        }
    }

    /** The slot of a declared reason, or -1: a linear scan of a few names, no allocation. */
    private int slot(String name) {
        for (int k = 0; k < own.length; k++) {
            if (own[k].name().equals(name)) {
                return k;
            }
        }
        return -1;
    }

    /** Whether {@code r} was declared. */
    public boolean declared(Reason r) {
        return slot(r.name()) >= 0;
    }

    public void count(ReasonCode code) {
        counts[code.ordinal()]++;
    }

    /** Counts a decision under the strategy's own reason when it has one, else its built-in code. */
    public void count(Decision d) {
        if (d.strategyReason != null) {
            countOwn(d.strategyReason.name());
        } else {
            count(d.reason);
        }
    }

    /** Counts {@code ownName} when it names a declared reason, else the built-in {@code code}. */
    public void count(ReasonCode code, String ownName) {
        if (ownName != null && slot(ownName) >= 0) {
            countOwn(ownName);
        } else {
            count(code);
        }
    }

    private void countOwn(String name) {
        int at = slot(name);
        if (at < 0) {
            throw new IllegalStateException("reason " + name + " was not declared");
        }
        ownCounts[at]++;
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

    /** Every declared reason of the strategies' own with its count (zeros included), in declaration order. */
    public List<OwnCount> own() {
        List<OwnCount> l = new ArrayList<>(own.length);
        for (int k = 0; k < own.length; k++) {
            l.add(new OwnCount(own[k], ownCounts[k]));
        }
        return l;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        StateIO.longs(out, counts);
        StateIO.longs(out, ownCounts);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        StateIO.longs(in, counts);
        StateIO.longs(in, ownCounts);
    }
}
