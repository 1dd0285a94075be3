package dev.hft.engine.cost;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import dev.hft.api.state.StateIO;
import dev.hft.api.state.Snapshottable;

import dev.hft.core.Bar;
import dev.hft.core.Fixed;

/**
 * Running market statistics of one instrument, updated on every accepted bar, read by the cost model:
 * <ul>
 *   <li>spread: the Corwin-Schultz (2012) high-low estimator on each pair of consecutive bars (negative
 *       estimates count as 0), averaged over the last {@code window} pairs. With only bars, this is the
 *       documented estimate of the quoted spread; it overstates the spread of very liquid markets on short bars,
 *       which errs on the side of higher costs. A bar that carries the best bid and ask at its close (paper and
 *       live with the quote stream) uses the quoted spread instead;</li>
 *   <li>volatility: exponentially weighted standard deviation of close-to-close log returns per bar;</li>
 *   <li>volume: mean base volume of the last {@code window} bars.</li>
 * </ul>
 * O(1) per bar, no allocation after construction.
 */
public final class MarketStats implements MarketStatistics, Snapshottable {
    private static final double K = 3 - 2 * Math.sqrt(2);

    private final int window;
    private final double[] spreads;
    private final double[] volumes;
    private final double lambda;
    private int head;
    private long count;
    private double spreadSum;
    private double volumeSum;
    private double prevHigh = Double.NaN;
    private double prevLow;
    private double prevClose = Double.NaN;
    /** ln(high / low) of the previous bar: computed once, used by the next bar's estimate. */
    private double prevLogRange;
    private double variance;
    private long returns;
    private long lastClose;

    public MarketStats(int window) {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1");
        }
        this.window = window;
        this.spreads = new double[window];
        this.volumes = new double[window];
        this.lambda = 2.0 / (window + 1);
    }

    public void update(Bar bar) {
        double h = Fixed.toDouble(bar.high);
        double l = Fixed.toDouble(bar.low);
        double c = Fixed.toDouble(bar.close);
        double logRange = l > 0 ? Math.log(h / l) : 0; // this bar's b2 now, the next bar's b1
        double s;
        if (bar.bid > 0 && bar.ask >= bar.bid) { // a quoted spread from the quote stream beats any estimate
            double bid = Fixed.toDouble(bar.bid);
            double ask = Fixed.toDouble(bar.ask);
            s = (ask - bid) / ((ask + bid) / 2);
        } else {
            s = Double.isNaN(prevHigh) ? 0 : corwinSchultz(prevLogRange, prevHigh, prevLow, logRange, h, l);
        }
        prevLogRange = logRange;
        int slot = head;
        head = head + 1 == window ? 0 : head + 1;
        if (count >= window) {
            spreadSum -= spreads[slot];
            volumeSum -= volumes[slot];
        }
        spreads[slot] = s;
        volumes[slot] = Fixed.toDouble(bar.volume);
        spreadSum += s;
        volumeSum += volumes[slot];
        count++;
        if (!Double.isNaN(prevClose) && prevClose > 0 && c > 0) {
            double r = Math.log(c / prevClose);
            variance = returns == 0 ? r * r : (1 - lambda) * variance + lambda * r * r;
            returns++;
        }
        prevHigh = h;
        prevLow = l;
        prevClose = c;
        lastClose = bar.close;
    }

    /**
     * Corwin-Schultz spread estimate from two consecutive bars' highs and lows, as a fraction of price; 0 when
     * the estimator comes out negative (which it does when volatility dominates).
     */
    public static double corwinSchultz(double h1, double l1, double h2, double l2) {
        return l1 <= 0 || l2 <= 0 ? 0 : corwinSchultz(Math.log(h1 / l1), h1, l1, Math.log(h2 / l2), h2, l2);
    }

    /**
     * The same with both bars' ln(high / low) already known ({@code b1}, {@code b2}: each bar's is computed once
     * and used by two estimates); bit for bit the same result.
     */
    private static double corwinSchultz(double b1, double h1, double l1, double b2, double h2, double l2) {
        if (l1 <= 0 || l2 <= 0) {
            return 0;
        }
        double beta = b1 * b1 + b2 * b2;
        double hi = Math.max(h1, h2);
        double lo = Math.min(l1, l2);
        // when one bar's range holds the other's, the two-bar range is that bar's: its logarithm is known
        double g = hi == h2 && lo == l2 ? b2 : hi == h1 && lo == l1 ? b1 : Math.log(hi / lo);
        double gamma = g * g;
        double alpha = (Math.sqrt(2 * beta) - Math.sqrt(beta)) / K - Math.sqrt(gamma / K);
        if (!(alpha > 0)) {
            return 0; // 2(e^a - 1)/(1 + e^a) is positive exactly when a is
        }
        double e = Math.exp(alpha);
        double s = 2 * (e - 1) / (1 + e);
        return s > 0 ? s : 0;
    }

    @Override
    public double spreadFrac() {
        long n = Math.min(count, window);
        return n == 0 ? 0 : spreadSum / n;
    }

    @Override
    public double volatility() {
        return Math.sqrt(variance);
    }

    @Override
    public double averageVolume() {
        long n = Math.min(count, window);
        return n == 0 ? 0 : volumeSum / n;
    }

    public long lastClose() {
        return lastClose;
    }

    public long bars() {
        return count;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        StateIO.doubles(out, spreads);
        StateIO.doubles(out, volumes);
        out.writeInt(head);
        out.writeLong(count);
        StateIO.dbl(out, spreadSum);
        StateIO.dbl(out, volumeSum);
        StateIO.dbl(out, prevHigh);
        StateIO.dbl(out, prevLow);
        StateIO.dbl(out, prevClose);
        StateIO.dbl(out, variance);
        out.writeLong(returns);
        out.writeLong(lastClose);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        StateIO.doubles(in, spreads);
        StateIO.doubles(in, volumes);
        head = in.readInt();
        count = in.readLong();
        spreadSum = StateIO.dbl(in);
        volumeSum = StateIO.dbl(in);
        prevHigh = StateIO.dbl(in);
        prevLow = StateIO.dbl(in);
        prevClose = StateIO.dbl(in);
        prevLogRange = prevLow > 0 ? Math.log(prevHigh / prevLow) : 0; // derived, as update() derives it
        variance = StateIO.dbl(in);
        returns = in.readLong();
        lastClose = in.readLong();
    }
}
