package dev.hft.research;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the best trial of an optimization says, in the words its evidence supports. Two questions, answered apart:
 * the deflated Sharpe ratio asks whether the best result beats what the best of as many unskilled tries shows by
 * chance (is there an edge?); the probability of backtest overfitting asks whether picking the in-sample best was
 * overfit (does the choice hold up out of sample?). Only the first decides {@link #significant}. When the test
 * cannot tell, the minimum track record length says roughly how many more days at this Sharpe would let it (Bailey
 * and López de Prado, 2012 and 2014).
 *
 * <p>The luck bar is the Sharpe ratio the best of the <em>effective</em> number of independent trials shows when
 * each trial's Sharpe ratio is spread by its sampling error alone (see {@link Stats#sharpeSamplingVariance} and
 * {@link Stats#effectiveTrials}). The spread of Sharpe ratios across trials, which the deflated Sharpe ratio's
 * authors use, is not the measure of luck once costs are on: fast-trading trials then lose for certain, and their
 * losses widen the spread (and the bar) though no trial got luckier. That spread is still reported.
 *
 * @param trials            distinct parameter points evaluated (the N of the deflated Sharpe ratio)
 * @param periods           daily returns behind the figures
 * @param dailySharpe       the best trial's per-day Sharpe ratio
 * @param psr               probabilistic Sharpe ratio of the best trial against zero
 * @param sharpeVariance    variance of a trial's per-day Sharpe ratio from luck alone: the mean over the comparable
 *                          trials of their sampling variance, and at least that of a zero Sharpe ratio,
 *                          {@code 1 / (periods - 1)}
 * @param crossTrialVariance variance of the per-day Sharpe ratios across the trials (luck and every deterministic
 *                          difference between them, costs included), for comparison
 * @param meanCorrelation   mean pairwise correlation of the trials' daily returns (NaN when unknown)
 * @param effectiveTrials   independent tries the {@code trials} amount to, given that correlation
 * @param expectedMaxSharpe per-day Sharpe ratio the best of {@code effectiveTrials} unskilled trials would show (the
 *                          luck bar)
 * @param dsr               deflated Sharpe ratio
 * @param pbo               probability of backtest overfitting (null when too few trials or periods)
 * @param significant       DSR at or above {@link #DSR_THRESHOLD}: evidence of an edge, whatever the PBO says
 * @param verdict           one line for people
 * @param finding           which of the findings the figures support
 * @param minTrackRecordDays days at the best trial's Sharpe (and skew and kurtosis) that would bring its deflated
 *                          Sharpe to {@link #DSR_THRESHOLD}; infinite when its Sharpe does not exceed the luck bar
 */
public record Significance(int trials, int periods, double dailySharpe, double psr, double sharpeVariance,
                           double crossTrialVariance, double meanCorrelation, double effectiveTrials,
                           double expectedMaxSharpe, double dsr, Stats.Pbo pbo, boolean significant,
                           String verdict, Finding finding, double minTrackRecordDays) {
    /** What the figures support. */
    public enum Finding {
        /** No trial met the constraints. */
        NOTHING_TO_JUDGE,
        /** The best result beats the luck bar (DSR at the threshold) and its choice does not look overfit. */
        EDGE,
        /**
         * The best result beats the luck bar, but picking it looks overfit (PBO at least one half): an edge the
         * whole grid may share, whose best point was chosen by noise.
         */
        EDGE_BUT_SELECTION_OVERFIT,
        /** Above the luck bar, but too few days to tell: the minimum track record length says how many more. */
        UNDECIDED,
        /** Not above what the best of as many unskilled tries shows by chance: no evidence of an edge. */
        NO_EDGE
    }

    public static final double DSR_THRESHOLD = 0.95;
    /** Most blocks of the CSCV split (16 gives 12,870 in-sample/out-of-sample splits). */
    public static final int PBO_BLOCKS = 16;

    /** Judges {@code best} among {@code fullRuns} (trials run on the whole period) out of {@code trials} sampled. */
    public static Significance of(TrialResult best, List<TrialResult> fullRuns, int trials) {
        if (best == null) {
            return new Significance(trials, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    trials, Double.NaN, Double.NaN, null, false,
                    "VERDICT: no trial met the constraints; nothing to judge.", Finding.NOTHING_TO_JUDGE, Double.NaN);
        }
        double[] r = best.daily();
        List<double[]> comparable = new ArrayList<>();
        List<Double> srs = new ArrayList<>();
        double luck = 0;
        for (TrialResult t : fullRuns) {
            if (!TrialResult.INVALID.equals(t.status()) && t.daily().length == r.length) {
                double[] d = t.daily();
                double s = Stats.sharpe(d);
                comparable.add(d);
                srs.add(s);
                luck += Stats.sharpeSamplingVariance(s, d.length, Stats.skewness(d), Stats.kurtosis(d));
            }
        }
        double[] sr = srs.stream().mapToDouble(Double::doubleValue).toArray();
        double crossVar = sr.length < 2 ? 0 : Math.pow(Stats.sd(sr), 2);
        // never below the sampling variance of a zero Sharpe ratio (1 / (n - 1), whatever the skew and kurtosis): the
        // Mertens terms can shrink a losing trial's variance, and losing trials are not where the best comes from
        double var = sr.length == 0 || r.length < 2 ? 0 : Math.max(luck / sr.length, 1.0 / (r.length - 1));
        Stats.EffectiveTrials eff = Stats.effectiveTrials(comparable.toArray(new double[0][]), trials);
        double dailySharpe = Stats.sharpe(r);
        double psr = Stats.probabilisticSharpe(dailySharpe, 0, r.length, Stats.skewness(r), Stats.kurtosis(r));
        double sr0 = Stats.expectedMaxSharpe(eff.trials(), var);
        double dsr = Stats.probabilisticSharpe(dailySharpe, sr0, r.length, Stats.skewness(r), Stats.kurtosis(r));
        Stats.Pbo pbo = Stats.pbo(comparable.toArray(new double[0][]), PBO_BLOCKS);
        boolean overfit = pbo != null && pbo.probability() >= 0.5;
        boolean beatsLuck = dsr >= DSR_THRESHOLD;
        boolean significant = beatsLuck;
        double minTrl = Stats.minTrackRecordLength(dailySharpe, sr0, Stats.skewness(r), Stats.kurtosis(r),
                DSR_THRESHOLD);
        Finding finding = beatsLuck ? (overfit ? Finding.EDGE_BUT_SELECTION_OVERFIT : Finding.EDGE)
                : dailySharpe > sr0 ? Finding.UNDECIDED : Finding.NO_EDGE;
        String bar = String.format(Locale.ROOT, "a daily Sharpe of %.3f against the %.3f the best of %d unskilled "
                + "tries (%.1f independent ones) reaches by chance", dailySharpe, sr0, trials, eff.trials());
        String pboText = pbo == null ? "PBO n/a (too few trials or days)"
                : String.format(Locale.ROOT, "PBO %.2f over %d splits (how often the in-sample best falls below the "
                        + "median out of sample: whether the choice was overfit, not whether an edge exists)",
                        pbo.probability(), pbo.splits());
        String verdict = switch (finding) {
            case EDGE -> String.format(Locale.ROOT, "VERDICT: evidence of an edge: deflated Sharpe %.2f >= %.2f, %s; "
                    + "%s. Confirm it out of sample before trusting it.", dsr, DSR_THRESHOLD, bar, pboText);
            case EDGE_BUT_SELECTION_OVERFIT -> String.format(Locale.ROOT, "VERDICT: evidence of an edge, but "
                    + "picking the best point looks overfit: deflated Sharpe %.2f >= %.2f, %s; but %s. A grid whose "
                    + "points share one edge ranks them by noise: expect the chosen point to do no better than its "
                    + "neighbours out of sample.", dsr, DSR_THRESHOLD, bar, pboText);
            case UNDECIDED -> String.format(Locale.ROOT, "VERDICT: no evidence either way yet: deflated Sharpe %.2f "
                    + "(needs %.2f), %s, over %d days; at this Sharpe about %d more days would tell (minimum track "
                    + "record length). %s.", dsr, DSR_THRESHOLD, bar, r.length,
                    (long) Math.ceil(Math.max(0, minTrl - r.length)), pboText);
            default -> String.format(Locale.ROOT, "VERDICT: no evidence of an edge: %s; more days at this Sharpe "
                    + "would not change that. %s.", bar, pboText);
        };
        return new Significance(trials, r.length, dailySharpe, psr, var, crossVar, eff.meanCorrelation(),
                eff.trials(), sr0, dsr, pbo, significant, verdict, finding, minTrl);
    }
}
