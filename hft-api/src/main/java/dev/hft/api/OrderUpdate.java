package dev.hft.api;

import dev.hft.core.OrderType;
import dev.hft.core.ReasonCode;
import dev.hft.core.Side;

/**
 * One of a strategy's orders as the engine knows it: still working ({@link StrategyContext#openOrders(int)}), or
 * just canceled or rejected ({@link Strategy#onOrderUpdate}). Fills come through {@link Strategy#onFill}. Prices
 * and quantities are fixed point ({@code Fixed}), 0 where the order has none.
 *
 * @param orderId      the client order id the engine gave it (the venue knows the order by it)
 * @param instrument   the instrument's index in {@link StrategyContext#instruments()}
 * @param role         what the order is for
 * @param status       where it stands
 * @param side         buy or sell
 * @param type         market, limit, stop-market or stop-limit
 * @param quantity     the quantity it was sent with
 * @param price        the limit price
 * @param triggerPrice the stop's trigger (a trailing stop: where it was placed)
 * @param reason       a rejection's reason code; for a working or canceled order the reason it was sent for
 */
public record OrderUpdate(String orderId, int instrument, Role role, Status status, Side side, OrderType type,
                          long quantity, long price, long triggerPrice, ReasonCode reason) {

    /** What an order is for. */
    public enum Role {
        /** An entry or a scale-in the strategy decided. */
        ENTRY,
        /** An exit (whole or partial) the strategy decided, or the engine's flatten. */
        EXIT,
        /** The protective stop the engine keeps beside a position. */
        STOP_LOSS,
        /** The take-profit of the position's protective pair. */
        TAKE_PROFIT
    }

    /** Where an order stands. */
    public enum Status {
        /** Sent and not yet final. */
        WORKING,
        /** Canceled: by the strategy, by its expiry, by an exit, by the risk guard or by an operator. */
        CANCELED,
        /** Refused, by the venue or the simulator's filters; {@code reason} says why. */
        REJECTED
    }
}
