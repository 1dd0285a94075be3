package dev.hft.engine.cost;

import dev.hft.core.Instrument;
import dev.hft.core.Side;

/**
 * Moves a reference price against the trader for an order that takes liquidity. The result is on the
 * instrument's tick, rounded adversely (a buy never pays less than the model says).
 */
public interface SlippageModel {
    long fillPrice(int instrument, Instrument inst, Side side, long referencePrice, long quantity);

    /** No slippage at all (fills at the reference price). */
    SlippageModel NONE = (instrument, inst, side, ref, qty) -> ref;
}
