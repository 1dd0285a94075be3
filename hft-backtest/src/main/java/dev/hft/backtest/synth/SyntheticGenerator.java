package dev.hft.backtest.synth;

import dev.hft.backtest.data.BarSeries;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import java.util.SplittableRandom;

/**
 * Seeded, deterministic generator of 1-minute bars with labelled regimes.
 *
 * <p>Model, per minute: a log return {@code r = drift + sigma * z}, with {@code sigma} following a GARCH(1,1)
 * recursion (volatility clustering) scaled by the regime; regimes follow a Markov chain with random durations
 * (trending up or down with drift, ranging with mean reversion to an anchor, high volatility). Liquidation
 * cascades are events: a sharp move over a few bars on 4-10x volume, then a partial reversion (30-70% of the
 * move) on elevated volume; both phases are labelled {@link Regime#LIQUIDATION_CASCADE}. Volume has an intraday
 * cycle, log-normal noise and grows with the size of the move. Highs and lows extend beyond open and close by a
 * random wick. Prices are rounded to the instrument's tick (high up, low down), volumes to its step.
 *
 * <p>Same seed, symbol and length give the same bars on every JVM: the generator uses {@link SplittableRandom}
 * and {@link StrictMath} only.
 */
public final class SyntheticGenerator {
    private static final long MINUTE_MS = 60_000L;
    /** Mean length, in bars, of a drift run of {@link #randomWalk} with a planted trend. */
    public static final int TREND_RUN_BARS = 720;

    // GARCH(1,1) on normalised returns: long-run variance 1, persistence alpha + beta = 0.985
    private static final double GARCH_ALPHA = 0.06;
    private static final double GARCH_BETA = 0.925;

    private SyntheticGenerator() {
    }

    /** Generated bars and their regime label per bar. */
    public record Generated(BarSeries series, byte[] regimes) {
        public Regime regime(int i) {
            return Regime.values()[regimes[i]];
        }
    }

    /**
     * Generates {@code bars} 1-minute bars starting at {@code startMs} (aligned to the minute).
     */
    public static Generated generate(Instrument instrument, SymbolProfile profile, long seed, long startMs, int bars) {
        if (bars <= 0) {
            throw new IllegalArgumentException("bars must be positive, got " + bars);
        }
        if (startMs % MINUTE_MS != 0) {
            throw new IllegalArgumentException("start must be aligned to a minute");
        }
        SplittableRandom rnd = new SplittableRandom(streamSeed(seed, instrument.symbol()));
        BarSeries series = new BarSeries(instrument.symbol(), MINUTE_MS, bars);
        byte[] labels = new byte[bars];

        double sigma0 = profile.minuteVolatility();
        double logPrice = StrictMath.log(profile.startPrice());
        double variance = 1.0; // normalised GARCH variance
        double lastZ = 0;
        Regime regime = Regime.RANGING;
        int regimeLeft = 0;
        double anchor = logPrice;
        double drift = 0;
        // cascade state
        int cascadeLeft = 0;
        int reversionLeft = 0;
        double cascadeStep = 0;
        double reversionStep = 0;
        double prevClose = profile.startPrice();

        for (int i = 0; i < bars; i++) {
            if (regimeLeft <= 0) {
                regime = nextRegime(rnd, regime);
                regimeLeft = duration(rnd, regime);
                anchor = logPrice;
                drift = switch (regime) {
                    case TRENDING_UP -> sigma0 * (0.04 + 0.06 * rnd.nextDouble());
                    case TRENDING_DOWN -> -sigma0 * (0.04 + 0.06 * rnd.nextDouble());
                    default -> 0;
                };
            }
            regimeLeft--;

            // a cascade starts at random, more often against a trend (longs liquidated in an uptrend's dip)
            if (cascadeLeft == 0 && reversionLeft == 0 && rnd.nextDouble() < 1.0 / 600) {
                int dir;
                if (regime == Regime.TRENDING_UP) {
                    dir = rnd.nextDouble() < 0.75 ? -1 : 1;
                } else if (regime == Regime.TRENDING_DOWN) {
                    dir = rnd.nextDouble() < 0.75 ? 1 : -1;
                } else {
                    dir = rnd.nextBoolean() ? 1 : -1;
                }
                cascadeLeft = 3 + rnd.nextInt(8);
                double move = sigma0 * (12 + 18 * rnd.nextDouble()); // total log move of the cascade
                cascadeStep = dir * move / cascadeLeft;
                reversionLeft = 20 + rnd.nextInt(40);
                reversionStep = -dir * move * (0.3 + 0.4 * rnd.nextDouble()) / reversionLeft;
            }

            double regimeScale = switch (regime) {
                case HIGH_VOLATILITY -> 2.5;
                case RANGING -> 0.8;
                default -> 1.0;
            };
            variance = (1 - GARCH_ALPHA - GARCH_BETA) + GARCH_ALPHA * lastZ * lastZ + GARCH_BETA * variance;
            double sigma = sigma0 * regimeScale * StrictMath.sqrt(variance);
            double z = gaussian(rnd);
            lastZ = z * StrictMath.sqrt(variance);
            double r = sigma * z;
            Regime label = regime;
            double volumeBoost = 1;
            if (cascadeLeft > 0) {
                r = cascadeStep + 0.5 * sigma * z;
                cascadeLeft--;
                label = Regime.LIQUIDATION_CASCADE;
                volumeBoost = 4 + 6 * rnd.nextDouble();
            } else if (reversionLeft > 0) {
                r = reversionStep + 0.7 * sigma * z;
                reversionLeft--;
                label = Regime.LIQUIDATION_CASCADE;
                volumeBoost = 1.5 + rnd.nextDouble();
            } else if (regime == Regime.RANGING) {
                r += -0.02 * (logPrice - anchor);
            } else {
                r += drift;
            }
            logPrice += r;

            prevClose = addBar(series, instrument, profile, rnd, startMs + i * MINUTE_MS, prevClose,
                    StrictMath.exp(logPrice), sigma, r, volumeBoost);
            // keep the log price on the rounded close so rounding does not drift away from the bars
            logPrice = StrictMath.log(prevClose);
            labels[i] = (byte) label.ordinal();
        }
        return new Generated(series, labels);
    }

