package dev.hft.strategies;

import dev.hft.api.Strategy;
import dev.hft.api.SimpleStrategyFactory;
import dev.hft.api.Decision;
import dev.hft.api.Action;
import dev.hft.api.PositionView;
import dev.hft.api.ParamSpec;
import dev.hft.api.Params;

import dev.hft.api.EntryScreen;
import dev.hft.api.StrategyContext;
import dev.hft.api.series.Input;
import dev.hft.api.series.Series;
import dev.hft.api.series.SeriesSpec;
import java.io.DataInput;
import java.io.DataOutput;

import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import dev.hft.core.ReasonCode;
import java.util.List;

/**
 * The liquidation hunter. A forced-liquidation cascade shows up as a burst of volume that throws the price to
 * the edge of its recent range; when that happens against the prevailing trend, the move tends to partly
 * revert. So: in an uptrend (fast MA above slow MA) buy a volume spike at the bottom of the range; in a
 * downtrend sell one at the top.
 *
 * <p>Confidence is a weighted mean of three scores in [0, 1]:
 * <ul>
 *   <li>volume: {@code (ratio - 1) / (volumeFull - 1)}, where ratio is this bar's volume over the mean of the
 *       previous {@code volumeBars} bars (the current bar is not in its own baseline);</li>
 *   <li>range: {@code 1 - 0.5 * depth / extreme}, where depth is how far into the extreme band (bottom or top
 *       {@code extreme} of the {@code rangeBars} high-low range) the close sits: 1 at the very edge, 0.5 at the
 *       band's inner edge;</li>
 *   <li>trend: {@code |fastMa - slowMa| / slowMa / trendFull}.</li>
 * </ul>
 * Entry requires trend direction, the close in the extreme band on the trend's dip side, volume ratio at least
 * {@code volumeSpike}, and confidence at least {@code minConfidence}. Every skip says which gate failed.
 * Exits: fixed take-profit/stop-loss fractions, or ATR multiples when {@code atrExits=1}; an optional time exit.
 */
public final class LiquidationHunter implements Strategy {
    public static final String NAME = "liquidation-hunter";

    private final int fastMa;
    private final int slowMa;
    private final double extreme;
    private final double volumeSpike;
    private final double volumeFull;
    private final double trendFull;
    private final double wVolume;
    private final double wRange;
    private final double wTrend;
    private final double wLiquidation;
    private final double liquidationFull;
    private final double minConfidence;
    private final double takeProfit;
    private final double stopLoss;
    private final boolean atrExits;
    private final double atrStop;
    private final double atrTarget;
    private final boolean allowLong;
    private final boolean allowShort;
    private final int maxHoldBars;
    private final int warmup;
    private final int volumeBars;
    private final int rangeBars;
    private final int atrPeriod;
    private final String fastName;
    private final String slowName;

    /** The indicators, computed by the engine as series (shared between the trials of a search). */
    private Series fast;
    private Series slow;
    private Series volumeAvg;
    private Series range;
    private Series atr;
    /** The bar's own volume as a series, for the entry screen's volume gate. */
    private Series volume;
    /** The range's edges, for the chart only. */
    private Series rangeHigh;
    private Series rangeLow;

