package dev.hft.api.indicator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class IndicatorTest {
    @Test
    void smaShouldBeNaNUntilWarmAndThenTheWindowMean() {
        Sma s = new Sma(3);
        s.update(1);
        s.update(2);
        assertThat(s.isReady()).isFalse();
        assertThat(s.value()).isNaN();
        s.update(3);
        assertThat(s.value()).isEqualTo(2.0);
        s.update(10);
        assertThat(s.value()).isEqualTo(5.0);
        assertThat(s.unstableBars()).isEqualTo(3);
    }

    @Test
    void emaShouldSeedWithTheSmaThenSmooth() {
        Ema e = new Ema(3); // alpha 0.5
        e.update(2);
        e.update(4);
        assertThat(e.value()).isNaN();
        e.update(6);
        assertThat(e.value()).isEqualTo(4.0);
        e.update(8);
        assertThat(e.value()).isEqualTo(6.0);
    }

    @Test
    void atrShouldUseWilderSmoothingOfTrueRange() {
        Atr a = new Atr(2);
        a.update(10, 8, 9);   // tr 2
        a.update(12, 9, 11);  // tr max(3, 3, 0) = 3 -> atr 2.5
        assertThat(a.value()).isEqualTo(2.5);
        a.update(11, 10.5, 10.8); // tr max(0.5, 0, 0.5) = 0.5 -> (2.5 * 1 + 0.5) / 2
        assertThat(a.value()).isEqualTo(1.5);
    }

    @Test
    void rangePositionShouldPlaceTheCloseInTheWindow() {
        RangePosition r = new RangePosition(2);
        r.update(10, 8, 9);
        assertThat(r.isReady()).isFalse();
        r.update(12, 9, 11); // range 8..12
        assertThat(r.value()).isEqualTo(0.75);
        assertThat(r.rangeHigh()).isEqualTo(12);
        assertThat(r.rangeLow()).isEqualTo(8);
        RangePosition flat = new RangePosition(1);
        flat.update(5, 5, 5);
        assertThat(flat.value()).isEqualTo(0.5);
    }

    @Test
    void shouldRejectNonPositivePeriods() {
        assertThatThrownBy(() -> new Sma(0)).hasMessageContaining("period");
        assertThatThrownBy(() -> new Ema(0)).hasMessageContaining("period");
        assertThatThrownBy(() -> new Atr(0)).hasMessageContaining("period");
        assertThatThrownBy(() -> RollingExtreme.max(0)).hasMessageContaining("window");
    }

    @Property
    void rollingExtremesShouldEqualBruteForce(@ForAll @Size(min = 1, max = 300) List<@DoubleRange(min = -1e6,
            max = 1e6) Double> xs,
                                             @ForAll @IntRange(min = 1, max = 40) int period) {
        RollingExtreme max = RollingExtreme.max(period);
        RollingExtreme min = RollingExtreme.min(period);
        for (int i = 0; i < xs.size(); i++) {
            max.update(xs.get(i));
            min.update(xs.get(i));
            if (i + 1 >= period) {
                double hi = Double.NEGATIVE_INFINITY;
                double lo = Double.POSITIVE_INFINITY;
                for (int k = i + 1 - period; k <= i; k++) {
                    hi = Math.max(hi, xs.get(k));
                    lo = Math.min(lo, xs.get(k));
                }
                assertThat(max.value()).isEqualTo(hi);
                assertThat(min.value()).isEqualTo(lo);
            } else {
                assertThat(max.value()).isNaN();
            }
        }
    }

    /**
     * Many ties (five values, signed zeros among them) and long runs: the extreme is the brute force's, bit for bit,
     * with the latest of equal values counting; a copy restored from a snapshot at any point goes on alike.
     */
    @Property(tries = 300)
    void rollingExtremesWithTiesMatchBitForBitAndSurviveASnapshot(
            @ForAll @Size(min = 1, max = 400) List<@IntRange(min = 0, max = 4) Integer> picks,
            @ForAll @IntRange(min = 1, max = 25) int period, @ForAll @IntRange(min = 0, max = 399) int snapAt)
            throws java.io.IOException {
        double[] choices = {-0.0, 0.0, 1.5, 2.0, -3.0};
        RollingExtreme max = RollingExtreme.max(period);
        RollingExtreme min = RollingExtreme.min(period);
        RollingExtreme maxCopy = RollingExtreme.max(period);
        RollingExtreme minCopy = RollingExtreme.min(period);
        double[] xs = picks.stream().mapToDouble(k -> choices[k]).toArray();
        for (int i = 0; i < xs.length; i++) {
            max.update(xs[i]);
            min.update(xs[i]);
            if (i == Math.min(snapAt, xs.length - 1)) {
                var bytes = new java.io.ByteArrayOutputStream();
                try (var out = new java.io.DataOutputStream(bytes)) {
                    max.writeState(out);
                    min.writeState(out);
                }
                try (var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
                    maxCopy.readState(in);
                    minCopy.readState(in);
                }
            } else if (i > snapAt) {
                maxCopy.update(xs[i]);
                minCopy.update(xs[i]);
            }
            if (i + 1 >= period) {
                double hi = Double.NEGATIVE_INFINITY;
                double lo = Double.POSITIVE_INFINITY;
                for (int k = i + 1 - period; k <= i; k++) {
                    hi = xs[k] >= hi ? xs[k] : hi;
                    lo = xs[k] <= lo ? xs[k] : lo;
                }
                assertThat(Double.doubleToRawLongBits(max.value())).as("max at %d", i)
                        .isEqualTo(Double.doubleToRawLongBits(hi));
                assertThat(Double.doubleToRawLongBits(min.value())).as("min at %d", i)
                        .isEqualTo(Double.doubleToRawLongBits(lo));
            } else {
                assertThat(max.value()).isNaN();
                assertThat(min.value()).isNaN();
            }
            if (i >= snapAt) {
                assertThat(Double.doubleToRawLongBits(maxCopy.value()))
                        .isEqualTo(Double.doubleToRawLongBits(max.value()));
                assertThat(Double.doubleToRawLongBits(minCopy.value()))
                        .isEqualTo(Double.doubleToRawLongBits(min.value()));
                assertThat(maxCopy.count()).isEqualTo(max.count());
            }
        }
    }

    @Property
    void smaShouldMatchAFreshSumOverLongRuns(@ForAll @Size(min = 1, max = 500) List<@DoubleRange(min = 1,
            max = 1e5) Double> xs,
                                             @ForAll @IntRange(min = 1, max = 50) int period) {
        Sma s = new Sma(period);
        for (int i = 0; i < xs.size(); i++) {
            s.update(xs.get(i));
            if (i + 1 >= period) {
                double sum = 0;
                for (int k = i + 1 - period; k <= i; k++) {
                    sum += xs.get(k);
                }
                assertThat(s.value()).isCloseTo(sum / period, offset(1e-9 * Math.abs(sum)));
            }
        }
    }
}
