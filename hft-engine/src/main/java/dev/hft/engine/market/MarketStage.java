package dev.hft.engine.market;

import dev.hft.core.Bar;
import dev.hft.core.ReasonCode;
import dev.hft.api.series.Series;
import dev.hft.api.series.SeriesSpec;

/**
 * The engine's parameter-free stage of every bar: the sanitizer's verdict and the market statistics behind the cost
 * model and the entry gate. Nothing here depends on a strategy, its parameters or its trades, which is why an
 * optimizer can compute the stage once per data set and let every trial read it ({@code Tape} in hft-backtest),
 * while backtest, paper and live compute it as the bars stream in ({@link StreamingMarket}). Either way the engine
 * calls the same three steps in the same order; single-threaded, on the engine thread.
 */
public interface MarketStage {
    /**
     * Checks one bar (first, before anything else sees it): null when accepted, else the rejection reason. Freezes,
     * thaws and the rejection are published on the engine's bus before this returns.
     */
    ReasonCode check(Bar bar, long nowMs);

    /** Whether the bar {@link #check} just accepted was an outlier jump its own volume and range confirmed. */
    boolean confirmedMove();

    /**
     * Takes an accepted bar into the market statistics, after the venue matched working orders against it (a fill
     * at this bar's open is priced on the statistics of the bars before it).
     */
    void measure(Bar bar);

    /** Why instrument {@code i} takes no new entry now (frozen, or the spread above the limit), or null. */
    ReasonCode entryBlock(int i);

    /**
     * The series {@code spec} of instrument {@code i}, moved on by {@link #measure} on each of the instrument's
     * accepted bars (one per key and instrument: asking again gives the same). Asked while strategies start.
     */
    Series series(int i, SeriesSpec spec);
}
