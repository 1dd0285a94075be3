package dev.hft.sim;

/**
 * Which protective order fills when a bar's range covers both the stop and the take-profit, and the bar does not
 * carry its trade path ({@code Bar.extremes}, paper and live sessions that follow the trade stream): with the path
 * the level the market reached first fills, whatever the policy.
 */
public enum IntrabarPolicy {
    /** Assume the stop traded first: pessimistic, the default. */
    STOP_FIRST,
    /** Assume the take-profit traded first: optimistic. */
    TAKE_PROFIT_FIRST
}
