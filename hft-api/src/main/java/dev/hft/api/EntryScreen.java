package dev.hft.api;

import java.util.Objects;

/**
 * A necessary condition for an entry, read from the strategy's {@link dev.hft.api.series.Series} alone: an optimizer
 * skips the strategy's {@code onBar} on every bar where it is flat, has nothing working, and this says no. The contract
 * that makes the skip exact: on such a bar, {@code onBar} would only skip (no entry, no other action) and would change
 * no state of the strategy. A strategy that keeps state from bar to bar (a counter, its own indicator objects) keeps
 * it in series instead, or offers no screen. Never asked in a backtest, paper or live session, which call
 * {@code onBar} on every bar; so a screen changes no report, only a search's speed.
 *
 * <p>A screen may carry a {@link #key()}: then a search computes its answer for every bar once, and every trial whose
 * screen has the same key reads it, as trials share a series column. The key must name what the answer depends on:
 * every series the screen reads (their own keys) and every parameter it compares them with. Two screens with the same
 * key must say the same on every bar. A keyed screen must be a function of the series' values alone (no state of its
 * own): it is asked on every bar of the data, in order, before the trial starts.
 */
@FunctionalInterface
public interface EntryScreen {
    /** Whether the strategy may enter on {@code instrument}'s current bar: false only where it surely would not. */
    boolean mayEnter(int instrument);

    /** What this screen computes, for trials to share its answers (see above); null (the default) for none. */
    default String key() {
        return null;
    }

    /**
     * {@code screen} under {@code key}: trials whose screens have the same key share one answer per bar.
     *
     * @param key    names every series the screen reads and every parameter it compares them with
     * @param screen a function of the series' values alone
     */
    static EntryScreen keyed(String key, EntryScreen screen) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(screen, "screen");
        return new EntryScreen() {
            @Override
            public boolean mayEnter(int instrument) {
                return screen.mayEnter(instrument);
            }

            @Override
            public String key() {
                return key;
            }
        };
    }
}
