package dev.hft.api;

/** What a strategy may know about its own position on the instrument of the current event. */
public interface PositionView {
    /** Signed quantity (fixed-point); 0 when flat. */
    long quantity();

    /** Bars since the position was opened (0 when flat). */
    long barsHeld();

    /** True while an entry or exit order is working, so the strategy does not stack orders. */
    boolean orderPending();

    /** The average price of the open quantity's entries (fixed point, quote asset); 0 when flat. Since API 0.2. */
    default long avgEntryPrice() {
        return 0;
    }

    /**
     * The entries the open position was built from: 1 after the first fill, more after each scale-in (at most the
     * run's {@code risk.maxEntries}); 0 when flat. Since API 0.2.
     */
    default int entries() {
        return 0;
    }
}