    /**
     * Appends one bar from {@code open} to {@code close} with random wicks, tick-rounded prices, and a volume
     * with an intraday cycle that grows with the move; returns the rounded close.
     */
    private static double addBar(BarSeries series, Instrument instrument, SymbolProfile profile, SplittableRandom rnd,
                                 long t, double open, double close, double sigma, double r, double volumeBoost) {
        double sigma0 = profile.minuteVolatility();
        double wick = sigma * 0.6;
        double high = Math.max(open, close) * StrictMath.exp(Math.abs(gaussian(rnd)) * wick);
        double low = Math.min(open, close) * StrictMath.exp(-Math.abs(gaussian(rnd)) * wick);

        long o = roundPrice(instrument, open, 0);
        long c = roundPrice(instrument, close, 0);
        long h = Math.max(roundPrice(instrument, high, 1), Math.max(o, c));
        long l = Math.min(roundPrice(instrument, low, -1), Math.min(o, c));
        if (l <= 0) {
            l = instrument.tickSize() > 0 ? instrument.tickSize() : 1;
        }
        double minuteOfDay = (t / MINUTE_MS) % 1440;
        double intraday = 1 + 0.35 * StrictMath.sin(2 * StrictMath.PI * (minuteOfDay - 480) / 1440);
        double move = Math.abs(r) / sigma0;
        double vol = profile.baseVolume() * intraday * StrictMath.exp(0.45 * gaussian(rnd) - 0.1)
                * (0.6 + 0.4 * move) * volumeBoost;
        long v = Math.max(instrument.stepSize(), instrument.floorQty(Fixed.fromDouble(vol)));
        double vwap = (Fixed.toDouble(o) + Fixed.toDouble(h) + Fixed.toDouble(l) + Fixed.toDouble(c)) / 4;
        long qv = Fixed.fromDouble(Fixed.toDouble(v) * vwap);
        long trades = Math.max(1, Math.round(vol / profile.baseVolume() * 1200));
        double buyShare = 0.5 + (r > 0 ? 0.08 : -0.08) + 0.04 * gaussian(rnd);
        buyShare = Math.max(0.05, Math.min(0.95, buyShare));
        long tbv = instrument.floorQty(Fixed.fromDouble(Fixed.toDouble(v) * buyShare));
        series.add(t, o, h, l, c, v, qv, trades, tbv);
        return Fixed.toDouble(c);
    }

    /**
     * A random walk with an optional planted trend: log returns {@code r(t) = mu(t) + sigma * z(t)} with Gaussian
     * {@code z}. With {@code trend} 0, {@code mu} is 0 and no strategy has an edge (before costs every rule's
     * expected profit is zero); every bar is labelled {@link Regime#RANDOM_WALK}. With {@code trend > 0}, {@code mu}
     * is {@code +-trend * sigma} and flips sign at random (mean run {@link #TREND_RUN_BARS} bars), a persistent
     * drift that trend-following rules can find; bars are labelled {@link Regime#TRENDING_UP} or
     * {@link Regime#TRENDING_DOWN}.
     */
    public static Generated randomWalk(Instrument instrument, SymbolProfile profile, long seed, long startMs,
                                       int bars, double trend) {
        return walk(instrument, profile, seed, startMs, bars, WalkModel.trend(trend));
    }

