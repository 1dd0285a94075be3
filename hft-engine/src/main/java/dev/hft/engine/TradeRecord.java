package dev.hft.engine;

import dev.hft.core.ReasonCode;
import dev.hft.core.Side;

/**
 * One closed round trip: from flat to flat on one instrument. Prices are volume-weighted over the fills of each
 * leg; {@code pnl} is net of {@code fees} (both legs). All money fixed-point in the quote asset.
 *
 * @param instrument    instrument index
 * @param side          BUY for a long trade, SELL for a short one
 * @param entryTimeMs   time of the first entry fill
 * @param entryPrice    average entry price
 * @param exitTimeMs    time of the last exit fill
 * @param exitPrice     average exit price
 * @param quantity      quantity traded (unsigned)
 * @param pnl           net profit and loss
 * @param fees          fees of both legs
 * @param entryReason   why the position was opened
 * @param exitReason    why it was closed
 * @param confidence    the strategy's confidence at entry
 */
public record TradeRecord(int instrument, Side side, long entryTimeMs, long entryPrice, long exitTimeMs,
                          long exitPrice, long quantity, long pnl, long fees, ReasonCode entryReason,
                          ReasonCode exitReason, double confidence) {

    /** Entry notional (price * quantity), the base for percentage returns. */
    public long entryNotional() {
        return dev.hft.core.Fixed.mul(entryPrice, quantity);
    }
}
