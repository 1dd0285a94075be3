package dev.hft.backtest.synth;

/**
 * The random walks of {@link SyntheticGenerator#walk}: Gaussian log returns of the profile's minute volatility, with
 * optional volatility clustering and unpredictable jumps (neither gives any rule an edge), and two edges that can
 * be planted on purpose to measure whether the research workbench finds them.
 *
 * @param trend       planted trend: a drift of {@code trend} sigmas per bar whose sign flips at random (mean run
 *                    {@link SyntheticGenerator#TREND_RUN_BARS} bars); 0 for none. In [0, 1].
 * @param clustered   volatility clustering: the bar's sigma follows a GARCH(1,1) recursion with long-run variance
 *                    one (the same persistence as the regime generator), so the mean volatility is unchanged
 * @param jumpRate    probability per bar of a jump of 8 to 20 sigmas in a random direction on 3-6x volume, with
 *                    nothing after it: no edge. In [0, 1).
 * @param cascadeRate probability per bar of a one-bar cascade of 12 to 30 sigmas in a random direction on 4-10x
 *                    volume; in [0, 1)
 * @param reversion   planted reversion: the share of a cascade's move that the next 20 to 59 bars give back (a
 *                    drift on elevated volume); 0 for none (then a cascade is just a jump). In [0, 1].
 */
public record WalkModel(double trend, boolean clustered, double jumpRate, double cascadeRate, double reversion) {
    /** A plain Gaussian random walk: no edge for any rule before costs. */
    public static final WalkModel PLAIN = new WalkModel(0, false, 0, 0, 0);

    public WalkModel {
        if (!(trend >= 0 && trend <= 1)) {
            throw new IllegalArgumentException("trend must be in [0, 1] (drift per bar in sigmas), got " + trend);
        }
        if (!(jumpRate >= 0 && jumpRate < 1)) {
            throw new IllegalArgumentException("jump rate must be in [0, 1) per bar, got " + jumpRate);
        }
        if (!(cascadeRate >= 0 && cascadeRate < 1)) {
            throw new IllegalArgumentException("cascade rate must be in [0, 1) per bar, got " + cascadeRate);
        }
        if (!(reversion >= 0 && reversion <= 1)) {
            throw new IllegalArgumentException("reversion must be in [0, 1] (share of the move), got " + reversion);
        }
    }

    /** A planted trend of {@code sigmas} per bar on a plain walk. */
    public static WalkModel trend(double sigmas) {
        return new WalkModel(sigmas, false, 0, 0, 0);
    }

    /** Whether some rule has an edge on this walk by construction. */
    public boolean planted() {
        return trend > 0 || cascadeRate > 0 && reversion > 0;
    }
}
