package dev.hft.api.indicator;

import dev.hft.api.state.Snapshottable;
import dev.hft.api.state.StateIO;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The last {@code n} values with their running sum and sum of squares, for rolling means, variances and the
 * oldest value. Sums are kept relative to the first value seen (prices near 40,000 with a variance near 100 would
 * lose digits in a plain sum of squares) and rebuilt from the ring once per {@code n} updates, so drift stays
 * bounded. O(1) per update, no allocation.
 */
final class Window implements Snapshottable {
    private final int n;
    private final double[] ring;
    private int head;
    private long count;
    private double anchor = Double.NaN;
    private double sum;
    private double sumSq;

    Window(int n, String what) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " period must be >= 1, got " + n);
        }
        this.n = n;
        this.ring = new double[n];
    }

    /** Adds {@code x}; returns the value that left the window (NaN while it fills). */
    double add(double x) {
        if (Double.isNaN(anchor)) {
            anchor = x;
        }
        double old = count >= n ? ring[head] : Double.NaN;
        ring[head] = x;
        head = head + 1 == n ? 0 : head + 1;
        count++;
        double d = x - anchor;
        if (!Double.isNaN(old)) {
            double o = old - anchor;
            sum += d - o;
            sumSq += d * d - o * o;
        } else {
            sum += d;
            sumSq += d * d;
        }
        if (head == 0) { // rebuild: bounded drift
            double s = 0;
            double q = 0;
            for (double v : ring) {
                double e = v - anchor;
                s += e;
                q += e * e;
            }
            sum = s;
            sumSq = q;
        }
        return old;
    }

    boolean full() {
        return count >= n;
    }

    long count() {
        return count;
    }

    int size() {
        return n;
    }

    double mean() {
        return anchor + sum / n;
    }

    /** Population variance of the window (divided by n, as ta4j and Bollinger's bands). */
    double variance() {
        double m = sum / n;
        return Math.max(0, sumSq / n - m * m);
    }

    /** The value {@code back} updates ago (0: the newest), within the window. */
    double ago(int back) {
        int i = head - 1 - back;
        return ring[i < 0 ? i + n : i];
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        StateIO.doubles(out, ring);
        out.writeInt(head);
        out.writeLong(count);
        StateIO.dbl(out, anchor);
        StateIO.dbl(out, sum);
        StateIO.dbl(out, sumSq);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        StateIO.doubles(in, ring);
        head = in.readInt();
        count = in.readLong();
        anchor = StateIO.dbl(in);
        sum = StateIO.dbl(in);
        sumSq = StateIO.dbl(in);
    }
}
