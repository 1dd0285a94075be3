package dev.hft.engine;

import dev.hft.core.Fixed;
import dev.hft.core.ReasonCode;
import dev.hft.engine.strategy.PositionView;

/**
 * Per-instrument position and the orders working for it. Owned by the engine thread.
 */
final class PositionState implements PositionView {
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
    double entryConfidence;
    long barsHeld;
    long lastPrice;

    /** Working orders: at most one entry or exit at market, and the protective pair. */
    String pendingMarketOrderId;
    String stopOrderId;
    String takeProfitOrderId;
    double pendingStopFrac;
    double pendingTakeProfitFrac;
    double pendingConfidence;

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

    /** Marked value of the position: signed quantity times the last price. */
    long markValue() {
        return quantity == 0 ? 0 : Fixed.mul(quantity, lastPrice);
    }

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
        entryConfidence = 0;
        barsHeld = 0;
    }
}
