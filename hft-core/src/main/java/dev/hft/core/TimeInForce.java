package dev.hft.core;

/** How long a limit order may wait for a fill (Binance's names). */
public enum TimeInForce {
    /** Good till canceled: rests until filled or canceled. */
    GTC,
    /** Immediate or cancel: what can trade on arrival trades, the rest is canceled. */
    IOC,
    /** Fill or kill: all of it trades on arrival, or nothing does. */
    FOK,
    /**
     * Good till crossing, i.e. post-only: the order must rest as a maker; one that would trade on arrival is
     * rejected instead (Binance spot {@code LIMIT_MAKER}, USD-M {@code timeInForce=GTX}).
     */
    GTX
}
