package dev.hft.engine;

import dev.hft.core.Fill;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Order;
import dev.hft.core.Side;
import dev.hft.engine.risk.PortfolioView;

/**
 * The account of a run: cash and fees in the quote asset (fixed point), and one position per instrument with its
 * round trip, marked at the instrument's last accepted price. It books fills; which orders follow from a fill (the
 * protective pair, a trade's report) is the engine's business. The risk guard reads it as a {@link PortfolioView}.
 * Owned by the engine thread.
 */
final class Portfolio implements PortfolioView {
    /** What a fill did to its position. */
    enum Effect {
        /** A position opened from flat. */
        OPENED,
        /** The position grew on its side: a scale-in, or the next part of an entry. */
        ADDED,
        /** The position shrank and is still open: a partial exit, or a part of an exit. */
        REDUCED,
        /** The position is flat: the round trip ended, as {@link #closedTrade()}. */
        CLOSED
    }

    private final Instrument[] instruments;
    final PositionState[] positions;
    private long cash;
    private long totalFees;
    private TradeRecord closed;

    Portfolio(Instrument[] instruments, long initialCapital) {
        this.instruments = instruments;
        this.positions = new PositionState[instruments.length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = new PositionState(i);
        }
        this.cash = initialCapital;
    }

    /**
     * Books the cash side of a fill: the notional, and the fee when it is paid in the quote asset (a commission taken
     * from the coins received is paid in the base asset: the cash pays only the notional, and the position is what
     * the account holds; {@code fill.fee()} carries its value for the trade's accounts). Called before anyone hears
     * of the fill, so listeners see cash that includes it.
     */
    void bookCash(Order order, Fill fill) {
        long notional = Fixed.mul(fill.price(), fill.quantity());
        cash -= fill.side().sign() * notional + (fill.baseFee() == 0 ? fill.fee() : 0);
        totalFees += fill.fee();
        PositionState pos = positions[order.instrument];
        if (pos.lastPrice == 0) {
            pos.lastPrice = fill.price();
        }
    }

    /**
     * Books a fill into its position (after {@link #bookCash}): the volume-weighted average entry, or the realised
     * part of a reduction. A position never flips: exits are reduce-only and sized to it. Dust below one step left by
     * a base-asset commission ends the round trip.
     */
    Effect bookPosition(Order order, Fill fill) {
        PositionState pos = positions[order.instrument];
        long netQty = fill.quantity() - fill.baseFee();
        long signedQty = fill.side().sign() * netQty;
        boolean opening = pos.quantity == 0 || Long.signum(pos.quantity) == Long.signum(signedQty);
        if (opening) {
            boolean first = pos.quantity == 0;
            if (first) {
                pos.resetRoundTrip();
                pos.entryTimeMs = fill.timeMs();
                pos.entryReason = order.reason;
                pos.entryOwnReason = order.strategyReason;
                pos.entryConfidence = pos.pendingConfidence;
                pos.bestPrice = fill.price();
            }
            pos.entryBarsLeft = 0; // a part-filled entry rests without expiry (docs/STRATEGIES.md)
            if (!order.clientOrderId.equals(pos.lastEntryId)) {
                pos.entries++;
                pos.lastEntryId = order.clientOrderId;
            }
            long oldAbs = Math.abs(pos.quantity);
            long newAbs = oldAbs + fill.quantity();
            // exact to the 8th decimal; a base-asset commission is in the trade's fees, not in its price
            pos.avgEntryPrice = Fixed.div(Fixed.mul(pos.avgEntryPrice, oldAbs)
                    + Fixed.mul(fill.price(), fill.quantity()), newAbs);
            pos.quantity += signedQty;
            pos.openedQty += netQty;
            pos.entryFees += fill.fee();
            return first ? Effect.OPENED : Effect.ADDED;
        }
        long closeQty = Math.min(fill.quantity(), Math.abs(pos.quantity));
        int dir = pos.quantity > 0 ? 1 : -1;
        pos.realizedGross += dir * (Fixed.mul(fill.price(), closeQty) - Fixed.mul(pos.avgEntryPrice, closeQty));
        pos.exitFees += fill.fee();
        pos.exitQty += closeQty;
        pos.exitNotional += Fixed.mul(fill.price(), closeQty);
        pos.quantity += dir * -closeQty;
        if (pos.quantity != 0 && Math.abs(pos.quantity) < instruments[pos.instrument].stepSize()) {
            // dust below one step cannot be sold: the round trip is over, and the dust, still in the account, is not
            // counted as the session's
            pos.quantity = 0;
        }
        if (pos.quantity != 0) {
            return Effect.REDUCED;
        }
        long fees = pos.entryFees + pos.exitFees;
        closed = new TradeRecord(pos.instrument, dir > 0 ? Side.BUY : Side.SELL, pos.entryTimeMs,
                pos.avgEntryPrice, fill.timeMs(), Fixed.div(pos.exitNotional, pos.exitQty), pos.exitQty,
                pos.realizedGross - fees, fees, pos.entryReason, order.reason, pos.entryConfidence,
                pos.entryOwnReason, order.strategyReason);
        pos.resetRoundTrip();
        return Effect.CLOSED;
    }

    /** The round trip the last {@link Effect#CLOSED} booking ended. */
    TradeRecord closedTrade() {
        return closed;
    }

    long cash() {
        return cash;
    }

    long totalFees() {
        return totalFees;
    }

    /** Sets cash and fees from a snapshot (the positions restore themselves). */
    void restore(long cash, long totalFees) {
        this.cash = cash;
        this.totalFees = totalFees;
    }

    /** Cash plus every position marked at its last price (fixed point, quote asset). */
    @Override
    public long equity() {
        long e = cash;
        for (PositionState p : positions) {
            e += p.markValue();
        }
        return e;
    }

    @Override
    public long exposure(int instrument) {
        return Math.abs(positions[instrument].markValue());
    }

    @Override
    public long totalExposure() {
        long t = 0;
        for (PositionState p : positions) {
            t += Math.abs(p.markValue());
        }
        return t;
    }

    @Override
    public int openPositions() {
        int n = 0;
        for (PositionState p : positions) {
            if (p.quantity != 0) {
                n++;
            }
        }
        return n;
    }
}
