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
        return new SeriesSpec("sma(" + name(input) + "," + period + ")", () -> {
            Sma x = new Sma(period);
            return Of.one(input, x::update, x::value, x);
        });
    }

    /** The exponential moving average of {@code input} over {@code period} bars ({@link Ema}). */
    public static SeriesSpec ema(Input input, int period) {
        new Ema(period);
        return new SeriesSpec("ema(" + name(input) + "," + period + ")", () -> {
            Ema x = new Ema(period);
            return Of.one(input, x::update, x::value, x);
        });
    }

    /** Wilder's relative strength index of {@code input} over {@code period} bars ({@link Rsi}). */
    public static SeriesSpec rsi(Input input, int period) {
        new Rsi(period);
        return new SeriesSpec("rsi(" + name(input) + "," + period + ")", () -> {
            Rsi x = new Rsi(period);
            return Of.one(input, x::update, x::value, x);
        });
    }

    /** The highest {@code input} of the last {@code period} bars, the current one included ({@link RollingExtreme}). */
    public static SeriesSpec highest(Input input, int period) {
        RollingExtreme.max(period);
        return new SeriesSpec("highest(" + name(input) + "," + period + ")", () -> {
            RollingExtreme x = RollingExtreme.max(period);
            return Of.one(input, x::update, x::value, x);
        });
    }

    /** The lowest {@code input} of the last {@code period} bars, the current one included ({@link RollingExtreme}). */
    public static SeriesSpec lowest(Input input, int period) {
        RollingExtreme.min(period);
        return new SeriesSpec("lowest(" + name(input) + "," + period + ")", () -> {
            RollingExtreme x = RollingExtreme.min(period);
            return Of.one(input, x::update, x::value, x);
        });
    }

    /** The average true range over {@code period} bars ({@link Atr}). */
    public static SeriesSpec atr(int period) {
        new Atr(period);
        return new SeriesSpec("atr(" + period + ")", () -> {
            Atr a = new Atr(period);
            return new Of(bar -> a.update(Input.HIGH.of(bar), Input.LOW.of(bar), Input.CLOSE.of(bar)), a::value, a);
        });
    }

    /** Where the close sits in the high-low range of the last {@code period} bars, 0 to 1 ({@link RangePosition}). */
    public static SeriesSpec rangePosition(int period) {
        new RangePosition(period);
        return new SeriesSpec("rangePosition(" + period + ")", () -> {
            RangePosition r = new RangePosition(period);
            return new Of(bar -> r.update(Input.HIGH.of(bar), Input.LOW.of(bar), Input.CLOSE.of(bar)), r::value, r);
        });
    }

    private static String name(Input input) {
        return input.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** How an indicator takes a bar. */
    private interface Update {
        void take(Bar bar);
    }

    /** An indicator as a series: how it takes a bar, its value after that, and its state. */
    private record Of(Update update, DoubleSupplier value, Snapshottable state) implements BarFunction {
        static Of one(Input input, DoubleConsumer update, DoubleSupplier value, Snapshottable state) {
            return new Of(bar -> update.accept(input.of(bar)), value, state);
        }

        @Override
        public double next(Bar bar) {
            update.take(bar);
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
