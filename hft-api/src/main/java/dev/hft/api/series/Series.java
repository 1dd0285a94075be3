package dev.hft.api.series;

/**
 * A value per accepted bar of one instrument, computed by the engine for the strategy from a {@link SeriesSpec}: the
 * strategy reads it and never updates it. When {@code onBar} is called, the series already holds the value after that
 * bar. In a backtest, paper or live session the engine computes it as the bars arrive; in an optimizer's search it
 * computes each distinct series once per data set and every trial reads the same column. The values are the same
 * doubles either way.
 */
public interface Series {
    /** The value after the current bar; {@code Double.NaN} until the series is ready. */
    double value();

    /** The value after the bar before the current one; {@code Double.NaN} before the second bar. */
    double previous();

    /** The instrument's accepted bars so far, the current one included. */
    long count();

    /**
     * Whether {@code a} crossed above {@code b} on this bar: at or below it after the bar before, above it now (false
     * while either is not ready), as {@link dev.hft.api.rule.CrossRule} says of two indicators.
     */
    static boolean crossedAbove(Series a, Series b) {
        return a.previous() - b.previous() <= 0 && a.value() - b.value() > 0;
    }

    /** Whether {@code a} crossed below {@code b} on this bar: at or above it before, below it now. */
    static boolean crossedBelow(Series a, Series b) {
        return a.previous() - b.previous() >= 0 && a.value() - b.value() < 0;
    }
}
