package dev.hft.api.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hft.api.indicator.Atr;
import dev.hft.api.indicator.Ema;
import dev.hft.api.indicator.RangePosition;
import dev.hft.api.indicator.RollingExtreme;
import dev.hft.api.indicator.Rsi;
import dev.hft.api.indicator.Sma;
import dev.hft.api.rule.CrossRule;
import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** The built-in series are their indicators, value for value; a set moves them on, shares keys and saves state. */
class SeriesTest {
    /** A random walk of bars with highs above and lows below both open and close. */
    static List<Bar> walk(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        List<Bar> out = new ArrayList<>();
        double c = 100;
        for (int k = 0; k < n; k++) {
            double o = c;
            c = Math.max(1, c + r.nextGaussian());
            double h = Math.max(o, c) + r.nextDouble();
            double l = Math.max(0.5, Math.min(o, c) - r.nextDouble());
            long t = 60_000L * k;
            out.add(new Bar().set(0, t, t + 59_999, Fixed.fromDouble(o), Fixed.fromDouble(h), Fixed.fromDouble(l),
                    Fixed.fromDouble(c), Fixed.fromDouble(1 + 10 * r.nextDouble())));
        }
        return out;
    }

    /** Asserts that {@code spec}'s series gives {@code expected} after every bar, bit for bit. */
    private static void same(SeriesSpec spec, String key, ToDoubleFunction<Bar> expected) {
        assertThat(spec.key()).isEqualTo(key);
        SeriesSet set = new SeriesSet();
        Series s = set.series(spec);
        double before = Double.NaN;
        long n = 0;
        for (Bar b : walk(7, 300)) {
            double want = expected.applyAsDouble(b);
            set.next(b);
            n++;
            assertThat(Double.doubleToRawLongBits(s.value())).as(key + " at bar " + n)
                    .isEqualTo(Double.doubleToRawLongBits(want));
            assertThat(Double.doubleToRawLongBits(s.previous())).isEqualTo(Double.doubleToRawLongBits(before));
            assertThat(s.count()).isEqualTo(n);
            before = want;
        }
    }

    @Test
    void builtInSeriesAreTheirIndicators() {
        Sma sma = new Sma(10);
        same(SeriesSpec.sma(Input.CLOSE, 10), "sma(close,10)", b -> {
            sma.update(Fixed.toDouble(b.close));
            return sma.value();
        });
        Sma volume = new Sma(5);
        same(SeriesSpec.sma(Input.VOLUME, 5), "sma(volume,5)", b -> {
            volume.update(Fixed.toDouble(b.volume));
            return volume.value();
        });
        Ema ema = new Ema(8);
        same(SeriesSpec.ema(Input.OPEN, 8), "ema(open,8)", b -> {
            ema.update(Fixed.toDouble(b.open));
            return ema.value();
        });
        Rsi rsi = new Rsi(14);
        same(SeriesSpec.rsi(Input.CLOSE, 14), "rsi(close,14)", b -> {
            rsi.update(Fixed.toDouble(b.close));
            return rsi.value();
        });
        RollingExtreme max = RollingExtreme.max(20);
        same(SeriesSpec.highest(Input.HIGH, 20), "highest(high,20)", b -> {
            max.update(Fixed.toDouble(b.high));
            return max.value();
        });
        RollingExtreme min = RollingExtreme.min(20);
        same(SeriesSpec.lowest(Input.LOW, 20), "lowest(low,20)", b -> {
            min.update(Fixed.toDouble(b.low));
            return min.value();
        });
        Atr atr = new Atr(14);
        same(SeriesSpec.atr(14), "atr(14)", b -> {
            atr.update(Fixed.toDouble(b.high), Fixed.toDouble(b.low), Fixed.toDouble(b.close));
            return atr.value();
        });
        same(SeriesSpec.input(Input.VOLUME), "input(volume)", b -> Fixed.toDouble(b.volume));
        RangePosition range = new RangePosition(30);
        same(SeriesSpec.rangePosition(30), "rangePosition(30)", b -> {
            range.update(Fixed.toDouble(b.high), Fixed.toDouble(b.low), Fixed.toDouble(b.close));
            return range.value();
        });
    }

