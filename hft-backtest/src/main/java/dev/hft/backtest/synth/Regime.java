package dev.hft.backtest.synth;

/** Market regimes the generator plants and labels, bar by bar. */
public enum Regime {
    TRENDING_UP,
    TRENDING_DOWN,
    RANGING,
    HIGH_VOLATILITY,
    /** A sharp move on a volume spike that partly reverts: forced liquidations. */
    LIQUIDATION_CASCADE,
    /** No regime: a driftless random walk ({@code SyntheticGenerator.randomWalk} with trend 0). */
    RANDOM_WALK
}
