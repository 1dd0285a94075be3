package dev.hft.engine.risk;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The limits of the risk guard, validated once. Percentages are of current equity unless said otherwise;
 * 0 disables a limit where that makes sense (never for the protective stop).
 *
 * @param defaultStopLossPct      protective stop for a position whose strategy sets none
 * @param dailyLossPct            loss from the start-of-day (UTC) equity that switches to REDUCING for the day
 * @param drawdownReducingPct     drawdown from the equity peak that switches to REDUCING
 * @param drawdownHaltPct         drawdown from the equity peak that halts (latched until released)
 * @param flattenOnHalt           close open positions when halting (else they keep their resting stops)
 * @param maxSymbolExposurePct    largest position on one symbol
 * @param maxTotalExposurePct     largest sum of all positions
 * @param maxOpenPositions        most positions open at once
 * @param fatFingerPct            largest distance of a limit price from the reference price
 * @param maxOrderNotional        largest order notional in the quote asset (fixed-point; 0 = off)
 * @param maxOrderQty             largest order quantity (fixed-point; 0 = off)
 * @param maxOrdersPerSecond      throttle over one second of event time (0 = off)
 * @param maxOrdersPerMinute      throttle over one minute of event time (0 = off)
 * @param shortSelling            whether an entry may sell what the session does not hold: false on a spot market
 *                                (no margin borrowing is modelled), where only a sell that reduces the session's own
 *                                long position may leave
 * @param maxEntries              entries one position may be built from: 1 (the default) allows no scale-in; n allows
 *                                the first entry and n - 1 additions on the same side, each checked like an entry
 */
public record RiskLimits(double defaultStopLossPct, double dailyLossPct, double drawdownReducingPct,
                         double drawdownHaltPct, boolean flattenOnHalt, double maxSymbolExposurePct,
                         double maxTotalExposurePct, int maxOpenPositions, double fatFingerPct,
                         long maxOrderNotional, long maxOrderQty, int maxOrdersPerSecond, int maxOrdersPerMinute,
                         boolean shortSelling, int maxEntries) {

    public static final RiskLimits DEFAULT = new RiskLimits(5, 5, 10, 15, true, 25, 100, 5, 10,
            dev.hft.core.Fixed.of(1_000_000), 0, 5, 60);

    /** Limits with one entry per position (no scale-in). */
    public RiskLimits(double defaultStopLossPct, double dailyLossPct, double drawdownReducingPct,
                      double drawdownHaltPct, boolean flattenOnHalt, double maxSymbolExposurePct,
                      double maxTotalExposurePct, int maxOpenPositions, double fatFingerPct, long maxOrderNotional,
                      long maxOrderQty, int maxOrdersPerSecond, int maxOrdersPerMinute, boolean shortSelling) {
        this(defaultStopLossPct, dailyLossPct, drawdownReducingPct, drawdownHaltPct, flattenOnHalt,
                maxSymbolExposurePct, maxTotalExposurePct, maxOpenPositions, fatFingerPct, maxOrderNotional,
                maxOrderQty, maxOrdersPerSecond, maxOrdersPerMinute, shortSelling, 1);
    }

    /** Limits with short selling allowed (backtests and derivatives). */
    public RiskLimits(double defaultStopLossPct, double dailyLossPct, double drawdownReducingPct,
                      double drawdownHaltPct, boolean flattenOnHalt, double maxSymbolExposurePct,
                      double maxTotalExposurePct, int maxOpenPositions, double fatFingerPct, long maxOrderNotional,
                      long maxOrderQty, int maxOrdersPerSecond, int maxOrdersPerMinute) {
        this(defaultStopLossPct, dailyLossPct, drawdownReducingPct, drawdownHaltPct, flattenOnHalt,
                maxSymbolExposurePct, maxTotalExposurePct, maxOpenPositions, fatFingerPct, maxOrderNotional,
                maxOrderQty, maxOrdersPerSecond, maxOrdersPerMinute, true);
    }

    /** The same limits with short selling allowed or not. */
    public RiskLimits withShortSelling(boolean allowed) {
        return new RiskLimits(defaultStopLossPct, dailyLossPct, drawdownReducingPct, drawdownHaltPct, flattenOnHalt,
                maxSymbolExposurePct, maxTotalExposurePct, maxOpenPositions, fatFingerPct, maxOrderNotional,
                maxOrderQty, maxOrdersPerSecond, maxOrdersPerMinute, allowed, maxEntries);
    }

    /** The same limits with {@code n} entries allowed per position (scale-in up to n - 1 additions). */
    public RiskLimits withMaxEntries(int n) {
        return new RiskLimits(defaultStopLossPct, dailyLossPct, drawdownReducingPct, drawdownHaltPct, flattenOnHalt,
                maxSymbolExposurePct, maxTotalExposurePct, maxOpenPositions, fatFingerPct, maxOrderNotional,
                maxOrderQty, maxOrdersPerSecond, maxOrdersPerMinute, shortSelling, n);
    }

    public RiskLimits {
        if (!(defaultStopLossPct > 0 && defaultStopLossPct < 100)) {
            throw new IllegalArgumentException(
                    "risk defaultStopLossPct must be in (0, 100): every position has a stop");
        }
        for (double v : new double[] {dailyLossPct, drawdownReducingPct, drawdownHaltPct, maxSymbolExposurePct,
            maxTotalExposurePct, fatFingerPct}) {
            if (!(v >= 0)) {
                throw new IllegalArgumentException("risk percentages must be >= 0");
            }
        }
        if (drawdownHaltPct > 0 && drawdownReducingPct > drawdownHaltPct) {
            throw new IllegalArgumentException("risk drawdownReducingPct (" + drawdownReducingPct
                    + ") must not exceed drawdownHaltPct (" + drawdownHaltPct + ")");
        }
        if (maxOpenPositions < 0 || maxOrderNotional < 0 || maxOrderQty < 0 || maxOrdersPerSecond < 0
                || maxOrdersPerMinute < 0) {
            throw new IllegalArgumentException("risk limits must not be negative");
        }
        if (maxEntries < 1) {
            throw new IllegalArgumentException("risk maxEntries must be at least 1 (the first entry), got "
                    + maxEntries);
        }
    }

    /** Every limit by name, for the start-up banner, config.json and the report. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("defaultStopLossPct", defaultStopLossPct);
        m.put("dailyLossPct", dailyLossPct);
        m.put("drawdownReducingPct", drawdownReducingPct);
        m.put("drawdownHaltPct", drawdownHaltPct);
        m.put("flattenOnHalt", flattenOnHalt);
        m.put("maxSymbolExposurePct", maxSymbolExposurePct);
        m.put("maxTotalExposurePct", maxTotalExposurePct);
        m.put("maxOpenPositions", maxOpenPositions);
        m.put("fatFingerPct", fatFingerPct);
        m.put("maxOrderNotional", dev.hft.core.Fixed.format(maxOrderNotional));
        m.put("maxOrderQty", dev.hft.core.Fixed.format(maxOrderQty));
        m.put("maxOrdersPerSecond", maxOrdersPerSecond);
        m.put("maxOrdersPerMinute", maxOrdersPerMinute);
        if (!shortSelling) { // written only when off, so the records of runs that may short stay as they were
            m.put("shortSelling", false);
        }
        if (maxEntries != 1) { // written only when scale-in is allowed, so earlier records stay as they were
            m.put("maxEntries", maxEntries);
        }
        return m;
    }
}