    LiquidationHunter(Params p) {
        fastMa = p.getInt("fastMa");
        slowMa = p.getInt("slowMa");
        if (fastMa >= slowMa) {
            throw new IllegalArgumentException("strategy " + NAME + ": fastMa (" + fastMa
                    + ") must be below slowMa (" + slowMa + ")");
        }
        extreme = p.get("extreme");
        volumeSpike = p.get("volumeSpike");
        volumeFull = p.get("volumeFull");
        if (volumeFull <= 1) {
            throw new IllegalArgumentException("strategy " + NAME + ": volumeFull must be above 1");
        }
        trendFull = p.get("trendFull");
        wVolume = p.get("wVolume");
        wRange = p.get("wRange");
        wTrend = p.get("wTrend");
        wLiquidation = p.get("wLiquidation");
        liquidationFull = p.get("liquidationFull");
        if (wVolume + wRange + wTrend <= 0) {
            throw new IllegalArgumentException("strategy " + NAME + ": the weights must not all be 0");
        }
        minConfidence = p.get("minConfidence");
        takeProfit = p.get("takeProfit");
        stopLoss = p.get("stopLoss");
        atrExits = p.getInt("atrExits") == 1;
        atrStop = p.get("atrStop");
        atrTarget = p.get("atrTarget");
        allowLong = p.getInt("allowLong") == 1;
        allowShort = p.getInt("allowShort") == 1;
        maxHoldBars = p.getInt("maxHoldBars");
        atrPeriod = p.getInt("atrPeriod");
        rangeBars = p.getInt("rangeBars");
        volumeBars = p.getInt("volumeBars");
        fastName = "SMA " + fastMa;
        slowName = "SMA " + slowMa;
        SeriesSpec.sma(Input.CLOSE, fastMa); // the indicators' own argument checks, when the parameters are read
        SeriesSpec.rangePosition(rangeBars);
        SeriesSpec.sma(Input.VOLUME, volumeBars);
        SeriesSpec.atr(atrPeriod);
        // +1: the volume baseline must be full before the bar it is compared with
        warmup = Math.max(Math.max(slowMa, rangeBars), Math.max(volumeBars + 1, atrPeriod));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int warmupBars() {
        return warmup;
    }

    @Override
    public void onStart(StrategyContext context) {
        fast = context.series(SeriesSpec.sma(Input.CLOSE, fastMa));
        slow = context.series(SeriesSpec.sma(Input.CLOSE, slowMa));
        volumeAvg = context.series(SeriesSpec.sma(Input.VOLUME, volumeBars));
        range = context.series(SeriesSpec.rangePosition(rangeBars));
        atr = context.series(SeriesSpec.atr(atrPeriod));
        rangeHigh = context.series(SeriesSpec.highest(Input.HIGH, rangeBars));
        rangeLow = context.series(SeriesSpec.lowest(Input.LOW, rangeBars));
        volume = context.series(SeriesSpec.input(Input.VOLUME));
    }

    /**
     * Flat, it can only enter past warm-up, in a trend, with the close in the trend's extreme band, on a volume spike:
     * the first gates of {@link #decide}, on the same values. Keyed by what they read (the two averages, the range
     * position, the warm-up, the band, the volume baseline and the spike), so the trials of a search that differ only
     * in other parameters share its answers.
     */
    @Override
    public EntryScreen entryScreen() {
        return EntryScreen.keyed(NAME + " entry: sma " + fastMa + "/" + slowMa + ", range " + rangeBars + ", warm-up "
                + warmup + ", extreme " + extreme + ", volume " + volumeBars + " x " + volumeSpike,
                instrument -> mayEnter(fast.count(), fast.value(), slow.value(), range.value())
                        && !(volumeRatio(volume.value(), volumeAvg.previous()) < volumeSpike));
    }

    /** This bar's volume over the mean of the bars before it, or 0 without a baseline. */
    private static double volumeRatio(double volume, double base) {
        return base > 0 ? volume / base : 0;
    }

    /** Held, it acts only on its time exit ({@link #decideHeld}). */
    @Override
    public dev.hft.api.HoldScreen holdScreen() {
        return (instrument, position) -> maxHoldBars > 0 && position.barsHeld() >= maxHoldBars;
    }

    /**
     * The trend filter's two averages and the inner edges of the range's extreme bands: a long entry needs the
     * close below "buy band", a short one above "sell band".
     */
    @Override
    public void plot(dev.hft.api.Plot plot) {
        plot.line(fastName, fast.value());
        plot.line(slowName, slow.value());
        boolean ready = !Double.isNaN(range.value());
        double hi = ready ? rangeHigh.value() : Double.NaN;
        double lo = ready ? rangeLow.value() : Double.NaN;
        plot.line("sell band", hi - extreme * (hi - lo));
        plot.line("buy band", lo + extreme * (hi - lo));
    }

    @Override
    public void onBar(Bar bar, PositionView position, Decision out) {
        if (position.quantity() != 0 || position.orderPending()) {
            decideHeld(position, out); // what decide does first, without reading the series
            return;
        }
        // the volume baseline is the mean of the bars before this one: the series' previous value
        decide(fast.count(), Fixed.toDouble(bar.close), Fixed.toDouble(bar.volume), volumeAvg.previous(),
                fast.value(), slow.value(), range.value(), atr.value(), bar, position, out);
    }

    /**
     * The decision itself, from the indicator values after this bar: {@code bars} bars seen (this one included),
     * {@code volumeBase} the volume mean before this bar joined it, {@code bar} read only for its liquidation data.
     * The optimizer's fast evaluator calls this with indicator values it computed once for many trials, so both
     * paths decide with the same code. Returns the confidence (0 when no score was computed).
     */
    public double decide(long bars, double close, double volume, double volumeBase, double f, double s,
                         double rangePos, double atrValue, Bar bar, PositionView position, Decision out) {
        if (position.quantity() != 0 || position.orderPending()) {
            decideHeld(position, out);
            return 0;
        }
        if (!mayEnter(bars, f, s, rangePos)) {
            out.skip(bars < warmup ? ReasonCode.SKIP_WARMUP
                    : f == s ? ReasonCode.SKIP_NO_TREND : ReasonCode.SKIP_NOT_AT_EXTREME);
            return 0;
        }
        boolean up = f > s;
        double depth = up ? rangePos : 1 - rangePos;
        double ratio = volumeRatio(volume, volumeBase);
        if (ratio < volumeSpike) {
            out.skip(ReasonCode.SKIP_NO_VOLUME_SPIKE);
            return 0;
        }
        double volumeScore = clamp01((ratio - 1) / (volumeFull - 1));
        double rangeScore = extreme > 0 ? 1 - 0.5 * depth / extreme : 1;
        double trendScore = clamp01(Math.abs(f - s) / s / trendFull);
        double weighted = wVolume * volumeScore + wRange * rangeScore + wTrend * trendScore;
        double weights = wVolume + wRange + wTrend;
        if (bar.liquidationsKnown && wLiquidation > 0) {
            // the hunted side's forced orders: longs liquidated into a dip of an uptrend, shorts into a rally of a
            // downtrend. Only when the liquidation stream was followed (backtests on klines have no such data)
            double hunted = Fixed.toDouble(up ? bar.liquidatedLongs : bar.liquidatedShorts);
            weighted += wLiquidation * clamp01(hunted / liquidationFull);
            weights += wLiquidation;
        }
        double confidence = weighted / weights;
        if (confidence < minConfidence) {
            out.skip(ReasonCode.SKIP_LOW_CONFIDENCE);
            out.confidence = confidence;
            return confidence;
        }
        if (up ? !allowLong : !allowShort) {
            out.skip(ReasonCode.SKIP_SIDE_DISABLED);
            out.confidence = confidence;
            return confidence;
        }
        double sl = stopLoss;
        double tp = takeProfit;
        if (atrExits) {
            double a = atrValue / close;
            sl = atrStop * a;
            tp = atrTarget * a;
        }
        out.enter(up ? Action.ENTER_LONG : Action.ENTER_SHORT,
                up ? ReasonCode.ENTRY_LIQ_LONG : ReasonCode.ENTRY_LIQ_SHORT, confidence, sl, tp);
        return confidence;
    }

    /**
     * The decision while a position is open or an order is pending, which reads the position alone: the time exit,
     * or stay. {@link #decide} itself uses it, so an evaluator may call this instead there.
     */
    public void decideHeld(PositionView position, Decision out) {
        if (position.quantity() != 0 && maxHoldBars > 0 && position.barsHeld() >= maxHoldBars
                && !position.orderPending()) {
            out.exit(ReasonCode.EXIT_TIME);
        } else {
            out.skip(ReasonCode.SKIP_IN_POSITION);
        }
    }

    /**
     * The first gates of {@link #decide} for a flat strategy with no order pending: false when it skips on these
     * values alone (warm-up, no trend, close not in the extreme band), true when the volume and confidence gates
     * decide. {@link #decide} itself uses it, so a scan over many bars that calls {@link #decide} only where this is
     * true decides exactly the same.
     */
    public boolean mayEnter(long bars, double f, double s, double rangePos) {
        if (bars < warmup || f == s) {
            return false;
        }
        return !((f > s ? rangePos : 1 - rangePos) > extreme); // written as the skip's negation: NaN does not skip
    }

    /** The entry thresholds, for an evaluator that screens bars with a necessary condition before deciding. */
    public double extreme() {
        return extreme;
    }

    public double volumeSpike() {
        return volumeSpike;
    }

    /** Periods of the five indicators, for an evaluator that computes them once for many trials. */
    public int fastMa() {
        return fastMa;
    }

    public int slowMa() {
        return slowMa;
    }

    public int volumeBars() {
        return volumeBars;
    }

    public int rangeBars() {
        return rangeBars;
    }

    public int atrPeriod() {
        return atrPeriod;
    }

    private static double clamp01(double x) {
        return x < 0 ? 0 : (x > 1 ? 1 : x);
    }

    /** Registry entry with the parameter catalogue. */
    public static final class Factory extends SimpleStrategyFactory {
        private static final List<ParamSpec> PARAMS = List.of(
                ParamSpec.integer("fastMa", 50, 2, 100_000, "fast SMA period of the trend filter (bars)"),
                ParamSpec.integer("slowMa", 200, 3, 100_000, "slow SMA period of the trend filter (bars)"),
                ParamSpec.integer("rangeBars", 60, 2, 100_000, "lookback of the high-low range (bars)"),
                ParamSpec.real("extreme", 0.10, 0, 0.5, "band at the range edge that counts as extreme (fraction)")
                        .search(0.05, 0.2, 0.05),
                ParamSpec.integer("volumeBars", 20, 1, 100_000, "lookback of the volume baseline (bars)"),
                ParamSpec.real("volumeSpike", 2.0, 0, 1000, "minimum volume / baseline ratio to enter")
                        .search(1.5, 3, 0.5),
                ParamSpec.real("volumeFull", 4.0, 1.0001, 1000, "volume ratio that scores 1.0"),
                ParamSpec.real("trendFull", 0.005, 1e-9, 10, "MA spread (fraction of slow MA) that scores 1.0"),
                ParamSpec.real("wVolume", 0.4, 0, 100, "weight of the volume score"),
                ParamSpec.real("wRange", 0.3, 0, 100, "weight of the range-position score"),
                ParamSpec.real("wTrend", 0.3, 0, 100, "weight of the trend-strength score"),
                ParamSpec.real("wLiquidation", 0.3, 0, 100, "weight of the liquidation score (only on bars that "
                        + "carry liquidation data: paper/live with the forced-order stream)"),
                ParamSpec.real("liquidationFull", 250_000, 1, 1e12, "liquidated notional of the hunted side in a "
                        + "bar (quote asset) that scores 1.0"),
                ParamSpec.real("minConfidence", 0.7, 0, 1, "confidence threshold to enter"),
                ParamSpec.real("takeProfit", 0.02, 0, 10, "take-profit distance (fraction of entry price)")
                        .search(0.01, 0.04, 0.01),
                ParamSpec.real("stopLoss", 0.008, 0, 1, "stop-loss distance (fraction of entry price)")
                        .search(0.004, 0.016, 0.004),
                ParamSpec.integer("atrExits", 0, 0, 1, "1 = ATR-based exits instead of fixed fractions"),
                ParamSpec.integer("atrPeriod", 14, 1, 100_000, "ATR period (bars)"),
                ParamSpec.real("atrStop", 2.0, 0, 1000, "stop-loss distance in ATRs (atrExits=1)"),
                ParamSpec.real("atrTarget", 4.0, 0, 1000, "take-profit distance in ATRs (atrExits=1)"),
                ParamSpec.integer("allowLong", 1, 0, 1, "1 = take long entries"),
                ParamSpec.integer("allowShort", 1, 0, 1, "1 = take short entries"),
                ParamSpec.integer("maxHoldBars", 0, 0, 10_000_000, "time exit after this many bars (0 = off)"));

        public Factory() {
            super(NAME, "buys volume-spike dips at the range bottom in uptrends, sells spikes at the top in downtrends",
                    PARAMS, LiquidationHunter::new);
        }
    }

    /** No state of its own: the indicators are the engine's series, saved with the engine. */
    @Override
    public void writeState(DataOutput out) {
    }

    @Override
    public void readState(DataInput in) {
    }
}
