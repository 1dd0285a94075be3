package dev.hft.core;

/**
 * An execution: part or all of an order traded.
 *
 * @param clientOrderId the order that traded
 * @param instrument    instrument index
 * @param side          side of the order
 * @param price         fill price (fixed-point, on tick)
 * @param quantity      filled quantity (fixed-point, on step)
 * @param fee           fee paid, in the quote asset (fixed-point)
 * @param timeMs        event time of the fill (epoch ms)
 * @param reason        the reason carried by the order
 */
public record Fill(String clientOrderId, int instrument, Side side, long price, long quantity, long fee,
                   long timeMs, ReasonCode reason) {
}
