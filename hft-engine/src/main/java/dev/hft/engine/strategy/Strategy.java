package dev.hft.engine.strategy;

import dev.hft.core.Bar;

/**
 * A trading strategy: sees each closed bar of its instrument and fills in a {@link Decision}. One instance per
 * instrument, driven only by the engine thread. It must not look at anything but the bars it has been given
 * (no look-ahead), and must do O(1) work without allocation per bar.
 */
public interface Strategy {
    /** Registry name, e.g. {@code liquidation-hunter}. */
    String name();

    /** Bars needed before the strategy can decide. */
    int warmupBars();

    /**
     * Called once per closed bar. Indicators must be updated on every bar, whatever the position, so state does
     * not depend on fills.
     */
    void onBar(Bar bar, PositionView position, Decision out);
}
