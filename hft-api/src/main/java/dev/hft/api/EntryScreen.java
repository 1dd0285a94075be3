package dev.hft.api;

/**
 * A necessary condition for an entry, read from the strategy's {@link dev.hft.api.series.Series} alone: an optimizer
 * skips the strategy's {@code onBar} on every bar where it is flat, has nothing working, and this says no. The contract
 * that makes the skip exact: on such a bar, {@code onBar} would only skip (no entry, no other action) and would change
 * no state of the strategy. A strategy that keeps state from bar to bar (a counter, its own indicator objects) keeps
 * it in series instead, or offers no screen. Never asked in a backtest, paper or live session, which call
 * {@code onBar} on every bar; so a screen changes no report, only a search's speed.
 */
@FunctionalInterface
public interface EntryScreen {
    /** Whether the strategy may enter on {@code instrument}'s current bar: false only where it surely would not. */
    boolean mayEnter(int instrument);
}
