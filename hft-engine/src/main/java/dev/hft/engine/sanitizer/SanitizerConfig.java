package dev.hft.engine.sanitizer;

/**
 * Thresholds of the market-data sanitizer, validated once.
 *
 * @param maxLatencyMs        reject an event received more than this after its event time
 * @param maxSpreadBps        above this estimated spread, no new entries
 * @param outlierMultiple     reject a close-to-close jump beyond this multiple of the recent mean absolute jump...
 * @param outlierMinPct       ...and beyond this percentage (both must be exceeded; 0 disables the rule)
 * @param maxConsecutiveOutliers after this many outliers in a row, accept the new level and freeze instead
 * @param staleAfterMs        freeze an instrument with no accepted event for this long (0 disables)
 * @param thawAfter           clean consecutive events needed to unfreeze
 * @param checkStepSize       also require volumes on the instrument's step size. Off by default for bars: a
 *                            kline's volume sums many trades and Binance changes step sizes over time (the shared
 *                            BTCUSDT files of March 2024 hold 29 bars with 6-decimal volumes against today's 5-decimal
 *                            step). Meant for trades and quotes.
 */
public record SanitizerConfig(long maxLatencyMs, double maxSpreadBps, double outlierMultiple, double outlierMinPct,
                              int maxConsecutiveOutliers, long staleAfterMs, int thawAfter, boolean checkStepSize) {
    public static final SanitizerConfig DEFAULT = new SanitizerConfig(100, 50, 25, 3, 3, 300_000, 5, false);

    public SanitizerConfig {
        if (maxLatencyMs < 0 || maxSpreadBps < 0 || outlierMultiple < 0 || outlierMinPct < 0 || staleAfterMs < 0) {
            throw new IllegalArgumentException("sanitizer thresholds must not be negative");
        }
        if (thawAfter < 1 || maxConsecutiveOutliers < 1) {
            throw new IllegalArgumentException("sanitizer thawAfter and maxConsecutiveOutliers must be >= 1");
        }
    }
}
