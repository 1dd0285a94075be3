package dev.hft.core;

/**
 * The stable catalogue of reasons: why the system entered, skipped, exited, or rejected. Every decision and
 * every rejection carries one. Codes are stable identifiers for reports and journals: never renumber or
 * rename one, only add.
 */
public enum ReasonCode {
    // entries
    ENTRY_LIQ_LONG(Kind.ENTRY, "liquidation hunter long: volume spike at range bottom in an uptrend"),
    ENTRY_LIQ_SHORT(Kind.ENTRY, "liquidation hunter short: volume spike at range top in a downtrend"),
    ENTRY_SMA_CROSS_UP(Kind.ENTRY, "fast SMA crossed above slow SMA"),

    // skips: no trade, and why
    SKIP_WARMUP(Kind.SKIP, "indicators not warmed up"),
    SKIP_IN_POSITION(Kind.SKIP, "already in a position on this instrument"),
    SKIP_NO_TREND(Kind.SKIP, "no trend direction (fast and slow MA equal)"),
    SKIP_NO_VOLUME_SPIKE(Kind.SKIP, "volume below the spike threshold"),
    SKIP_NOT_AT_EXTREME(Kind.SKIP, "price not at the range extreme on the trend side"),
    SKIP_LOW_CONFIDENCE(Kind.SKIP, "confidence below threshold"),
    SKIP_NO_SIGNAL(Kind.SKIP, "no entry signal"),
    SKIP_SIDE_DISABLED(Kind.SKIP, "signal side disabled by parameters"),

    // exits
    EXIT_TAKE_PROFIT(Kind.EXIT, "take-profit reached"),
    EXIT_STOP_LOSS(Kind.EXIT, "stop-loss reached"),
    EXIT_TIME(Kind.EXIT, "maximum holding time reached"),
    EXIT_SIGNAL(Kind.EXIT, "strategy exit signal"),
    EXIT_SMA_CROSS_DOWN(Kind.EXIT, "fast SMA crossed below slow SMA"),
    EXIT_END_OF_DATA(Kind.EXIT, "position closed at the last bar of the data"),
    EXIT_KILL_SWITCH(Kind.EXIT, "position flattened by the kill switch"),
    EXIT_RISK_HALT(Kind.EXIT, "position flattened because the risk guard halted trading"),

    // order rejections (local filter checks and the simulated venue)
    REJECT_MIN_NOTIONAL(Kind.REJECT, "order notional below the instrument's minimum"),
    REJECT_MIN_QTY(Kind.REJECT, "order quantity below the instrument's minimum"),
    REJECT_LOT_SIZE(Kind.REJECT, "quantity zero or not a multiple of the step size"),
    REJECT_PRICE_FILTER(Kind.REJECT, "price not positive or not a multiple of the tick size"),
    REJECT_INSUFFICIENT_FUNDS(Kind.REJECT, "not enough cash for the order and its fee"),
    REJECT_NO_PRICE(Kind.REJECT, "no reference price to size or check the order"),
    REJECT_LOST(Kind.REJECT, "an order of unknown outcome the venue still did not know after repeated queries and a "
            + "look at its order history: given up on, with a critical alert"),
    REJECT_NOT_PLACED(Kind.REJECT, "after a restart: the venue has no record of the order, open or in its history, "
            + "so it was rejected or never received before the crash; nothing executed"),
    REJECT_VENUE(Kind.REJECT, "the venue rejected the order (its code and message are logged)"),
    REJECT_VENUE_UNAVAILABLE(Kind.REJECT, "not sent: rate-limit headroom, a 429/418 back-off, or no API keys"),
    REJECT_ALREADY_CLOSED(Kind.REJECT, "a reduce-only exit not sent: a fill the engine had not applied yet (its "
            + "protective stop) already closed the position"),

