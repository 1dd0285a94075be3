package dev.hft.research;

import java.util.ArrayList;
import java.util.List;

/**
 * Combinatorial purged cross-validation (López de Prado, "Advances in Financial Machine Learning", 2018, ch. 12) of
 * the search's selection, on the trials' daily returns: the in-sample days are cut into {@code groups} contiguous
 * groups; for each of the {@code C(groups, testGroups)} choices of test groups, the trial with the best Sharpe ratio
 * on the remaining (training) days is chosen, and its returns on the test groups are its out-of-sample record.
 * Training days within {@code purgeDays} before a test group, or within {@code embargoDays} after one, are left out
 * of the choice, so that a position opened in training and closed in testing (or the reverse) does not let the
 * test days choose. Each group is tested in {@code C(groups - 1, testGroups - 1)} splits; putting the j-th of them
 * in path j assembles that many complete out-of-sample paths over the whole period, and their Sharpe ratios are a
 * distribution, where a single holdout gives one number.
 *
 * <p>Like the PBO, it works on the daily returns of trials run over the whole period, not on new backtests of each
 * training set: a trial's state (indicators, an open position) carries over group edges, which is what the purge
 * and embargo days are for. The selection uses the Sharpe ratio, whatever the search's objective.
 *
 * @param groups       contiguous groups the days are cut into
 * @param testGroups   groups tested in each split
 * @param purgeDays    training days left out before each test group
 * @param embargoDays  training days left out after each test group
 * @param splits       train/test splits: {@code C(groups, testGroups)}
 * @param chosen       per split (in lexicographic order of its test groups), the index of the chosen trial in the
 *                     returns given
 * @param pathSharpes  per path, the per-day Sharpe ratio of its out-of-sample returns
 * @param pathReturns  per path, the sum of its out-of-sample daily returns
 */
