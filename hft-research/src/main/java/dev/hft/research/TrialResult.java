package dev.hft.research;

import java.util.Map;

/**
 * One evaluated point of the parameter space. Figures are those of the backtest on the trial's data; {@code daily}
 * holds its daily returns, which the overfitting statistics compare across trials.
 *
 * @param id            evaluation number (deterministic: sample order, then rung)
 * @param rung          successive-halving rung (0 for grid and random)
 * @param budget        fraction of the in-sample period the trial ran on
 * @param point         index of the point in the parameter space
 * @param params        parameter overrides of the point
 * @param status        {@code ok}, {@code infeasible} (failed a constraint or the score is undefined) or
 *                      {@code invalid} (the strategy refused the parameters)
 * @param note          why it is infeasible or invalid; empty when ok
 * @param trades        closed trades
 * @param winRatePct    winning trades, percent
 * @param returnPct     total return, percent
 * @param sharpe        annualised Sharpe ratio of daily returns, null when undefined
 * @param profitFactor  gross profit over gross loss, null when there is no loss
 * @param maxDrawdownPct maximum drawdown, percent
 * @param bars          bars the engine processed
 * @param score         objective value when ok, else null
 * @param daily         daily returns
 */
public record TrialResult(int id, int rung, double budget, long point, Map<String, String> params, String status,
                          String note, int trades, double winRatePct, double returnPct, Double sharpe,
                          Double profitFactor, double maxDrawdownPct, long bars, Double score, double[] daily) {
    public static final String OK = "ok";
    public static final String INFEASIBLE = "infeasible";
    public static final String INVALID = "invalid";

    public boolean ok() {
        return OK.equals(status);
    }

    TrialResult withVerdict(String newStatus, String newNote, Double newScore) {
        return new TrialResult(id, rung, budget, point, params, newStatus, newNote, trades, winRatePct, returnPct,
                sharpe, profitFactor, maxDrawdownPct, bars, newScore, daily);
    }

    /** Whether {@code a} beats {@code b}: the higher score, ties to the earlier evaluation (never timing). */
    static boolean better(TrialResult a, TrialResult b) {
        int c = Double.compare(a.score(), b.score());
        return c > 0 || c == 0 && a.id() < b.id();
    }
}