    // market-data sanitizer: a rejected event is not used at all
    SANITIZER_BAD_VALUE(Kind.SANITIZER, "non-positive price or negative volume"),
    SANITIZER_OHLC(Kind.SANITIZER, "inconsistent OHLC (low above open/close or high below them)"),
    SANITIZER_OFF_TICK(Kind.SANITIZER, "price not a multiple of the tick size"),
    SANITIZER_OFF_STEP(Kind.SANITIZER, "quantity not a multiple of the step size"),
    SANITIZER_OUT_OF_ORDER(Kind.SANITIZER, "event older than the last accepted one"),
    SANITIZER_DUPLICATE(Kind.SANITIZER, "event with the same timestamp as the last accepted one"),
    SANITIZER_LATENCY(Kind.SANITIZER, "receive time minus event time above the limit"),
    SANITIZER_FUTURE(Kind.SANITIZER, "event time after the receive time by more than the latency limit: the source "
            + "or this machine's clock is wrong (Binance never sends a bar before it closes)"),
    SANITIZER_OUTLIER(Kind.SANITIZER, "price jump beyond the outlier limit, not corroborated by the bar: a bad "
            + "print, rejected"),
    SANITIZER_MOVE_CONFIRMED(Kind.SANITIZER, "price jump beyond the outlier limit that the bar's own volume, trades, "
            + "range and taker side corroborate: a real move (a cascade), accepted"),
    // sanitizer states: freezes stop new entries; exits and protective orders stay allowed
    SANITIZER_GAP(Kind.SANITIZER, "gap in the bar sequence: instrument frozen"),
    SANITIZER_STALE(Kind.SANITIZER, "no update within the stale limit: instrument frozen"),
    SANITIZER_OUTLIER_BURST(Kind.SANITIZER, "repeated outliers accepted as a new price level: instrument frozen"),
    SANITIZER_THAW(Kind.SANITIZER, "enough clean consecutive events: instrument active again"),
    SANITIZER_SPREAD(Kind.SANITIZER, "spread above the limit: no new entries"),

    // risk guard denials and state changes
    RISK_NO_PRICE(Kind.RISK, "no reference price (fail closed)"),
    RISK_NO_EQUITY(Kind.RISK, "equity not positive (fail closed)"),
    RISK_INSTRUMENT_FROZEN(Kind.RISK, "instrument frozen by the sanitizer: no new entries"),
    RISK_HALTED(Kind.RISK, "trading halted: no orders"),
    RISK_REDUCING(Kind.RISK, "trading reducing: exits only"),
    RISK_KILL_SWITCH(Kind.RISK, "kill switch engaged"),
    RISK_DAILY_LOSS(Kind.RISK, "daily loss limit reached"),
    RISK_DRAWDOWN(Kind.RISK, "drawdown limit from the equity peak reached"),
    RISK_SYMBOL_EXPOSURE(Kind.RISK, "exposure on the symbol would exceed its limit"),
    RISK_TOTAL_EXPOSURE(Kind.RISK, "total exposure would exceed its limit"),
    RISK_MAX_POSITIONS(Kind.RISK, "maximum number of open positions reached"),
    RISK_FAT_FINGER(Kind.RISK, "limit price too far from the reference price"),
    RISK_MAX_NOTIONAL(Kind.RISK, "order notional above the maximum"),
    RISK_MAX_QTY(Kind.RISK, "order quantity above the maximum"),
    RISK_ORDER_RATE(Kind.RISK, "order rate above the throttle"),
    RISK_RELEASED(Kind.RISK, "operator released the halt or kill switch"),
    RISK_PAUSED(Kind.RISK, "operator paused new entries (exits and stops still work)"),
    RISK_STRATEGY_FAILED(Kind.RISK, "the strategy threw: it decides nothing more this run (fail closed); its "
            + "positions keep their protective stops"),
    RISK_JOURNAL_FAILURE(Kind.RISK, "the journal could not make a record durable: halted until restart"),
    RISK_UNRECONCILED(Kind.RISK, "orders from before a restart not yet reconciled with the venue: no new orders"),
    RISK_NO_SHORT_SELLING(Kind.RISK, "a short entry on a spot market, where the session holds no asset to sell"),

    // carriers of a strategy's own reasons (dev.hft.api.Reason), added last so no code changes its number
    ENTRY_STRATEGY(Kind.ENTRY, "an entry for one of the strategy's own reasons, which reports show instead"),
    SKIP_STRATEGY(Kind.SKIP, "a skip for one of the strategy's own reasons, which reports show instead"),
    SKIP_ENTRY_CANCELED(Kind.SKIP, "the strategy canceled its resting limit or stop entry"),
    SKIP_ENTRY_EXPIRED(Kind.SKIP, "a limit or stop entry reached its expiry without a fill and was canceled"),
    REJECT_POST_ONLY(Kind.REJECT, "a post-only limit would have traded on arrival, taking liquidity: rejected"),
    REJECT_TRAIL_DISTANCE(Kind.REJECT, "a trailing stop's price distance is outside 0.1% to 10% of the entry price");

    /** What a code explains. */
    public enum Kind { ENTRY, SKIP, EXIT, REJECT, SANITIZER, RISK }

    private final Kind kind;
    private final String description;

    ReasonCode(Kind kind, String description) {
        this.kind = kind;
        this.description = description;
    }

    public Kind kind() {
        return kind;
    }

    public String description() {
        return description;
    }
}