public record Cpcv(int groups, int testGroups, int purgeDays, int embargoDays, int splits, int[] chosen,
                   double[] pathSharpes, double[] pathReturns) {
    /** Most groups: {@code C(16, 8)} is 12,870 splits. */
    public static final int MAX_GROUPS = 16;

    /** Complete out-of-sample paths of a CPCV with these counts: {@code C(groups - 1, testGroups - 1)}. */
    public static long pathCount(int groups, int testGroups) {
        return Stats.binomial(groups - 1, testGroups - 1);
    }

    /** Train/test splits of a CPCV with these counts: {@code C(groups, testGroups)}. */
    public static long splitCount(int groups, int testGroups) {
        return Stats.binomial(groups, testGroups);
    }

    /** Checks the counts against {@code periods} days; a message that says what is wrong, or null when usable. */
    public static String check(int periods, int groups, int testGroups, int purgeDays, int embargoDays) {
        if (groups < 2 || groups > MAX_GROUPS) {
            return "CPCV groups must be in [2, " + MAX_GROUPS + "], got " + groups;
        }
        if (testGroups < 1 || testGroups >= groups) {
            return "CPCV test groups must be in [1, " + (groups - 1) + "], got " + testGroups;
        }
        if (purgeDays < 0 || embargoDays < 0) {
            return "CPCV purge and embargo must be >= 0 days, got " + purgeDays + " and " + embargoDays;
        }
        if (periods < 2 * groups) {
            return "CPCV needs at least 2 days per group: " + periods + " days for " + groups + " groups";
        }
        return null;
    }

    /** First day of each group, and {@code periods} last: group g is days {@code [start[g], start[g + 1])}. */
    public static int[] groupStarts(int periods, int groups) {
        int[] s = new int[groups + 1];
        for (int g = 0; g <= groups; g++) {
            s[g] = (int) ((long) g * periods / groups);
        }
        return s;
    }

    /**
     * Which days train when {@code test} (ascending group numbers) is tested: every day outside the test groups,
     * less {@code purgeDays} before and {@code embargoDays} after each test group.
     */
    public static boolean[] trainDays(int periods, int groups, int[] test, int purgeDays, int embargoDays) {
        int[] start = groupStarts(periods, groups);
        boolean[] train = new boolean[periods];
        java.util.Arrays.fill(train, true);
        for (int g : test) {
            int from = Math.max(0, start[g] - purgeDays);
            int to = Math.min(periods, start[g + 1] + embargoDays);
            for (int p = from; p < to; p++) {
                train[p] = false;
            }
        }
        return train;
    }

    /**
     * Runs the cross-validation over {@code returns[trial][day]} (every trial over the same days). Ties in the
     * choice go to the lower trial index. Throws {@link IllegalArgumentException} when {@link #check} objects or a
     * split leaves no training day.
     */
    public static Cpcv run(double[][] returns, int groups, int testGroups, int purgeDays, int embargoDays) {
        if (returns.length == 0) {
            throw new IllegalArgumentException("CPCV needs at least one trial");
        }
        int periods = returns[0].length;
        String problem = check(periods, groups, testGroups, purgeDays, embargoDays);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        int[] start = groupStarts(periods, groups);
        int paths = (int) pathCount(groups, testGroups);
        List<int[]> tests = combinations(groups, testGroups);
        int[] chosen = new int[tests.size()];
        double[][] path = new double[paths][periods];
        int[] used = new int[groups]; // splits seen so far that test each group: the next path it fills
        for (int k = 0; k < tests.size(); k++) {
            int[] test = tests.get(k);
            boolean[] train = trainDays(periods, groups, test, purgeDays, embargoDays);
            int best = -1;
            double bestSharpe = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < returns.length; i++) {
                double s = sharpe(returns[i], train);
                if (Double.isNaN(s)) {
                    throw new IllegalArgumentException("CPCV split " + java.util.Arrays.toString(test)
                            + " leaves fewer than 2 training days: lower the purge, the embargo or the groups");
                }
                if (s > bestSharpe) {
                    bestSharpe = s;
                    best = i;
                }
            }
            chosen[k] = best;
            for (int g : test) {
                double[] target = path[used[g]++];
                System.arraycopy(returns[best], start[g], target, start[g], start[g + 1] - start[g]);
            }
        }
        double[] sharpes = new double[paths];
        double[] sums = new double[paths];
        for (int j = 0; j < paths; j++) {
            sharpes[j] = Stats.sharpe(path[j]);
            double s = 0;
            for (double v : path[j]) {
                s += v;
            }
            sums[j] = s;
        }
        return new Cpcv(groups, testGroups, purgeDays, embargoDays, tests.size(), chosen, sharpes, sums);
    }

    /**
     * The cross-validation of an optimization's selection: over the trials that ran on the whole period (those the
     * PBO compares: not invalid, the best trial's days), in evaluation order. Null when no trial met the
     * constraints.
     */
    public static Cpcv of(OptimizationResult o, int groups, int testGroups, int purgeDays, int embargoDays) {
        if (o.best() == null) {
            return null;
        }
        int days = o.best().daily().length;
        double[][] returns = o.fullRuns().stream()
                .filter(t -> !TrialResult.INVALID.equals(t.status()) && t.daily().length == days)
                .map(TrialResult::daily).toArray(double[][]::new);
        return run(returns, groups, testGroups, purgeDays, embargoDays);
    }

    /** Number of complete paths. */
    public int paths() {
        return pathSharpes.length;
    }

    /** Median of the paths' per-day Sharpe ratios. */
    public double medianSharpe() {
        double[] s = pathSharpes.clone();
        java.util.Arrays.sort(s);
        return Stats.quantile(s, 0.5);
    }

    /** Share of paths whose out-of-sample returns sum above zero. */
    public double shareProfitable() {
        int n = 0;
        for (double r : pathReturns) {
            n += r > 0 ? 1 : 0;
        }
        return pathReturns.length == 0 ? Double.NaN : (double) n / pathReturns.length;
    }

    /** Sharpe ratio of {@code x} over the days where {@code mask} is set; NaN with fewer than two. */
    static double sharpe(double[] x, boolean[] mask) {
        int n = 0;
        double sum = 0;
        for (int p = 0; p < x.length; p++) {
            if (mask[p]) {
                n++;
                sum += x[p];
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        double mean = sum / n;
        double ss = 0;
        for (int p = 0; p < x.length; p++) {
            if (mask[p]) {
                ss += (x[p] - mean) * (x[p] - mean);
            }
        }
        double sd = Math.sqrt(ss / (n - 1));
        return sd == 0 ? 0 : mean / sd;
    }

    /** The {@code k}-subsets of {@code 0..n-1} in lexicographic order, each ascending. */
    static List<int[]> combinations(int n, int k) {
        List<int[]> out = new ArrayList<>();
        int[] c = new int[k];
        for (int i = 0; i < k; i++) {
            c[i] = i;
        }
        while (true) {
            out.add(c.clone());
            int i = k - 1;
            while (i >= 0 && c[i] == n - k + i) {
                i--;
            }
            if (i < 0) {
                return out;
            }
            c[i]++;
            for (int j = i + 1; j < k; j++) {
                c[j] = c[j - 1] + 1;
            }
        }
    }
}
