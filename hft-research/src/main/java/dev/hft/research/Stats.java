package dev.hft.research;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Statistics that say how much of a backtest result may be luck. Sharpe ratios here are per period (daily, not
 * annualised), as the formulas of Bailey and López de Prado expect.
 *
 * <ul>
 *   <li>Probabilistic Sharpe ratio: the probability that the true Sharpe ratio exceeds a benchmark, given the
 *       sample's length, skewness and kurtosis (Bailey and López de Prado, "The Sharpe Ratio Efficient Frontier",
 *       2012).</li>
 *   <li>Deflated Sharpe ratio: the PSR against the Sharpe ratio the best of N unskilled trials would show by
 *       chance (Bailey and López de Prado, "The Deflated Sharpe Ratio", 2014).</li>
 *   <li>Probability of backtest overfitting by combinatorially symmetric cross-validation (Bailey, Borwein,
 *       López de Prado and Zhu, "The Probability of Backtest Overfitting", 2015).</li>
 *   <li>Bootstrap percentile intervals; a circular block bootstrap for serially dependent returns.</li>
 * </ul>
 */
public final class Stats {
    /** Euler-Mascheroni constant, in the expected maximum of N normal draws. */
    static final double EULER_GAMMA = 0.5772156649015329;

    private Stats() {
    }

