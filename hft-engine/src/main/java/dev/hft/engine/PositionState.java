package dev.hft.engine;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import dev.hft.api.state.StateIO;
import dev.hft.api.state.Snapshottable;

import dev.hft.core.Fixed;
import dev.hft.core.ReasonCode;
import dev.hft.api.PositionView;

/**
 * Per-instrument position and the orders working for it. Owned by the engine thread.
 */
final class PositionState implements PositionView, Snapshottable {
    final int instrument;
    /** Signed fixed-point quantity. */
    long quantity;
    /** Average entry price of the open quantity. */
    long avgEntryPrice;
    long entryTimeMs;
    /** Entry fees of the open round trip. */
    long entryFees;
    /** Exit-side accumulators of the round trip. */
    long exitFees;
    long exitQty;
    long exitNotional;
    long openedQty;
    long realizedGross;
    ReasonCode entryReason;
    /** The strategy's own entry reason (a declared name), or null. */
    String entryOwnReason;
    double entryConfidence;
    long barsHeld;
    long lastPrice;

    /**
     * Working orders: at most one entry or exit (at market, or a resting limit or stop entry, which may add to the
     * position when scale-in is allowed), and the protective pair.
     */
    String pendingMarketOrderId;
    /** Bars of this instrument a resting limit or stop entry may still wait; 0: none, or good till canceled. */
    int entryBarsLeft;
    /** Whether the position's protective stop trails the best price (at {@link #pendingStopFrac}). */
    boolean pendingTrail;
    String stopOrderId;
    String takeProfitOrderId;
    double pendingStopFrac;
    double pendingTakeProfitFrac;
    double pendingConfidence;
    /** Entry orders that filled into this round trip (the first and each scale-in); at most the risk's maxEntries. */
    int entries;
    /** The entry order that filled last, so a second fill of the same order is not counted as another entry. */
    String lastEntryId;
    /**
     * Where the protective pair of the open position stands (fixed point, quote asset): the stop's trigger, and the
     * take-profit's limit (0: none). Kept so the pair can be placed again for a new quantity after a partial exit.
     */
    long stopTrigger;
    long takeProfitPrice;
    /** The best price since the position opened (the highest high of a long, the lowest low of a short). */
    long bestPrice;
    /**
     * Cancel/replace: the entry that replaces {@link #replacedId}, sent once the venue confirmed that order's cancel
     * (never both working); null when no replacement waits. Snapshotted by the engine with the working orders.
     */
    dev.hft.core.Order replacement;
    String replacedId;

    PositionState(int instrument) {
        this.instrument = instrument;
    }

    @Override
    public long quantity() {
        return quantity;
    }

    @Override
    public long barsHeld() {
        return barsHeld;
    }

    @Override
    public boolean orderPending() {
        return pendingMarketOrderId != null;
    }

    @Override
    public long avgEntryPrice() {
        return quantity == 0 ? 0 : avgEntryPrice;
    }

    @Override
    public int entries() {
        return quantity == 0 ? 0 : entries;
    }

    /**
     * Marked value of the position: signed quantity times the last price. Equity is read twice a bar (the risk guard,
     * the equity curve) and a position's value usually passes 64 bits before its division, which makes the product
     * the slow one; so the last product is kept with the two factors it was computed from. Not snapshotted: derived.
     */
    long markValue() {
        if (quantity == 0) {
            return 0;
        }
        if (quantity != markedQty || lastPrice != markedPrice) {
            markedValue = Fixed.mul(quantity, lastPrice);
            markedQty = quantity;
            markedPrice = lastPrice;
        }
        return markedValue;
    }

    private long markedQty;
    private long markedPrice;
    private long markedValue;

    void resetRoundTrip() {
        avgEntryPrice = 0;
        entryTimeMs = 0;
        entryFees = 0;
        exitFees = 0;
        exitQty = 0;
        exitNotional = 0;
        openedQty = 0;
        realizedGross = 0;
        entryReason = null;
        entryOwnReason = null;
        entryConfidence = 0;
        barsHeld = 0;
        entries = 0;
        lastEntryId = null;
        stopTrigger = 0;
        takeProfitPrice = 0;
        bestPrice = 0;
    }

    @Override
    public void writeState(DataOutput out) throws IOException {
        for (long v : new long[] {quantity, avgEntryPrice, entryTimeMs, entryFees, exitFees, exitQty, exitNotional,
            openedQty, realizedGross, barsHeld, lastPrice}) {
            out.writeLong(v);
        }
        StateIO.enumValue(out, entryReason);
        StateIO.string(out, entryOwnReason);
        StateIO.dbl(out, entryConfidence);
        StateIO.string(out, pendingMarketOrderId);
        StateIO.string(out, stopOrderId);
        StateIO.string(out, takeProfitOrderId);
        StateIO.dbl(out, pendingStopFrac);
        StateIO.dbl(out, pendingTakeProfitFrac);
        StateIO.dbl(out, pendingConfidence);
        out.writeInt(entryBarsLeft);
        out.writeBoolean(pendingTrail);
        out.writeInt(entries);
        StateIO.string(out, lastEntryId);
        out.writeLong(stopTrigger);
        out.writeLong(takeProfitPrice);
        out.writeLong(bestPrice);
    }

    @Override
    public void readState(DataInput in) throws IOException {
        quantity = in.readLong();
        avgEntryPrice = in.readLong();
        entryTimeMs = in.readLong();
        entryFees = in.readLong();
        exitFees = in.readLong();
        exitQty = in.readLong();
        exitNotional = in.readLong();
        openedQty = in.readLong();
        realizedGross = in.readLong();
        barsHeld = in.readLong();
        lastPrice = in.readLong();
        entryReason = StateIO.enumValue(in, ReasonCode.class);
        entryOwnReason = StateIO.string(in);
        entryConfidence = StateIO.dbl(in);
        pendingMarketOrderId = StateIO.string(in);
        stopOrderId = StateIO.string(in);
        takeProfitOrderId = StateIO.string(in);
        pendingStopFrac = StateIO.dbl(in);
        pendingTakeProfitFrac = StateIO.dbl(in);
        pendingConfidence = StateIO.dbl(in);
        entryBarsLeft = in.readInt();
        pendingTrail = in.readBoolean();
        entries = in.readInt();
        lastEntryId = StateIO.string(in);
        stopTrigger = in.readLong();
        takeProfitPrice = in.readLong();
        bestPrice = in.readLong();
    }
}
