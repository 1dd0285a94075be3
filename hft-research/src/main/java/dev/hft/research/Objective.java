package dev.hft.research;

import java.util.Locale;

/** What the optimizer maximises. Every objective reads the trial's metrics; none looks at other trials. */
public enum Objective {
    /** Annualised Sharpe ratio of daily returns. */
    SHARPE("sharpe"),
    /** Gross profit over gross loss, capped at {@link #PROFIT_FACTOR_CAP} when a trial has no losing trade. */
    PROFIT_FACTOR("profit-factor"),
    /** Total return in percent. */
    RETURN("return"),
    /** Total return over the maximum drawdown (both percent; drawdown floored at 0.01%). */
    RETURN_OVER_DRAWDOWN("return-over-drawdown"),
    /** Winning trades in percent: easy to raise by taking tiny profits and large losses; shown for comparison. */
    WIN_RATE("win-rate");

    public static final double PROFIT_FACTOR_CAP = 100;

    private final String label;

    Objective(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** The objective named {@code s} (its label, or the enum name in any case). */
    public static Objective parse(String s) {
        for (Objective o : values()) {
            if (o.label.equalsIgnoreCase(s) || o.name().equalsIgnoreCase(s.replace('-', '_'))) {
                return o;
            }
        }
        StringBuilder known = new StringBuilder();
        for (Objective o : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(o.label);
        }
        throw new IllegalArgumentException("unknown objective '" + s + "'; known: " + known);
    }

    /** The score of a trial, or NaN when it is undefined (no trades, no variance). */
    public double score(TrialResult t) {
        return switch (this) {
            case SHARPE -> t.sharpe() == null ? Double.NaN : t.sharpe();
            case PROFIT_FACTOR -> t.trades() == 0 ? Double.NaN
                    : t.profitFactor() == null ? PROFIT_FACTOR_CAP : Math.min(PROFIT_FACTOR_CAP, t.profitFactor());
            case RETURN -> t.returnPct();
            case RETURN_OVER_DRAWDOWN -> t.returnPct() / Math.max(0.01, t.maxDrawdownPct());
            case WIN_RATE -> t.trades() == 0 ? Double.NaN : t.winRatePct();
        };
    }

    @Override
    public String toString() {
        return label.toLowerCase(Locale.ROOT);
    }
}
