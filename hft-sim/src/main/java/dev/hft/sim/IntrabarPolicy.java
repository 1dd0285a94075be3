package dev.hft.sim;

/** Which protective order fills when a bar's range covers both the stop and the take-profit. */
public enum IntrabarPolicy {
    /** Assume the stop traded first: pessimistic, the default. */
    STOP_FIRST,
    /** Assume the take-profit traded first: optimistic. */
    TAKE_PROFIT_FIRST
}
