package dev.hft.engine;

import dev.hft.core.Fixed;
import dev.hft.engine.risk.RiskLimits;
import dev.hft.engine.sanitizer.SanitizerConfig;

/**
 * Engine settings, validated once on construction.
 *
 * @param initialCapital   starting cash in the quote asset (fixed-point)
 * @param positionFraction fraction of current equity committed per entry (0.10 = 10%)
 * @param feeRate          taker fee rate used to size orders so cash covers the fee (fixed-point, 0.001 = 10 bps)
 * @param sanitizer        market-data sanitizer thresholds
 * @param risk             risk guard limits
 */
public record EngineConfig(long initialCapital, double positionFraction, long feeRate, SanitizerConfig sanitizer,
                           RiskLimits risk) {
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
        if (sanitizer == null || risk == null) {
            throw new IllegalArgumentException("sanitizer and risk settings are required");
        }
    }

    /** With the default sanitizer thresholds and risk limits. */
    public EngineConfig(long initialCapital, double positionFraction, long feeRate) {
        this(initialCapital, positionFraction, feeRate, SanitizerConfig.DEFAULT, RiskLimits.DEFAULT);
    }

    public EngineConfig withFeeRate(long rate) {
        return new EngineConfig(initialCapital, positionFraction, rate, sanitizer, risk);
    }
}
