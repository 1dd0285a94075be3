package dev.hft.api;

/** What a strategy wants on this event. */
public enum Action {
    /** Do nothing (the decision's reason says why). */
    NONE,
    ENTER_LONG,
    ENTER_SHORT,
    /** Close the open position at market. */
    EXIT,
    /** Cancel the entry order still resting (a limit or stop entry not filled yet); nothing else. */
    CANCEL_ENTRY
}
