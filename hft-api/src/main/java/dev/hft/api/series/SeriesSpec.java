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
import java.util.function.DoubleConsumer;
import java.util.function.DoubleSupplier;
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
        return new SeriesSpec("sma(" + name(input) + "," + period + ")", () -> OfValue.of(input, new Sma(period)));
    }

    /** The exponential moving average of {@code input} over {@code period} bars ({@link Ema}). */
    public static SeriesSpec ema(Input input, int period) {
        new Ema(period);
        return new SeriesSpec("ema(" + name(input) + "," + period + ")", () -> OfValue.of(input, new Ema(period)));
    }

    /** Wilder's relative strength index of {@code input} over {@code period} bars ({@link Rsi}). */
    public static SeriesSpec rsi(Input input, int period) {
        new Rsi(period);
        return new SeriesSpec("rsi(" + name(input) + "," + period + ")", () -> OfValue.of(input, new Rsi(period)));
    }

    /** The highest {@code input} of the last {@code period} bars, the current one included ({@link RollingExtreme}). */
    public static SeriesSpec highest(Input input, int period) {
        RollingExtreme.max(period);
        return new SeriesSpec("highest(" + name(input) + "," + period + ")",
                () -> OfValue.of(input, RollingExtreme.max(period)));
    }

    /** The lowest {@code input} of the last {@code period} bars, the current one included ({@link RollingExtreme}). */
    public static SeriesSpec lowest(Input input, int period) {
        RollingExtreme.min(period);
        return new SeriesSpec("lowest(" + name(input) + "," + period + ")",
                () -> OfValue.of(input, RollingExtreme.min(period)));
    }

    /** The average true range over {@code period} bars ({@link Atr}). */
    public static SeriesSpec atr(int period) {
        new Atr(period);
        return new SeriesSpec("atr(" + period + ")", () -> {
            Atr a = new Atr(period);
            return new Hlc(a::update, a::value, a);
        });
    }

    /** Where the close sits in the high-low range of the last {@code period} bars, 0 to 1 ({@link RangePosition}). */
    public static SeriesSpec rangePosition(int period) {
        new RangePosition(period);
        return new SeriesSpec("rangePosition(" + period + ")", () -> {
            RangePosition r = new RangePosition(period);
            return new Hlc(r::update, r::value, r);
        });
    }

    private static String name(Input input) {
        return input.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A one-input indicator fed {@code input}: its update, its value and its state. */
    private record OfValue(Input input, DoubleConsumer update, DoubleSupplier value, Snapshottable state)
            implements BarFunction {
        static OfValue of(Input input, Sma s) {
            return new OfValue(input, s::update, s::value, s);
        }

        static OfValue of(Input input, Ema e) {
            return new OfValue(input, e::update, e::value, e);
        }

        static OfValue of(Input input, Rsi r) {
            return new OfValue(input, r::update, r::value, r);
        }

        static OfValue of(Input input, RollingExtreme x) {
            return new OfValue(input, x::update, x::value, x);
        }

        @Override
        public double next(Bar bar) {
            update.accept(input.of(bar));
            return value.getAsDouble();
        }

        @Override
        public void writeState(DataOutput out) throws IOException {
            state.writeState(out);
        }

        @Override
        public void readState(DataInput in) throws IOException {
            state.readState(in);
        }
    }

    /** The update of an indicator of a bar's high, low and close. */
    private interface HlcUpdate {
        void update(double high, double low, double close);
    }

    /** A high-low-close indicator: its update, its value and its state. */
    private record Hlc(HlcUpdate update, DoubleSupplier value, Snapshottable state) implements BarFunction {
        @Override
        public double next(Bar bar) {
            update.update(Input.HIGH.of(bar), Input.LOW.of(bar), Input.CLOSE.of(bar));
            return value.getAsDouble();
        }

        @Override
        public void writeState(DataOutput out) throws IOException {
            state.writeState(out);
        }

        @Override
        public void readState(DataInput in) throws IOException {
            state.readState(in);
        }
    }
}
