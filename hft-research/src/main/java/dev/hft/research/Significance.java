package dev.hft.research;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether the best trial of an optimization is distinguishable from luck.
 *
 * @param trials            distinct parameter points evaluated (the N of the deflated Sharpe ratio)
 * @param periods           daily returns behind the figures
 * @param dailySharpe       the best trial's per-day Sharpe ratio
 * @param psr               probabilistic Sharpe ratio of the best trial against zero
 * @param sharpeVariance    variance of the trials' per-day Sharpe ratios
 * @param expectedMaxSharpe per-day Sharpe ratio the best of {@code trials} unskilled trials would show
 * @param dsr               deflated Sharpe ratio
 * @param pbo               probability of backtest overfitting (null when too few trials or periods)
 * @param significant       DSR at or above {@link #DSR_THRESHOLD} and PBO (when known) below one half
 * @param verdict           one line for people
 */
public record Significance(int trials, int periods, double dailySharpe, double psr, double sharpeVariance,
                           double expectedMaxSharpe, double dsr, Stats.Pbo pbo, boolean significant,
                           String verdict) {
    public static final double DSR_THRESHOLD = 0.95;
    /** Most blocks of the CSCV split (16 gives 12,870 in-sample/out-of-sample splits). */
    public static final int PBO_BLOCKS = 16;

    /** Judges {@code best} among {@code fullRuns} (trials run on the whole period) out of {@code trials} sampled. */
    public static Significance of(TrialResult best, List<TrialResult> fullRuns, int trials) {
        if (best == null) {
            return new Significance(trials, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, null,
                    false, "VERDICT: no trial met the constraints; nothing to judge.");
        }
        double[] r = best.daily();
        List<double[]> comparable = new ArrayList<>();
        List<Double> srs = new ArrayList<>();
        for (TrialResult t : fullRuns) {
            if (!TrialResult.INVALID.equals(t.status()) && t.daily().length == r.length) {
                comparable.add(t.daily());
                srs.add(Stats.sharpe(t.daily()));
            }
        }
        double[] sr = srs.stream().mapToDouble(Double::doubleValue).toArray();
        double var = sr.length < 2 ? 0 : Math.pow(Stats.sd(sr), 2);
        double dailySharpe = Stats.sharpe(r);
        double psr = Stats.probabilisticSharpe(dailySharpe, 0, r.length, Stats.skewness(r), Stats.kurtosis(r));
        double sr0 = Stats.expectedMaxSharpe(trials, var);
        double dsr = Stats.probabilisticSharpe(dailySharpe, sr0, r.length, Stats.skewness(r), Stats.kurtosis(r));
        Stats.Pbo pbo = Stats.pbo(comparable.toArray(new double[0][]), PBO_BLOCKS);
        boolean significant = dsr >= DSR_THRESHOLD && (pbo == null || pbo.probability() < 0.5);
        String pboText = pbo == null ? "PBO n/a (too few trials or days)"
                : String.format(Locale.ROOT, "PBO %.2f over %d splits", pbo.probability(), pbo.splits());
        String verdict = significant
                ? String.format(Locale.ROOT, "VERDICT: the best result is distinguishable from luck: deflated Sharpe"
                        + " %.2f >= %.2f after %d trials, %s. Confirm it out of sample before trusting it.", dsr,
                        DSR_THRESHOLD, trials, pboText)
                : String.format(Locale.ROOT, "VERDICT: NOT distinguishable from luck: deflated Sharpe %.2f (needs "
                        + "%.2f) after %d trials, %s. The best of many tries looks this good by chance.",
                        Double.isNaN(dsr) ? 0 : dsr, DSR_THRESHOLD, trials, pboText);
        return new Significance(trials, r.length, dailySharpe, psr, var, sr0, dsr, pbo, significant, verdict);
    }
}
