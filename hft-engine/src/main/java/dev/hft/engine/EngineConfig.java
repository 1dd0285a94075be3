package dev.hft.engine;

import dev.hft.core.Fixed;

/**
 * Engine settings, validated once on construction.
 *
 * @param initialCapital starting cash in the quote asset (fixed-point)
 * @param positionFraction fraction of current equity committed per entry (0.10 = 10%)
 * @param feeRate          fee rate used to size orders so cash covers the fee (fixed-point fraction, 0.001 = 10 bps)
 */
public record EngineConfig(long initialCapital, double positionFraction, long feeRate) {
    public static final double POSITION_FRACTION_DEFAULT = 0.10;
    public static final long INITIAL_CAPITAL_DEFAULT = Fixed.of(10_000);

    public EngineConfig {
        if (initialCapital <= 0) {
            throw new IllegalArgumentException("initial capital must be positive, got " + Fixed.format(initialCapital));
        }
        if (!(positionFraction > 0 && positionFraction <= 1)) {
            throw new IllegalArgumentException("position fraction must be in (0, 1], got " + positionFraction);
        }
        if (feeRate < 0) {
            throw new IllegalArgumentException("fee rate must not be negative");
        }
    }
}
