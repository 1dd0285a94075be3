package dev.hft.engine.risk;

/** What the risk guard lets through. */
public enum TradingState {
    /** Entries and exits. */
    ACTIVE,
    /** Exits only (reduce-only orders). */
    REDUCING,
    /** No orders at all (protective stops of positions already open stay resting at the venue). */
    HALTED
}
