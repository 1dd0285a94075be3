package dev.hft.api.indicator;

/**
 * A streaming indicator: O(1) work per update, no allocation after construction. Shaped like ta4j's
 * {@code Indicator} but pushed one value at a time instead of pulled from a stored series, so the same code runs
 * in backtest and live. {@link #unstableBars()} is the explicit warm-up: before that many updates the value is
 * not yet meaningful and {@link #isReady()} is false.
 */
public interface Indicator {
    /** Current value; {@code Double.NaN} until ready. */
    double value();

    /** Number of updates before {@link #value()} is meaningful. */
    int unstableBars();

    /** Number of updates seen. */
    long count();

    default boolean isReady() {
        return count() >= unstableBars();
    }
}
