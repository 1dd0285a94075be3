package dev.hft.engine.cost;

import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Side;

/**
 * Fee as a fixed fraction of notional, one rate for makers and one for takers. Binance spot's regular tier is
 * 0.1% for both (see {@code ../shared/reference/binance-api.md}, section "Default fees").
 */
public final class FlatFeeModel implements FeeModel {
    private final long makerRate;
    private final long takerRate;

    /** Rates as fixed-point fractions (0.001 = 10 bps). */
    public FlatFeeModel(long makerRate, long takerRate) {
        if (makerRate < 0 || takerRate < 0) {
            throw new IllegalArgumentException("fee rates must not be negative");
        }
        this.makerRate = makerRate;
        this.takerRate = takerRate;
    }

    public static FlatFeeModel ofBps(double bps) {
        long rate = Fixed.fromDouble(bps / 10_000.0);
        return new FlatFeeModel(rate, rate);
    }

    @Override
    public long fee(Instrument instrument, Side side, long price, long quantity, boolean maker) {
        return Fixed.mul(Fixed.mul(price, quantity), maker ? makerRate : takerRate);
    }

    public long takerRate() {
        return takerRate;
    }

    public long makerRate() {
        return makerRate;
    }
}
