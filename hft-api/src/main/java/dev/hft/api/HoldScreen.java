package dev.hft.api;

/**
 * The counterpart of {@link EntryScreen} for a held position: a necessary condition for the strategy to act while it
 * holds a position whose only working orders are its protective pair. An optimizer's trial passes such bars without
 * calling {@code onBar} where this says no and the simulated exchange could fill nothing on the bar, as it passes a
 * flat strategy's bars where its entry screen says no.
 *
 * <p>The contract that makes the pass exact: asked after the bar moved the series and the position on (its last price,
 * bars held and best price), and only when no order of the strategy's own is waiting; where it says no,
 * {@code onBar} would only skip (no exit, no scale-in, no other action) and would change no state of the strategy.
 * Never asked in a backtest, paper or live session; so a screen changes no report, only a search's speed.
 */
@FunctionalInterface
public interface HoldScreen {
    /**
     * Whether the strategy may act on {@code instrument}'s current bar while holding {@code position}: false only
     * where it surely would only skip.
     */
    boolean mayAct(int instrument, PositionView position);
}
