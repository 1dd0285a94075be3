package dev.hft.engine.strategy;

import dev.hft.core.Bar;

/**
 * A trading strategy: sees each closed bar of its instrument and fills in a {@link Decision}. One instance per
 * instrument, driven only by the engine thread. It must not look at anything but the bars it has been given
 * (no look-ahead), and must do O(1) work without allocation per bar.
 */
public interface Strategy extends dev.hft.engine.snapshot.Snapshottable {
    /** Registry name, e.g. {@code liquidation-hunter}. */
    String name();

    /** Bars needed before the strategy can decide. */
    int warmupBars();

    /**
     * Called once per closed bar. Indicators must be updated on every bar, whatever the position, so state does
     * not depend on fills.
     */
    void onBar(Bar bar, PositionView position, Decision out);

    /** Saves every bit of state (indicators included); a strategy that cannot is not snapshotted. */
    @Override
    default void writeState(java.io.DataOutput out) throws java.io.IOException {
        throw new UnsupportedOperationException("strategy " + name() + " cannot be snapshotted");
    }

    @Override
    default void readState(java.io.DataInput in) throws java.io.IOException {
        throw new UnsupportedOperationException("strategy " + name() + " cannot be snapshotted");
    }
}