    public static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return x.length == 0 ? 0 : s / x.length;
    }

    /** Sample standard deviation (n - 1). */
    public static double sd(double[] x) {
        if (x.length < 2) {
            return 0;
        }
        double m = mean(x);
        double ss = 0;
        for (double v : x) {
            ss += (v - m) * (v - m);
        }
        return Math.sqrt(ss / (x.length - 1));
    }

    /** Sample skewness (population moments). */
    public static double skewness(double[] x) {
        return moment(x, 3);
    }

    /** Sample kurtosis, not excess: 3 for a normal distribution. */
    public static double kurtosis(double[] x) {
        return moment(x, 4);
    }

    private static double moment(double[] x, int k) {
        if (x.length < 2) {
            return k == 4 ? 3 : 0;
        }
        double m = mean(x);
        double m2 = 0;
        double mk = 0;
        for (double v : x) {
            double d = v - m;
            m2 += d * d;
            mk += Math.pow(d, k);
        }
        m2 /= x.length;
        mk /= x.length;
        if (m2 == 0) {
            return k == 4 ? 3 : 0;
        }
        return mk / Math.pow(m2, k / 2.0);
    }

    /** Per-period Sharpe ratio (mean over sample standard deviation); 0 when the returns do not vary. */
    public static double sharpe(double[] x) {
        double sd = sd(x);
        return sd == 0 ? 0 : mean(x) / sd;
    }

    /**
     * Probability that the true per-period Sharpe ratio exceeds {@code benchmark}, given an observed {@code sr}
     * over {@code n} periods with the returns' skewness and (non-excess) kurtosis.
     */
    public static double probabilisticSharpe(double sr, double benchmark, int n, double skew, double kurt) {
        if (n < 2) {
            return Double.NaN;
        }
        double var = 1 - skew * sr + (kurt - 1) / 4 * sr * sr;
        if (!(var > 0)) {
            var = 1e-12;
        }
        return normalCdf((sr - benchmark) * Math.sqrt(n - 1) / Math.sqrt(var));
    }

    /**
     * The per-period Sharpe ratio that the best of {@code trials} strategies without skill is expected to show,
     * when luck alone spreads a Sharpe ratio with variance {@code srVariance}:
     * {@code sqrt(V) ((1 - g) Phi^-1(1 - 1/N) + g Phi^-1(1 - 1/(N e)))} (Bailey and López de Prado, 2014). The
     * number of trials may be fractional (an effective number, {@link #effectiveTrials}); below two, where the
     * approximation does not hold, it runs linearly from 0 at one trial (the best of one try is that try) to its
     * value at two.
     */
    public static double expectedMaxSharpe(double trials, double srVariance) {
        if (!(trials > 1) || !(srVariance > 0)) {
            return 0;
        }
        if (trials < 2) {
            return (trials - 1) * expectedMaxSharpe(2, srVariance);
        }
        double a = normalInverse(1 - 1.0 / trials);
        double b = normalInverse(1 - 1.0 / (trials * Math.E));
        return Math.sqrt(srVariance) * ((1 - EULER_GAMMA) * a + EULER_GAMMA * b);
    }

    /**
     * Sampling variance of a per-period Sharpe ratio estimated over {@code n} periods whose returns have the given
     * skewness and (non-excess) kurtosis: {@code (1 - skew sr + (kurt - 1) / 4 sr^2) / (n - 1)}, the variance
     * behind the probabilistic Sharpe ratio (Mertens, 2002; Bailey and López de Prado, 2012). It is the spread that
     * luck alone gives a Sharpe ratio; unlike the spread of Sharpe ratios across trials, it does not grow when
     * trials differ for deterministic reasons such as their costs.
     */
    public static double sharpeSamplingVariance(double sr, int n, double skew, double kurt) {
        if (n < 2) {
            return Double.NaN;
        }
        double var = 1 - skew * sr + (kurt - 1) / 4 * sr * sr;
        return Math.max(var, 1e-12) / (n - 1);
    }

    /** Most return streams whose pairwise correlations {@link #effectiveTrials} averages. */
    public static final int CORRELATION_SAMPLE = 400;

    /** Result of {@link #effectiveTrials}: the mean pairwise correlation and the effective number of trials. */
    public record EffectiveTrials(double meanCorrelation, double trials) {
    }

    /**
     * The effective number of independent trials among {@code trials} tries, from the mean pairwise correlation of
     * the return streams that were measured: {@code rho + (1 - rho) M} (Bailey and López de Prado, "The Deflated
     * Sharpe Ratio", 2014). Trials that share their positions share their luck: sixteen streams with correlation
     * one are one try, sixteen uncorrelated ones sixteen. {@code returns[trial][period]}; streams that do not vary
     * carry no correlation and are left out of the mean; a negative mean counts as zero. With fewer than two
     * varying streams the correlation is unknown and all {@code trials} count (the cautious choice: a higher bar).
     * Above {@link #CORRELATION_SAMPLE} streams the mean is taken over an evenly strided subset of that many (the
     * pairs grow with the square of the trials; the subset is fixed by the order, so the result is deterministic).
     */
    public static EffectiveTrials effectiveTrials(double[][] returns, int trials) {
        int m = returns.length;
        int stride = (m + CORRELATION_SAMPLE - 1) / CORRELATION_SAMPLE;
        double[][] z = new double[m][];
        int k = 0;
        for (int t = 0; t < m; t += Math.max(1, stride)) {
            double[] s = standardized(returns[t]);
            if (s != null) {
                z[k++] = s;
            }
        }
        if (k < 2) {
            return new EffectiveTrials(Double.NaN, trials);
        }
        double sum = 0;
        long pairs = 0;
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                sum += correlation(z[i], z[j]);
                pairs++;
            }
        }
        double rho = Math.min(1, Math.max(0, sum / pairs));
        return new EffectiveTrials(sum / pairs, rho + (1 - rho) * trials);
    }

    /**
     * Minimum track record length (Bailey and López de Prado, "The Sharpe Ratio Efficient Frontier", 2012): the number
     * of periods over which an observed per-period Sharpe ratio {@code sr}, with the returns' skewness and
     * (non-excess) kurtosis, would make the probabilistic Sharpe ratio against {@code benchmark} reach
     * {@code confidence}: {@code 1 + (1 - skew sr + (kurt - 1) / 4 sr^2) (z / (sr - benchmark))^2}. Infinite when
     * {@code sr} does not exceed the benchmark: no track record at that Sharpe would clear it.
     */
    public static double minTrackRecordLength(double sr, double benchmark, double skew, double kurt,
                                              double confidence) {
        if (!(sr > benchmark)) {
            return Double.POSITIVE_INFINITY;
        }
        double var = 1 - skew * sr + (kurt - 1) / 4 * sr * sr;
        if (!(var > 0)) {
            var = 1e-12;
        }
        double z = normalInverse(confidence);
        return 1 + var * Math.pow(z / (sr - benchmark), 2);
    }

    /** The deflated Sharpe ratio: the PSR against {@link #expectedMaxSharpe}. */
    public static double deflatedSharpe(double[] returns, int trials, double srVariance) {
        return probabilisticSharpe(sharpe(returns), expectedMaxSharpe(trials, srVariance), returns.length,
                skewness(returns), kurtosis(returns));
    }

    /**
     * Spearman's rank correlation of two equally long samples: Pearson's correlation of their ranks, tied values
     * sharing the mean of their ranks. NaN with fewer than two pairs or when either side is constant.
     */
    public static double spearman(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("samples differ in length: " + x.length + " and " + y.length);
        }
        if (x.length < 2) {
            return Double.NaN;
        }
        return pearson(ranks(x), ranks(y));
    }

    /** Pearson's correlation; NaN when either side is constant. */
    private static double pearson(double[] a, double[] b) {
        double[] za = standardized(a);
        double[] zb = standardized(b);
        return za == null || zb == null ? Double.NaN : correlation(za, zb);
    }

    /** {@code x} less its mean, over its sample standard deviation; null when it does not vary. */
    private static double[] standardized(double[] x) {
        double sd = sd(x);
        if (!(sd > 0)) {
            return null;
        }
        double mu = mean(x);
        double[] z = new double[x.length];
        for (int p = 0; p < x.length; p++) {
            z[p] = (x[p] - mu) / sd;
        }
        return z;
    }

    /** Correlation of two {@link #standardized} samples of the same length. */
    private static double correlation(double[] za, double[] zb) {
        double c = 0;
        for (int p = 0; p < za.length; p++) {
            c += za[p] * zb[p];
        }
        return c / (za.length - 1);
    }

    /** Ranks from 1, ties at the mean of the ranks they span. */
    static double[] ranks(double[] x) {
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < x.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(x[i], x[j]));
        double[] r = new double[x.length];
        for (int a = 0; a < x.length; ) {
            int b = a;
            while (b + 1 < x.length && x[order[b + 1]] == x[order[a]]) {
                b++;
            }
            double rank = (a + b) / 2.0 + 1;
            for (int k = a; k <= b; k++) {
                r[order[k]] = rank;
            }
            a = b + 1;
        }
        return r;
    }

    /**
     * The share of the variance of {@code y} that grouping by {@code group} explains (the correlation ratio eta
     * squared of a one-way analysis of variance): {@code sum_g n_g (mean_g - mean)^2 / sum (y - mean)^2}. As a
     * parameter's importance: how much of the objective's spread over the trials goes with that parameter's value.
     * The shares of several parameters need not add to one (interactions, unbalanced samples). NaN when {@code y}
     * is constant or empty.
     */
    public static double varianceShare(int[] group, double[] y) {
        if (group.length != y.length) {
            throw new IllegalArgumentException("samples differ in length: " + group.length + " and " + y.length);
        }
        double m = mean(y);
        double total = 0;
        java.util.Map<Integer, double[]> g = new java.util.TreeMap<>();
        for (int i = 0; i < y.length; i++) {
            total += (y[i] - m) * (y[i] - m);
            double[] acc = g.computeIfAbsent(group[i], k -> new double[2]);
            acc[0] += y[i];
            acc[1]++;
        }
        if (!(total > 0)) {
            return Double.NaN;
        }
        double between = 0;
        for (double[] acc : g.values()) {
            double d = acc[0] / acc[1] - m;
            between += acc[1] * d * d;
        }
        return between / total;
    }

    /**
     * Compound annual growth of daily returns: {@code prod(1 + r)^(365 / days) - 1}. NaN without days, or when the
     * capital was lost.
     */
    public static double annualisedReturn(double[] daily) {
        if (daily.length == 0) {
            return Double.NaN;
        }
        double logGrowth = 0;
        for (double r : daily) {
            if (!(r > -1)) {
                return Double.NaN;
            }
            logGrowth += Math.log1p(r);
        }
        return Math.expm1(logGrowth * 365.0 / daily.length);
    }

    /** Result of combinatorially symmetric cross-validation. */
    public record Pbo(double probability, int splits, int blocks, double[] logits) {
    }

    /**
     * Probability of backtest overfitting. {@code returns[trial][period]}: every trial's returns over the same
     * periods. The periods are cut into {@code blocks} (even) contiguous blocks; for every choice of half the
     * blocks as in-sample, the trial best in-sample is ranked out of sample; the PBO is the share of choices where
     * it lands at or below the median. Null when there are fewer than 2 trials or too few periods for 4 blocks.
     */
    public static Pbo pbo(double[][] returns, int maxBlocks) {
        int n = returns.length;
        if (n < 2) {
            return null;
        }
        int t = returns[0].length;
        int s = Math.min(maxBlocks, t / 4);
        s -= s % 2;
        if (s < 4) {
            return null;
        }
        // per trial and block: count, sum, sum of squares
        double[][] sum = new double[n][s];
        double[][] sq = new double[n][s];
        int[] count = new int[s];
        for (int p = 0; p < t; p++) {
            int b = (int) ((long) p * s / t);
            count[b]++;
            for (int i = 0; i < n; i++) {
                double v = returns[i][p];
                sum[i][b] += v;
                sq[i][b] += v * v;
            }
        }
        int half = s / 2;
        // the half-splits in mask order, each as its in-sample and out-of-sample block lists (ascending, so every
        // sum adds the same terms in the same order as a pass over all blocks would)
        int total = (int) binomial(s, half);
        int[][] inBlocks = new int[total][];
        int[][] outBlocks = new int[total][];
        int combos = 0;
        for (int mask = 0; mask < (1 << s); mask++) {
            if (Integer.bitCount(mask) != half) {
                continue;
            }
            int[] in = new int[half];
            int[] out = new int[s - half];
            int a = 0;
            int b = 0;
            for (int blk = 0; blk < s; blk++) {
                if (((mask >> blk) & 1) == 1) {
                    in[a++] = blk;
                } else {
                    out[b++] = blk;
                }
            }
            inBlocks[combos] = in;
            outBlocks[combos++] = out;
        }
        // splits are independent: computed in parallel, each into its own slot, so the result does not depend on
        // the number of threads
        double[] logits = new double[combos];
        java.util.stream.IntStream.range(0, combos).parallel().forEach(c -> {
            double[] oos = new double[n];
            int bestTrial = -1;
            double bestIs = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double is = blockSharpe(sum[i], sq[i], count, inBlocks[c]);
                oos[i] = blockSharpe(sum[i], sq[i], count, outBlocks[c]);
                if (is > bestIs) {
                    bestIs = is;
                    bestTrial = i;
                }
            }
            int rank = 1; // 1 = worst out of sample
            for (int i = 0; i < n; i++) {
                if (i != bestTrial && oos[i] < oos[bestTrial]) {
                    rank++;
                }
            }
            double w = rank / (n + 1.0);
            logits[c] = Math.log(w / (1 - w));
        });
        int below = 0;
        for (double logit : logits) {
            if (logit <= 0) {
                below++;
            }
        }
        return new Pbo((double) below / combos, combos, s, logits);
    }

    private static double blockSharpe(double[] sum, double[] sq, int[] count, int[] blocks) {
        double s = 0;
        double q = 0;
        int c = 0;
        for (int b : blocks) {
            s += sum[b];
            q += sq[b];
            c += count[b];
        }
        if (c < 2) {
            return 0;
        }
        double m = s / c;
        double var = (q - c * m * m) / (c - 1);
        return var <= 1e-30 ? 0 : m / Math.sqrt(var);
    }

    /** {@code C(n, k)}; 0 when {@code k} is outside {@code [0, n]}. */
    static long binomial(int n, int k) {
        if (k < 0 || k > n) {
            return 0;
        }
        long r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }

    /** A percentile interval. */
    public record Interval(double low, double high) {
    }

    /**
     * Circular block bootstrap percentile interval of {@code stat} over {@code x}: resamples of blocks of
     * {@code block} consecutive values (wrapping around), {@code resamples} times, seeded. Null for fewer than 2
     * values.
     */
    public static Interval blockBootstrap(double[] x, ToDoubleFunction<double[]> stat, int block, int resamples,
                                          double level, long seed) {
        if (x.length < 2) {
            return null;
        }
        int b = Math.max(1, Math.min(block, x.length));
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] stats = new double[resamples];
        double[] sample = new double[x.length];
        for (int r = 0; r < resamples; r++) {
            int filled = 0;
            while (filled < x.length) {
                int start = rnd.nextInt(x.length);
                for (int k = 0; k < b && filled < x.length; k++) {
                    sample[filled++] = x[(start + k) % x.length];
                }
            }
            stats[r] = stat.applyAsDouble(sample);
        }
        Arrays.sort(stats);
        double alpha = (1 - level) / 2;
        return new Interval(quantile(stats, alpha), quantile(stats, 1 - alpha));
    }

    /** Linear-interpolated quantile of sorted values, ignoring NaN (sorted to the end). */
    static double quantile(double[] sorted, double q) {
        int n = sorted.length;
        while (n > 0 && Double.isNaN(sorted[n - 1])) {
            n--;
        }
        if (n == 0) {
            return Double.NaN;
        }
        double pos = q * (n - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(n - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** Standard normal cumulative distribution (Abramowitz-Stegun 7.1.26 on erf, error below 1.5e-7). */
    public static double normalCdf(double x) {
        double z = Math.abs(x) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * z);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t
                + 0.254829592) * t * Math.exp(-z * z);
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    /** Inverse of the standard normal distribution (Acklam's rational approximation, relative error 1.2e-9). */
    public static double normalInverse(double p) {
        if (!(p > 0 && p < 1)) {
            if (p == 0) {
                return Double.NEGATIVE_INFINITY;
            }
            if (p == 1) {
                return Double.POSITIVE_INFINITY;
            }
            throw new IllegalArgumentException("probability must be in [0, 1], got " + p);
        }
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double low = 0.02425;
        if (p < low) {
            double q = Math.sqrt(-2 * Math.log(p));
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        if (p > 1 - low) {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
}
