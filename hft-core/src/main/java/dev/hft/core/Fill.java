package dev.hft.core;

/**
 * An execution: part or all of an order traded.
 *
 * @param clientOrderId the order that traded
 * @param instrument    instrument index
 * @param side          side of the order
 * @param price         fill price (fixed-point, on tick)
 * @param quantity      filled quantity (fixed-point, on step)
 * @param fee           fee paid, in the quote asset (fixed-point); a commission paid in the base asset counts here
 *                      at the fill price too, as its value
 * @param timeMs        event time of the fill (epoch ms)
 * @param reason        the reason carried by the order
 * @param baseFee       commission taken from the base asset received (fixed-point, base units; 0 when paid in the
 *                      quote asset or elsewhere): a spot BUY whose commission Binance takes from the coins bought
 *                      leaves the account holding {@code quantity - baseFee}, and the position is that
 */
public record Fill(String clientOrderId, int instrument, Side side, long price, long quantity, long fee,
                   long timeMs, ReasonCode reason, long baseFee) {
    /** A fill whose fee was paid in the quote asset (or outside the traded pair). */
    public Fill(String clientOrderId, int instrument, Side side, long price, long quantity, long fee, long timeMs,
                ReasonCode reason) {
        this(clientOrderId, instrument, side, price, quantity, fee, timeMs, reason, 0);
    }

    public Fill {
        if (baseFee < 0 || baseFee > quantity) {
            throw new IllegalArgumentException("base-asset commission " + baseFee + " outside [0, quantity]");
        }
    }
}
