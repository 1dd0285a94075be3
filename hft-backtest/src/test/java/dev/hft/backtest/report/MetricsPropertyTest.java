package dev.hft.backtest.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.core.Fixed;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The daily returns and the maximum drawdown are computed with one division per day and per peak instead of per
 * point; they must equal the per-point definitions (kept here) bit for bit, on ordered and unordered times.
 */
class MetricsPropertyTest {
    private static final long DAY = 86_400_000L;

    @Property(tries = 300)
    void dailyReturnsAndDrawdownEqualTheirDefinitions(@ForAll long seed, @ForAll @IntRange(min = 0, max = 3000) int n,
                                                     @ForAll boolean shuffledTimes) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] t = new long[n];
        long[] e = new long[n];
        long time = r.nextLong(-5 * DAY, 5 * DAY);
        long eq = Fixed.of(10_000);
        for (int i = 0; i < n; i++) {
            time += shuffledTimes ? r.nextLong(-2 * DAY, 2 * DAY) : r.nextLong(0, DAY / (1 + r.nextInt(200)));
            t[i] = time;
            eq += r.nextLong(-Fixed.of(50), Fixed.of(50));
            e[i] = r.nextInt(20) == 0 ? eq * 2 : eq;
        }
        long initial = r.nextInt(10) == 0 ? 0 : Fixed.of(10_000);
        assertThat(Metrics.dailyReturns(t, e, initial)).containsExactly(dailyByDefinition(t, e, initial));
        assertThat(Double.doubleToLongBits(Metrics.maxDrawdownPct(e, initial)))
                .isEqualTo(Double.doubleToLongBits(drawdownByDefinition(e, initial)));
    }

    private static double[] dailyByDefinition(long[] timeMs, long[] equity, long initial) {
        List<Double> out = new ArrayList<>();
        double prev = Fixed.toDouble(initial);
        for (int i = 0; i < equity.length; i++) {
            boolean lastOfDay = i + 1 == equity.length
                    || Math.floorDiv(timeMs[i + 1], DAY) != Math.floorDiv(timeMs[i], DAY);
            if (lastOfDay) {
                double v = Fixed.toDouble(equity[i]);
                out.add(v / prev - 1);
                prev = v;
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double drawdownByDefinition(long[] equity, long initial) {
        long peak = initial;
        double worst = 0;
        for (long v : equity) {
            if (v > peak) {
                peak = v;
            }
            double dd = (double) (peak - v) / peak;
            if (dd > worst) {
                worst = dd;
            }
        }
        return 100.0 * worst;
    }
}
