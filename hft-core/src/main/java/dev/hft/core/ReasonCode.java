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

    // order rejections (local filter checks and the simulated venue)
    REJECT_MIN_NOTIONAL(Kind.REJECT, "order notional below the instrument's minimum"),
    REJECT_MIN_QTY(Kind.REJECT, "order quantity below the instrument's minimum"),
    REJECT_LOT_SIZE(Kind.REJECT, "quantity zero or not a multiple of the step size"),
    REJECT_PRICE_FILTER(Kind.REJECT, "price not positive or not a multiple of the tick size"),
    REJECT_INSUFFICIENT_FUNDS(Kind.REJECT, "not enough cash for the order and its fee"),
    REJECT_NO_PRICE(Kind.REJECT, "no reference price to size or check the order");

    /** What a code explains. */
    public enum Kind { ENTRY, SKIP, EXIT, REJECT }

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
