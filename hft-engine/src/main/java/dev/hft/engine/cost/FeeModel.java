package dev.hft.engine.cost;

import dev.hft.core.Instrument;
import dev.hft.core.Side;

/** Prices the fee of a fill, in the quote asset (fixed-point). Deterministic: same inputs, same fee. */
public interface FeeModel {
    long fee(Instrument instrument, Side side, long price, long quantity, boolean maker);
}
