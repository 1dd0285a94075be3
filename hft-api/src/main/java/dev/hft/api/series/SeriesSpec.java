package dev.hft.api.series;

import dev.hft.api.indicator.Atr;
import dev.hft.api.indicator.Ema;
import dev.hft.api.indicator.RangePosition;
import dev.hft.api.indicator.RollingExtreme;
import dev.hft.api.indicator.Rsi;
import dev.hft.api.indicator.Sma;
import dev.hft.api.state.Snapshottable;
import dev.hft.core.Bar;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The recipe of a {@link Series}: a key that names it and a factory for its streaming computation. Two specs with the
 * same key must compute the same values from the same bars; an optimizer keeps one column per key, data set and
 * instrument and shares it between every trial that asks for it (trials with {@code fast=10} share the SMA 10). The
 * built-in recipes name themselves ({@code sma(close,10)}); {@link #of} takes a key for a function of your own, which
 * must then say everything that changes its values (every parameter).
 *
 * @param key     the series' name, e.g. {@code sma(close,10)}
 * @param factory makes a fresh computation, positioned before the first bar
 */
public record SeriesSpec(String key, Supplier<? extends BarFunction> factory) {
    /** Checks that both parts are given. */
    public SeriesSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(factory, "factory");
    }

    /** A series of your own: {@code key} must name everything its values depend on. */
    public static SeriesSpec of(String key, Supplier<? extends BarFunction> factory) {
        return new SeriesSpec(key, factory);
    }

    /** The simple moving average of {@code input} over {@code period} bars ({@link Sma}). */
    public static SeriesSpec sma(Input input, int period) {
        new Sma(period); // the indicator's own argument check, at the strategy's start
        return new SeriesSpec("sma(" + name(input) + "," + period + ")", () -> new SmaFn(input, new Sma(period)));
    }

    /** The exponential moving average of {@code input} over {@code period} bars ({@link Ema}). */
    public static SeriesSpec ema(Input input, int period) {
        new Ema(period);
        return new SeriesSpec("ema(" + name(input) + "," + period + ")", () -> new EmaFn(input, new Ema(period)));
    }

    /** Wilder's relative strength index of {@code input} over {@code period} bars ({@link Rsi}). */
    public static SeriesSpec rsi(Input input, int period) {
        new Rsi(period);
        return new SeriesSpec("rsi(" + name(input) + "," + period + ")", () -> new RsiFn(input, new Rsi(period)));
    }

    /**
     * The bar's own {@code input}, as a series: for a screen that compares it with another series (a screen reads
     * series alone). No state.
     */
    public static SeriesSpec input(Input input) {
        return new SeriesSpec("input(" + name(input) + ")", () -> new InputFn(input));
    }

    /** The highest {@code input} of the last {@code period} bars, the current one included ({@link RollingExtreme}). */
    public static SeriesSpec highest(Input input, int period) {
        RollingExtreme.max(period);
        return new SeriesSpec("highest(" + name(input) + "," + period + ")",
                () -> new ExtremeFn(input, RollingExtreme.max(period)));
    }

    /** The lowest {@code input} of the last {@code period} bars, the current one included ({@link RollingExtreme}). */
    public static SeriesSpec lowest(Input input, int period) {
        RollingExtreme.min(period);
        return new SeriesSpec("lowest(" + name(input) + "," + period + ")",
                () -> new ExtremeFn(input, RollingExtreme.min(period)));
    }

    /** The average true range over {@code period} bars ({@link Atr}). */
    public static SeriesSpec atr(int period) {
        new Atr(period);
        return new SeriesSpec("atr(" + period + ")", () -> new AtrFn(new Atr(period)));
    }

    /** Where the close sits in the high-low range of the last {@code period} bars, 0 to 1 ({@link RangePosition}). */
    public static SeriesSpec rangePosition(int period) {
        new RangePosition(period);
        return new SeriesSpec("rangePosition(" + period + ")", () -> new RangeFn(new RangePosition(period)));
    }

    private static String name(Input input) {
        return input.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A built-in indicator as a series: one final class per indicator, so that a bar reaches the indicator through
     * one call the JIT resolves (the set's call to {@code next}) and not through lambdas shared by every series, which
     * cost a backtest of the liquidation hunter's seven series a third of its speed.
     */
    private abstract static class Fn implements BarFunction {
        private final Snapshottable state;

        Fn(Snapshottable state) {
            this.state = state;
        }

        @Override
        public final void writeState(DataOutput out) throws IOException {
            state.writeState(out);
        }

        @Override
        public final void readState(DataInput in) throws IOException {
            state.readState(in);
        }
    }

    private static final class InputFn implements BarFunction {
        private final Input input;

        InputFn(Input input) {
            this.input = input;
        }

        @Override
        public double next(Bar bar) {
            return input.of(bar);
        }

        @Override
        public void writeState(DataOutput out) {
        }

        @Override
        public void readState(DataInput in) {
        }
    }

    private static final class SmaFn extends Fn {
        private final Input input;
        private final Sma x;

        SmaFn(Input input, Sma x) {
            super(x);
            this.input = input;
            this.x = x;
        }

        @Override
        public double next(Bar bar) {
            x.update(input.of(bar));
            return x.value();
        }
    }

    private static final class EmaFn extends Fn {
        private final Input input;
        private final Ema x;

        EmaFn(Input input, Ema x) {
            super(x);
            this.input = input;
            this.x = x;
        }

        @Override
        public double next(Bar bar) {
            x.update(input.of(bar));
            return x.value();
        }
    }

    private static final class RsiFn extends Fn {
        private final Input input;
        private final Rsi x;

        RsiFn(Input input, Rsi x) {
            super(x);
            this.input = input;
            this.x = x;
        }

        @Override
        public double next(Bar bar) {
            x.update(input.of(bar));
            return x.value();
        }
    }

    private static final class ExtremeFn extends Fn {
        private final Input input;
        private final RollingExtreme x;

        ExtremeFn(Input input, RollingExtreme x) {
            super(x);
            this.input = input;
            this.x = x;
        }

        @Override
        public double next(Bar bar) {
            x.update(input.of(bar));
            return x.value();
        }
    }

    private static final class AtrFn extends Fn {
        private final Atr x;

        AtrFn(Atr x) {
            super(x);
            this.x = x;
        }

        @Override
        public double next(Bar bar) {
            x.update(Input.HIGH.of(bar), Input.LOW.of(bar), Input.CLOSE.of(bar));
            return x.value();
        }
    }

    private static final class RangeFn extends Fn {
        private final RangePosition x;

        RangeFn(RangePosition x) {
            super(x);
            this.x = x;
        }

        @Override
        public double next(Bar bar) {
            x.update(Input.HIGH.of(bar), Input.LOW.of(bar), Input.CLOSE.of(bar));
            return x.value();
        }
    }
}
