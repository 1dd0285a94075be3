package dev.hft.core;

/**
 * A candle (kline) for one instrument. Mutable on purpose: a source fills one instance per event so the
 * decision path allocates nothing. Prices and volumes are fixed-point ({@link Fixed}); times are epoch ms.
 * A consumer that needs to keep a bar must copy it ({@link #copyFrom}).
 */
public final class Bar {
    /** Index of the instrument in the run's instrument list. */
    public int instrument;
    public long openTimeMs;
    public long closeTimeMs;
    public long open;
    public long high;
    public long low;
    public long close;
    /** Base-asset volume. */
    public long volume;
    /** Quote-asset volume. */
    public long quoteVolume;
    public long trades;
    /** Taker-buy base-asset volume. */
    public long takerBuyVolume;
    /**
     * When we received the bar (tsInit, epoch ms): the engine's "now" for this event. 0 means "at its close"
     * (set by {@link #set}); a backtest's latency model or a live feed stamps it.
     */
    public long receiveTimeMs;
    /** Best bid and ask at the bar's close from the quote stream (live/paper); 0 when not known. */
    public long bid;
    public long ask;
    /**
     * Whether the liquidation (forced order) stream was followed during this bar: only then do the two notionals
     * below mean anything (0 then means "none happened", not "not known").
     */
    public boolean liquidationsKnown;
    /** Quote notional of long positions liquidated during the bar (forced SELL orders). */
    public long liquidatedLongs;
    /** Quote notional of short positions liquidated during the bar (forced BUY orders). */
    public long liquidatedShorts;
    /**
     * The bar's price path as its trades set new extremes, when the trade stream (aggTrade) was followed for the
     * whole bar and accounts for every trade of the kline: in time order, a new high as its (positive) price, a new
     * low as its price negated; the open is where both start. Null when not known. Never changed once set, so
     * copies share it. It tells which of two levels on either side of the open the market reached first.
     */
    public long[] extremes;

    public Bar set(int instrument, long openTimeMs, long closeTimeMs, long open, long high, long low, long close,
                   long volume) {
        this.instrument = instrument;
        this.openTimeMs = openTimeMs;
        this.closeTimeMs = closeTimeMs;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        this.quoteVolume = 0;
        this.trades = 0;
        this.takerBuyVolume = 0;
        clearExtras();
        return this;
    }

    /**
     * Whether any field a kline does not carry is set: the receive time, the quote, the liquidations, the price
     * path. Reading is cheaper than writing them all on every bar of a file (the flyweight of a backtest).
     */
    public boolean hasExtras() {
        return receiveTimeMs != 0 || bid != 0 || ask != 0 || liquidationsKnown || liquidatedLongs != 0
                || liquidatedShorts != 0 || extremes != null;
    }

    /** Resets every field a kline does not carry (see {@link #hasExtras()}). */
    public void clearExtras() {
        this.receiveTimeMs = 0;
        this.bid = 0;
        this.ask = 0;
        this.liquidationsKnown = false;
        this.liquidatedLongs = 0;
        this.liquidatedShorts = 0;
        this.extremes = null;
    }

    public Bar copyFrom(Bar o) {
        set(o.instrument, o.openTimeMs, o.closeTimeMs, o.open, o.high, o.low, o.close, o.volume);
        quoteVolume = o.quoteVolume;
        trades = o.trades;
        takerBuyVolume = o.takerBuyVolume;
        receiveTimeMs = o.receiveTimeMs;
        bid = o.bid;
        ask = o.ask;
        liquidationsKnown = o.liquidationsKnown;
        liquidatedLongs = o.liquidatedLongs;
        liquidatedShorts = o.liquidatedShorts;
        extremes = o.extremes;
        return this;
    }

    /** {@link #firstTouch}: the level is not reached on the path (or the path is not known). */
    public static final int NEVER = Integer.MAX_VALUE;

    /**
     * When the path first reached {@code level}: -1 at the open, k at the k-th entry of {@link #extremes}, or
     * {@link #NEVER}. {@code above}: the level is reached by prices at or above it (else at or below).
     */
    public int firstTouch(long level, boolean above) {
        if (extremes == null) {
            return NEVER;
        }
        if (above ? open >= level : open <= level) {
            return -1;
        }
        for (int k = 0; k < extremes.length; k++) {
            long e = extremes[k];
            if (above ? e > 0 && e >= level : e < 0 && -e <= level) {
                return k;
            }
        }
        return NEVER;
    }

    /** The engine's time for this bar: receive time if stamped, else the close time. */
    public long nowMs() {
        return receiveTimeMs != 0 ? receiveTimeMs : closeTimeMs;
    }

    @Override
    public String toString() {
        return "Bar[" + instrument + " " + openTimeMs + " O=" + Fixed.format(open) + " H=" + Fixed.format(high)
                + " L=" + Fixed.format(low) + " C=" + Fixed.format(close) + " V=" + Fixed.format(volume) + "]";
    }
}
