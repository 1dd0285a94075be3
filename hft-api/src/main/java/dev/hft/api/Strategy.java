package dev.hft.api;

import dev.hft.core.Bar;

/**
 * A trading strategy: sees each closed bar of its instrument and fills in a {@link Decision}. One instance per
 * instrument, driven only by the engine thread. It must not look at anything but the bars it has been given
 * (no look-ahead), and must do O(1) work without allocation per bar.
 */
public interface Strategy extends dev.hft.api.state.Snapshottable {
    /** Registry name, e.g. {@code liquidation-hunter}. */
    String name();

    /** Bars needed before the strategy can decide. */
    int warmupBars();

    /**
     * False (the default): one instance per instrument of the run, each seeing its own instrument's bars. True: one
     * instance for the whole run, seeing the bars of every instrument in time order ({@code bar.instrument} says
     * whose, {@link StrategyContext#instruments()} names them) and deciding for any of them through
     * {@link StrategyContext#decision(int)}: pairs, spreads, rotation.
     */
    default boolean portfolio() {
        return false;
    }

    /**
     * Called once before the first event (and again on a fresh engine that replays or recovers the run) with the
     * strategy's view of the run. Keep the context; do not trade here.
     */
    default void onStart(StrategyContext context) {
    }

    /**
     * One of this strategy's orders filled, wholly or in part (an entry, its protective stop or take-profit, an
     * exit): {@code fill.reason()} says which kind, {@code fill.instrument()} which instrument. Called after the
     * engine applied it, so positions and cash include it; it may update state, not decide (the next bar decides).
     */
    default void onFill(dev.hft.core.Fill fill) {
    }

    /**
     * One of this strategy's orders was canceled (by the strategy, its expiry, an exit, the risk guard or an operator)
     * or rejected (the update's {@code reason} says why). Called after the engine applied it; like {@link #onFill} it
     * may update state, not decide.
     */
    default void onOrderUpdate(OrderUpdate update) {
    }

    /** The run ends (the end of the data, or a paper or live session stopping): release what the strategy holds. */
    default void onStop() {
    }

    /**
     * Every reason code of the strategy's own it may decide with ({@link Reason}), in the order reports list them.
     * A decision with a reason not listed here is a fault of the strategy (it stops deciding, as on an exception).
     */
    default java.util.List<Reason> reasons() {
        return java.util.List.of();
    }

    /**
     * Called once per closed bar. Indicators must be updated on every bar, whatever the position, so state does
     * not depend on fills.
     */
    void onBar(Bar bar, PositionView position, Decision out);

    /**
     * A necessary condition for an entry that an optimizer may check instead of calling {@code onBar} while the
     * strategy is flat with nothing working ({@link EntryScreen}, whose contract makes the skip exact); null (the
     * default) for none. Asked once, after {@link #onStart}, and only by a search's trials. Strategies with
     * {@link #intervals()} are never skipped.
     */
    default EntryScreen entryScreen() {
        return null;
    }

    /**
     * A necessary condition for acting while the strategy holds a position with only its protective pair working
     * ({@link HoldScreen}, whose contract makes the skip exact); null (the default) for none. Asked once, after
     * {@link #onStart}, and only by a search's trials; never for a portfolio strategy or one with {@link #intervals()}.
     */
    default HoldScreen holdScreen() {
        return null;
    }

    /**
     * Longer intervals (ms) the strategy wants bars of, each a whole multiple of the data's interval (1m data gives
     * 5m, 15m, 1h, 4h, 1d). The engine builds them from the accepted bars ({@link BarAggregator}) and hands each to
     * {@link #onBar(long, Bar)} once, when its last base bar has closed, just before that base bar's
     * {@link #onBar(Bar, PositionView, Decision)}: a strategy never sees a longer bar before it is complete.
     */
    default java.util.List<Long> intervals() {
        return java.util.List.of();
    }

    /**
     * A finished bar of one of {@link #intervals()}: update what depends on it here (decide in the base bar's
     * {@code onBar}, which follows at once). The bar is reused after the call: copy it to keep it.
     */
    default void onBar(long intervalMs, Bar bar) {
    }

    /**
     * Draws this bar's values of the strategy's own indicators on the report's price chart, e.g.
     * {@code plot.line("SMA 50", fast.value())}. Called just after {@link #onBar(Bar, PositionView, Decision)}, only
     * by backtests that write a report; it must not change state (decisions are the same with or without it). An
     * exception here stops the drawing, not the trading. Default: nothing.
     */
    default void plot(Plot plot) {
    }

    /** Saves every bit of state (indicators included); a strategy that cannot is not snapshotted. */
    @Override
    default void writeState(java.io.DataOutput out) throws java.io.IOException {
        throw new UnsupportedOperationException("strategy " + name() + " cannot be snapshotted");
    }

    @Override
    default void readState(java.io.DataInput in) throws java.io.IOException {
        throw new UnsupportedOperationException("strategy " + name() + " cannot be snapshotted");
    }
}
