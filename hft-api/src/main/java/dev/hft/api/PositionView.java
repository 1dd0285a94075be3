package dev.hft.api;

/** What a strategy may know about its own position on the instrument of the current event. */
public interface PositionView {
    /** Signed quantity (fixed-point); 0 when flat. */
    long quantity();

    /** Bars since the position was opened (0 when flat). */
    long barsHeld();

    /** True while an entry or exit order is working, so the strategy does not stack orders. */
    boolean orderPending();
}
