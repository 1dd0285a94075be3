package dev.hft.api;

import dev.hft.core.Instrument;
import java.util.List;

/**
 * What the engine gives a strategy at start ({@link Strategy#onStart}): the run's instruments, the position on each,
 * the event clock, and, for a {@link Strategy#portfolio() portfolio strategy}, a decision for every instrument.
 * Read it during the strategy's callbacks only; it is the engine's, single-threaded, and allocates nothing.
 */
public interface StrategyContext {
    /** The run's instruments in index order: {@code bar.instrument} indexes this list. */
    List<Instrument> instruments();

    /** The index of {@code symbol} among {@link #instruments()}, or -1. */
    default int indexOf(String symbol) {
        List<Instrument> all = instruments();
        for (int k = 0; k < all.size(); k++) {
            if (all.get(k).symbol().equals(symbol)) {
                return k;
            }
        }
        return -1;
    }

    /** The position on instrument {@code k}. */
    PositionView position(int k);

    /** The last accepted close of instrument {@code k} (fixed point, {@code Fixed}); 0 before its first bar. */
    long lastPrice(int k);

    /** The event time, epoch milliseconds: the close time of the bar being decided on. Never the wall clock. */
    long now();

    /** The account's cash in the quote asset (fixed point), after every fill applied so far. */
    long cash();

    /** Cash plus every position marked at its instrument's last close (fixed point, quote asset). */
    long equity();

    /** The run's starting capital in the quote asset (fixed point). */
    long initialCapital();

    /**
     * What the position on instrument {@code k} would make or lose if closed at its last close, before exit fees
     * (fixed point, quote asset): {@code (last - average entry) x quantity}; 0 when flat.
     */
    default long unrealizedPnl(int k) {
        PositionView p = position(k);
        long qty = p.quantity();
        return qty == 0 ? 0 : dev.hft.core.Fixed.mul(lastPrice(k) - p.avgEntryPrice(), qty);
    }

    /**
     * Everything made or lost so far that no longer depends on prices: equity less the starting capital less each
     * position's {@link #unrealizedPnl unrealised P&L}, so every fee paid and every closed part of a position is in it
     * (fixed point, quote asset).
     */
    default long realizedPnl() {
        long open = 0;
        for (int k = 0; k < instruments().size(); k++) {
            open += unrealizedPnl(k);
        }
        return equity() - initialCapital() - open;
    }

    /**
     * The strategy's orders still working on instrument {@code k}: an entry waiting to fill, an exit on its way, the
     * protective stop and take-profit. A new list on each call: ask on events, not on every bar.
     */
    java.util.List<OrderUpdate> openOrders(int k);

    /**
     * A logger for the strategy, through the JDK's {@code System.Logger} (hft routes it to its own logging, SLF4J and
     * Logback). Logging never changes a decision; a replay logs again.
     */
    default System.Logger logger() {
        return System.getLogger("hft.strategy");
    }

    /**
     * The decision for instrument {@code k} on this event: the {@code out} of {@code onBar} for the bar's own
     * instrument, a fresh one (no action) for another. Only a portfolio strategy may decide for an instrument other
     * than the bar's, and only inside {@code onBar}. The engine acts on the bar's instrument first, then on the others
     * in index order; an entry on another instrument is priced at its last close and fills by the usual rules
     * (at its next bar's open in the {@code next-open} fill model).
     *
     * @throws IllegalStateException outside {@code onBar}, or from a strategy that is not a portfolio strategy
     */
    Decision decision(int k);

    /**
     * The series {@code spec} of instrument {@code k}, computed by the engine on each of its accepted bars before
     * {@code onBar}: ask in {@link Strategy#onStart} and keep it. Asking twice for the same key gives the same series.
     * In a search, trials that ask for the same key share one column computed once per data set.
     *
     * @throws IllegalStateException after {@code onStart}
     */
    dev.hft.api.series.Series series(int k, dev.hft.api.series.SeriesSpec spec);

    /**
     * The series {@code spec} of the instrument this strategy serves (a strategy that is not a portfolio strategy
     * has one), as {@link #series(int, dev.hft.api.series.SeriesSpec)}: ask in {@link Strategy#onStart}.
     *
     * @throws IllegalStateException for a portfolio strategy, or after {@code onStart}
     */
    dev.hft.api.series.Series series(dev.hft.api.series.SeriesSpec spec);
}
