package dev.hft.research;

/**
 * Conditions a trial must meet to count: a result on a handful of trades, or one that only wins by risking a
 * deep drawdown, is not a candidate however high its score.
 *
 * @param minTrades      fewest closed trades
 * @param maxDrawdownPct largest acceptable maximum drawdown, in percent
 */
public record Constraints(int minTrades, double maxDrawdownPct) {
    public static final Constraints DEFAULT = new Constraints(10, 100);

    public Constraints {
        if (minTrades < 0) {
            throw new IllegalArgumentException("min trades must be >= 0, got " + minTrades);
        }
        if (!(maxDrawdownPct > 0 && maxDrawdownPct <= 100)) {
            throw new IllegalArgumentException("max drawdown must be in (0, 100] percent, got " + maxDrawdownPct);
        }
    }

    /** Why a trial fails the constraints, or null when it meets them. */
    public String violation(TrialResult t) {
        if (t.trades() < minTrades) {
            return "trades " + t.trades() + " < " + minTrades;
        }
        if (t.maxDrawdownPct() > maxDrawdownPct) {
            return String.format(java.util.Locale.ROOT, "drawdown %.2f%% > %.2f%%", t.maxDrawdownPct(),
                    maxDrawdownPct);
        }
        return null;
    }
}
