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
 * @param entryOwn      the strategy's own entry reason (a name it declared), or null
 * @param exitOwn       the strategy's own exit reason, or null (always null for the engine's own exits: stops,
 *                      take-profits, end of data, kill switch)
 */
public record TradeRecord(int instrument, Side side, long entryTimeMs, long entryPrice, long exitTimeMs,
                          long exitPrice, long quantity, long pnl, long fees, ReasonCode entryReason,
                          ReasonCode exitReason, double confidence, String entryOwn, String exitOwn) {

    /** A trade of built-in reasons only. */
    public TradeRecord(int instrument, Side side, long entryTimeMs, long entryPrice, long exitTimeMs, long exitPrice,
                       long quantity, long pnl, long fees, ReasonCode entryReason, ReasonCode exitReason,
                       double confidence) {
        this(instrument, side, entryTimeMs, entryPrice, exitTimeMs, exitPrice, quantity, pnl, fees, entryReason,
                exitReason, confidence, null, null);
    }

    /** Why the position was opened, as reports name it: the strategy's own reason when it gave one. */
    public String entryReasonName() {
        return entryOwn != null ? entryOwn : entryReason.name();
    }

    /** Why the position was closed, as reports name it. */
    public String exitReasonName() {
        return exitOwn != null ? exitOwn : exitReason.name();
    }

    /** Entry notional (price * quantity), the base for percentage returns. */
    public long entryNotional() {
        return dev.hft.core.Fixed.mul(entryPrice, quantity);
    }
}
