package dev.hft.engine.cost;

import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Side;

/** Slippage of a fixed number of basis points of the reference price, rounded adversely to the tick. */
public final class FixedBpsSlippage implements SlippageModel {
    private final long rate;
    private final double bps;

    public FixedBpsSlippage(double bps) {
        if (!(bps >= 0)) {
            throw new IllegalArgumentException("slippage must be >= 0 bps, got " + bps);
        }
        this.bps = bps;
        this.rate = Fixed.fromDouble(bps / 10_000.0);
    }

    @Override
    public long fillPrice(int instrument, Instrument inst, Side side, long referencePrice, long quantity) {
        long delta = Fixed.mul(referencePrice, rate);
        return inst.roundPriceAdverse(referencePrice + side.sign() * delta, side);
    }

    public double bps() {
        return bps;
    }
}
