package dev.hft.sim;

/** When a resting limit order (a limit entry or a take-profit) fills on bars. */
public enum LimitFill {
    /**
     * Only when a bar trades through the price: for a buy limit the low goes below it, for a sell the high above
     * it. A bar that only touches the price may have left the order unfilled behind the queue resting there first.
     * The default.
     */
    THROUGH,
    /** As soon as a bar reaches the price (hft 0.1's rule; it assumes the order was first in the queue). */
    TOUCH
}