    @Test
    void aRecipeRefusesWhatItsIndicatorRefuses() {
        assertThatThrownBy(() -> SeriesSpec.sma(Input.CLOSE, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SeriesSpec.atr(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SeriesSpec.of("x", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void crossingsAreTheCrossRulesOnTheSameAverages() {
        Sma fast = new Sma(3);
        Sma slow = new Sma(9);
        CrossRule up = new CrossRule(fast, slow, true);
        CrossRule down = new CrossRule(fast, slow, false);
        SeriesSet set = new SeriesSet();
        Series f = set.series(SeriesSpec.sma(Input.CLOSE, 3));
        Series s = set.series(SeriesSpec.sma(Input.CLOSE, 9));
        int crosses = 0;
        for (Bar b : walk(3, 2_000)) {
            fast.update(Fixed.toDouble(b.close));
            slow.update(Fixed.toDouble(b.close));
            up.update();
            down.update();
            set.next(b);
            assertThat(Series.crossedAbove(f, s)).isEqualTo(up.isSatisfied());
            assertThat(Series.crossedBelow(f, s)).isEqualTo(down.isSatisfied());
            crosses += up.isSatisfied() ? 1 : 0;
        }
        assertThat(crosses).as("the walk crosses").isGreaterThan(20);
    }

    @Test
    void aSetSharesAKeyAndContinuesFromItsSavedState() throws Exception {
        SeriesSet set = new SeriesSet();
        Series a = set.series(SeriesSpec.sma(Input.CLOSE, 4));
        assertThat(set.series(SeriesSpec.sma(Input.CLOSE, 4))).isSameAs(a);
        Series own = set.series(SeriesSpec.of("twice(close)", () -> new BarFunction() {
            private double last;

            @Override
            public double next(Bar bar) {
                last = 2 * Fixed.toDouble(bar.close);
                return last;
            }

            @Override
            public void writeState(java.io.DataOutput out) throws java.io.IOException {
                out.writeDouble(last);
            }

            @Override
            public void readState(java.io.DataInput in) throws java.io.IOException {
                last = in.readDouble();
            }
        }));
        List<Bar> bars = walk(5, 40);
        for (Bar b : bars.subList(0, 20)) {
            set.next(b);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        set.writeState(new DataOutputStream(bytes));

        SeriesSet copy = new SeriesSet();
        Series ca = copy.series(SeriesSpec.sma(Input.CLOSE, 4));
        Series cOwn = copy.series(SeriesSpec.of("twice(close)", () -> new BarFunction() {
            @Override
            public double next(Bar bar) {
                return 2 * Fixed.toDouble(bar.close);
            }

            @Override
            public void writeState(java.io.DataOutput out) {
            }

            @Override
            public void readState(java.io.DataInput in) throws java.io.IOException {
                in.readDouble();
            }
        }));
        copy.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        assertThat(ca.value()).isEqualTo(a.value());
        assertThat(ca.previous()).isEqualTo(a.previous());
        assertThat(ca.count()).isEqualTo(20);
        for (Bar b : bars.subList(20, 40)) {
            set.next(b);
            copy.next(b);
            assertThat(ca.value()).isEqualTo(a.value());
            assertThat(cOwn.value()).isEqualTo(own.value());
        }
        assertThat(own.value()).isEqualTo(2 * Fixed.toDouble(bars.get(39).close));
    }

    @Test
    void inputsReadTheirField() {
        Bar b = new Bar().set(0, 0, 59_999, Fixed.of(1), Fixed.of(4), Fixed.of(0), Fixed.of(2), Fixed.of(7));
        assertThat(Input.OPEN.of(b)).isEqualTo(1);
        assertThat(Input.HIGH.of(b)).isEqualTo(4);
        assertThat(Input.LOW.of(b)).isEqualTo(0);
        assertThat(Input.CLOSE.of(b)).isEqualTo(2);
        assertThat(Input.VOLUME.of(b)).isEqualTo(7);
    }
}