    /**
     * The random walk of {@code model} (see {@link WalkModel}). Bars are labelled as by {@link #randomWalk}, and
     * a cascade and its reversion as {@link Regime#LIQUIDATION_CASCADE}. A feature that is off draws nothing, so a
     * plain walk is the same bars as {@link #randomWalk} with the same trend.
     */
    public static Generated walk(Instrument instrument, SymbolProfile profile, long seed, long startMs, int bars,
                                 WalkModel model) {
        if (bars <= 0) {
            throw new IllegalArgumentException("bars must be positive, got " + bars);
        }
        if (startMs % MINUTE_MS != 0) {
            throw new IllegalArgumentException("start must be aligned to a minute");
        }
        SplittableRandom rnd = new SplittableRandom(streamSeed(seed, instrument.symbol()));
        BarSeries series = new BarSeries(instrument.symbol(), MINUTE_MS, bars);
        byte[] labels = new byte[bars];
        double trend = model.trend();
        double sigma0 = profile.minuteVolatility();
        double prevClose = profile.startPrice();
        int sign = rnd.nextBoolean() ? 1 : -1;
        double variance = 1.0; // normalised GARCH variance
        double lastZ = 0;
        int reversionLeft = 0;
        double reversionStep = 0;
        for (int i = 0; i < bars; i++) {
            if (trend > 0 && rnd.nextDouble() < 1.0 / TREND_RUN_BARS) {
                sign = -sign;
            }
            double sigma = sigma0;
            if (model.clustered()) {
                variance = (1 - GARCH_ALPHA - GARCH_BETA) + GARCH_ALPHA * lastZ * lastZ + GARCH_BETA * variance;
                sigma = sigma0 * StrictMath.sqrt(variance);
            }
            double z = gaussian(rnd);
            lastZ = z * StrictMath.sqrt(variance);
            double r = sign * trend * sigma0 + sigma * z;
            Regime label = trend == 0 ? Regime.RANDOM_WALK : sign > 0 ? Regime.TRENDING_UP : Regime.TRENDING_DOWN;
            double volumeBoost = 1;
            if (model.jumpRate() > 0 && rnd.nextDouble() < model.jumpRate()) {
                r += (rnd.nextBoolean() ? 1 : -1) * sigma0 * (8 + 12 * rnd.nextDouble());
                volumeBoost = 3 + 3 * rnd.nextDouble();
            }
            if (model.cascadeRate() > 0) {
                if (reversionLeft > 0) {
                    r += reversionStep;
                    reversionLeft--;
                    volumeBoost = Math.max(volumeBoost, 1.5);
                    label = Regime.LIQUIDATION_CASCADE;
                } else if (rnd.nextDouble() < model.cascadeRate()) {
                    int dir = rnd.nextBoolean() ? 1 : -1;
                    double move = sigma0 * (12 + 18 * rnd.nextDouble());
                    r += dir * move;
                    reversionLeft = 20 + rnd.nextInt(40);
                    reversionStep = -dir * move * model.reversion() / reversionLeft;
                    volumeBoost = 4 + 6 * rnd.nextDouble();
                    label = Regime.LIQUIDATION_CASCADE;
                }
            }
            prevClose = addBar(series, instrument, profile, rnd, startMs + i * MINUTE_MS, prevClose,
                    prevClose * StrictMath.exp(r), sigma, r, volumeBoost);
            labels[i] = (byte) label.ordinal();
        }
        return new Generated(series, labels);
    }

    /**
     * The generator's stream seed for a user seed and symbol, through a 64-bit finaliser. (Multiplying the seed by
     * SplittableRandom's own increment, as an earlier version did, made seed k+1's stream seed k's shifted by one
     * draw.)
     */
    static long streamSeed(long seed, String symbol) {
        long h = seed ^ (symbol.hashCode() * 0xC2B2AE3D27D4EB4FL);
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }

    private static long roundPrice(Instrument inst, double price, int direction) {
        long p = Fixed.fromDouble(price);
        long tick = inst.tickSize();
        if (tick <= 0) {
            return p;
        }
        if (direction > 0) {
            return Fixed.ceilToStep(p, tick);
        }
        if (direction < 0) {
            return Fixed.floorToStep(p, tick);
        }
        return inst.roundPrice(p);
    }

    private static Regime nextRegime(SplittableRandom rnd, Regime current) {
        double u = rnd.nextDouble();
        Regime next;
        if (u < 0.27) {
            next = Regime.TRENDING_UP;
        } else if (u < 0.52) {
            next = Regime.TRENDING_DOWN;
        } else if (u < 0.85) {
            next = Regime.RANGING;
        } else {
            next = Regime.HIGH_VOLATILITY;
        }
        return next == current && next == Regime.HIGH_VOLATILITY ? Regime.RANGING : next;
    }

    /** Regime duration in minutes. */
    private static int duration(SplittableRandom rnd, Regime r) {
        int mean = switch (r) {
            case TRENDING_UP, TRENDING_DOWN -> 360;
            case RANGING -> 480;
            case HIGH_VOLATILITY -> 120;
            case LIQUIDATION_CASCADE, RANDOM_WALK -> 30;
        };
        // exponential with a floor: regimes last at least a quarter of their mean
        return mean / 4 + (int) (-StrictMath.log(1 - rnd.nextDouble()) * mean * 0.75);
    }

    /** Standard normal by Box-Muller on StrictMath, so the stream is identical on every JVM. */
    private static double gaussian(SplittableRandom rnd) {
        double u1 = 1 - rnd.nextDouble(); // (0, 1]
        double u2 = rnd.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }
}
