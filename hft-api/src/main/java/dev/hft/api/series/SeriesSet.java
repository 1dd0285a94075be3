package dev.hft.api.series;

import dev.hft.api.state.StateIO;
import dev.hft.core.Bar;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * The series of one instrument as its bars arrive: one per key, each moved on by {@link #next} in the order they were
 * asked for. What the engine runs in backtest, paper and live, and what {@link dev.hft.api.StrategyHarness} runs in a
 * strategy's unit test. Single-threaded; no allocation per bar.
 */
public final class SeriesSet {
    private Slot[] slots = new Slot[0];

    /** The series of {@code spec}: the one already asked for under its key, else a new one before any bar. */
    public Series series(SeriesSpec spec) {
        for (Slot s : slots) {
            if (s.key.equals(spec.key())) {
                return s;
            }
        }
        Slot s = new Slot(spec.key(), spec.factory().get());
        slots = Arrays.copyOf(slots, slots.length + 1);
        slots[slots.length - 1] = s;
        return s;
    }

    /** The keys of the series, in the order they were asked for: what a saved state holds. */
    public java.util.List<String> keys() {
        String[] k = new String[slots.length];
        for (int i = 0; i < k.length; i++) {
            k[i] = slots[i].key;
        }
        return java.util.List.of(k);
    }

    /** Moves every series on by the instrument's next accepted bar. */
    public void next(Bar bar) {
        for (Slot s : slots) {
            s.previous = s.value;
            s.value = s.function.next(bar);
            s.count++;
        }
    }

    /** Every series' state, in the order they were asked for. */
    public void writeState(DataOutput out) throws IOException {
        for (Slot s : slots) {
            s.function.writeState(out);
            StateIO.dbl(out, s.value);
            StateIO.dbl(out, s.previous);
            out.writeLong(s.count);
        }
    }

    /** Reads what {@link #writeState} wrote, into a set asked for the same series in the same order. */
    public void readState(DataInput in) throws IOException {
        for (Slot s : slots) {
            s.function.readState(in);
            s.value = StateIO.dbl(in);
            s.previous = StateIO.dbl(in);
            s.count = in.readLong();
        }
    }

    /** One series: its computation and its last two values. */
    private static final class Slot implements Series {
        private final String key;
        private final BarFunction function;
        private double value = Double.NaN;
        private double previous = Double.NaN;
        private long count;

        Slot(String key, BarFunction function) {
            this.key = key;
            this.function = function;
        }

        @Override
        public double value() {
            return value;
        }

        @Override
        public double previous() {
            return previous;
        }

        @Override
        public long count() {
            return count;
        }
    }
}
