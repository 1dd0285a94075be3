package dev.hft.engine.cost;

import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.Side;

/**
 * The deterministic cost of taking liquidity: fee, half the estimated spread, and a square-root market-impact
 * term {@code impactCoef * sigma * sqrt(qty / averageVolume)}, where sigma is one bar's return volatility and
 * averageVolume the mean volume of one bar. The same numbers serve the pre-trade estimate (TCA) and the
 * simulated exchange's fills, so an estimate and a simulated fill can only differ by what the market did.
 * Same inputs, same cost.
 */
public final class CostModel implements SlippageModel {
    private final FeeModel fees;
    private final MarketStatistics[] stats;
    private final double impactCoef;
    private final boolean slippage;

    /**
     * @param fees       fee model
     * @param stats      market statistics by instrument index
     * @param impactCoef square-root impact coefficient (1.0 is the usual order of magnitude)
     * @param slippage   false to price fills at the reference price (the estimate still includes spread and impact)
     */
    public CostModel(FeeModel fees, MarketStatistics[] stats, double impactCoef, boolean slippage) {
        if (!(impactCoef >= 0)) {
            throw new IllegalArgumentException("impact coefficient must be >= 0, got " + impactCoef);
        }
        this.fees = fees;
        this.stats = stats;
        this.impactCoef = impactCoef;
        this.slippage = slippage;
    }

    public FeeModel fees() {
        return fees;
    }

    public MarketStatistics stats(int instrument) {
        return stats[instrument];
    }

    /** Half the spread plus impact, as a fraction of price, for an order of {@code qty}. */
    public double slippageFrac(int instrument, long qty) {
        MarketStatistics s = stats[instrument];
        return slippageFrac(s.spreadFrac(), s.averageVolume(), s.volatility(), impactCoef, qty);
    }

    /**
     * The slippage fraction from the three statistics it reads; the one formula, shared with the optimizer's fast
     * evaluator (which keeps the statistics of every bar instead of a live {@link MarketStats}).
     */
    public static double slippageFrac(double spreadFrac, double averageVolume, double volatility, double impactCoef,
                                      long qty) {
        double half = spreadFrac / 2;
        double impact = averageVolume > 0 ? impactCoef * volatility * Math.sqrt(Fixed.toDouble(qty) / averageVolume)
                : 0;
        return half + impact;
    }

    /** {@code referencePrice} moved against {@code side} by {@code frac}, rounded adversely to the tick. */
    public static long slipped(Instrument inst, Side side, long referencePrice, double frac) {
        long delta = Fixed.mul(referencePrice, Fixed.fromDouble(frac));
        return inst.roundPriceAdverse(referencePrice + side.sign() * delta, side);
    }

    public double impactCoef() {
        return impactCoef;
    }

    /** The pre-trade estimate of a taker order at {@code refPrice}. */
    public CostEstimate estimate(int instrument, Instrument inst, Side side, long refPrice, long qty) {
        MarketStatistics s = stats[instrument];
        double half = s.spreadFrac() / 2;
        double total = slippageFrac(instrument, qty);
        long notional = Fixed.mul(refPrice, qty);
        double feeBps = notional == 0 ? 0
                : Fixed.toDouble(fees.fee(inst, side, refPrice, qty, false)) / Fixed.toDouble(notional) * 10_000;
        return new CostEstimate(feeBps, half * 10_000, (total - half) * 10_000);
    }

    @Override
    public long fillPrice(int instrument, Instrument inst, Side side, long referencePrice, long quantity) {
        if (!slippage) {
            return referencePrice;
        }
        return slipped(inst, side, referencePrice, slippageFrac(instrument, quantity));
    }
}
