package dev.hft.core;

/**
 * An order as the engine sends it. Orders are rare compared with market events, so they are ordinary objects.
 * Identity is the client order id, derived from the run id and a sequence so a replay regenerates it.
 */
public final class Order {
    public final String clientOrderId;
    public final int instrument;
    public final Side side;
    public final OrderType type;
    /** Fixed-point quantity, already on the instrument's step. */
    public final long quantity;
    /** Limit price (LIMIT), else 0. */
    public final long price;
    /** Trigger price (STOP_MARKET), else 0. */
    public final long triggerPrice;
    /** True for orders that may only shrink a position (exits and protective orders). */
    public final boolean reduceOnly;
    /** Why the order exists (entry reason, or the exit reason it will realise). */
    public final ReasonCode reason;
    /** Time the decision was made (epoch ms of the deciding event). */
    public final long decisionTimeMs;
    /** Price the decision saw (the deciding bar's close): the benchmark for shortfall. */
    public final long decisionPrice;
    /** When non-null, the id of the order that is cancelled when this one fills (one-cancels-other). */
    public String ocoPeerId;
    /**
     * When non-null, the strategy's own reason (a name it declared) that {@link #reason} carries: reports show it
     * instead of the generic code.
     */
    public String strategyReason;
    /** How long a limit order may wait: {@link TimeInForce#GTC} unless a strategy asked otherwise. */
    public TimeInForce timeInForce = TimeInForce.GTC;
    /**
     * For a stop: 0, or the trailing distance in basis points of the best price since it was placed (a sell stop
     * follows the highest price, a buy stop the lowest); {@link #triggerPrice} is then its first trigger.
     */
    public int trailBps;

    public Order(String clientOrderId, int instrument, Side side, OrderType type, long quantity, long price,
                 long triggerPrice, boolean reduceOnly, ReasonCode reason, long decisionTimeMs, long decisionPrice) {
        this.clientOrderId = clientOrderId;
        this.instrument = instrument;
        this.side = side;
        this.type = type;
        this.quantity = quantity;
        this.price = price;
        this.triggerPrice = triggerPrice;
        this.reduceOnly = reduceOnly;
        this.reason = reason;
        this.decisionTimeMs = decisionTimeMs;
        this.decisionPrice = decisionPrice;
    }

    @Override
    public String toString() {
        return "Order[" + clientOrderId + " " + side + " " + type + " qty=" + Fixed.format(quantity)
                + (price != 0 ? " px=" + Fixed.format(price) : "")
                + (triggerPrice != 0 ? " trigger=" + Fixed.format(triggerPrice) : "")
                + (reduceOnly ? " reduceOnly" : "") + " " + reason
                + (strategyReason != null ? " " + strategyReason : "") + "]";
    }
}
