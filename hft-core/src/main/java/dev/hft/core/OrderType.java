package dev.hft.core;

/** Order types the engine can send. */
public enum OrderType {
    /** Fills at the next available price (with slippage). */
    MARKET,
    /** Protective stop: becomes a market order when the price trades through {@code triggerPrice}. */
    STOP_MARKET,
    /** Limit order: fills at {@code price} or better. Used for take-profit. */
    LIMIT,
    /**
     * Stop-limit: once the price trades at {@code triggerPrice} it becomes a limit order at {@code price} (a strategy's
     * entry; the worst price it may fill at, unlike a stop-market).
     */
    STOP_LIMIT
}
