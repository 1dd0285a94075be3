package dev.hft.engine.cost;

/**
 * What the cost model and the entry gate read of one instrument's market: the estimated spread, one bar's return
 * volatility and the mean volume per bar, as of the instrument's last accepted bar. {@link MarketStats} computes them
 * as the bars stream in; a prepared tape (hft-backtest) hands an optimizer's trials the same values from columns
 * computed once per data set.
 */
public interface MarketStatistics {
    /** Estimated quoted spread as a fraction of price (0 before two bars). */
    double spreadFrac();

    /** {@link #spreadFrac()} in basis points. */
    default double spreadBps() {
        return spreadFrac() * 10_000;
    }

    /** Standard deviation of one bar's log return (0 before two bars). */
    double volatility();

    /** Mean base volume per bar (0 before the first bar). */
    double averageVolume();
}
