package dev.hft.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void normalDistributionMatchesTables() {
        assertThat(Stats.normalCdf(0)).isCloseTo(0.5, within(1e-7));
        assertThat(Stats.normalCdf(1.959964)).isCloseTo(0.975, within(1e-6));
        assertThat(Stats.normalCdf(-1)).isCloseTo(0.158655, within(1e-6));
        assertThat(Stats.normalInverse(0.975)).isCloseTo(1.959964, within(1e-6));
        assertThat(Stats.normalInverse(0.001)).isCloseTo(-3.090232, within(1e-6));
        assertThat(Stats.normalInverse(0.5)).isCloseTo(0, within(1e-12));
        for (double p = 0.001; p < 1; p += 0.037) {
            assertThat(Stats.normalCdf(Stats.normalInverse(p))).isCloseTo(p, within(2e-7));
        }
    }

    @Test
    void momentsOfAKnownSample() {
        double[] x = {1, 2, 3, 4, 10};
        assertThat(Stats.mean(x)).isEqualTo(4.0);
        assertThat(Stats.sd(x)).isCloseTo(Math.sqrt(12.5), within(1e-12));
        assertThat(Stats.skewness(x)).isGreaterThan(1); // long right tail
        assertThat(Stats.kurtosis(new double[] {1, -1, 1, -1})).isCloseTo(1.0, within(1e-12));
        assertThat(Stats.sharpe(new double[] {1, 1, 1})).isZero();
    }

    @Test
    void probabilisticSharpeGrowsWithLengthAndFallsWithFatTails() {
        double shortRun = Stats.probabilisticSharpe(0.1, 0, 50, 0, 3);
        double longRun = Stats.probabilisticSharpe(0.1, 0, 500, 0, 3);
        assertThat(longRun).isGreaterThan(shortRun);
        // 0.1 per period over 500 periods, normal returns: z = 0.1 * sqrt(499) / sqrt(1 + 0.005) = 2.228
        assertThat(longRun).isCloseTo(Stats.normalCdf(2.2284), within(1e-4));
        assertThat(Stats.probabilisticSharpe(0.1, 0, 500, -1, 10)).isLessThan(longRun);
    }

    @Test
    void expectedMaximumOfLuckyTrialsGrowsWithTheirNumber() {
        assertThat(Stats.expectedMaxSharpe(1, 0.01)).isZero();
        double ten = Stats.expectedMaxSharpe(10, 0.01);
        double thousand = Stats.expectedMaxSharpe(1000, 0.01);
        assertThat(ten).isBetween(0.1, 0.2); // about 1.57 standard deviations for 10 draws
        assertThat(thousand).isGreaterThan(ten);
        // compare with simulation: the mean maximum of N standard normals times the sd
        SplittableRandom rnd = new SplittableRandom(7);
        double sum = 0;
        int reps = 20_000;
        for (int r = 0; r < reps; r++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < 10; i++) {
                double u1 = 1 - rnd.nextDouble();
                double u2 = rnd.nextDouble();
                max = Math.max(max, Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
            }
            sum += max;
        }
        assertThat(ten).isCloseTo(0.1 * sum / reps, within(0.01));
    }

    @Test
    void aFractionalNumberOfTrialsRunsFromNothingAtOneToTheTwoTrialValue() {
        // by hand: sqrt(1) x (1 - 0.5772) x Phi^-1(0.5) + 0.5772 x Phi^-1(1 - 1 / (2e)) = 0.5772 x 0.9005 = 0.5198
        double two = Stats.expectedMaxSharpe(2, 1);
        assertThat(two).isCloseTo(0.5198, within(0.0005));
        assertThat(Stats.expectedMaxSharpe(1.5, 1)).isCloseTo(two / 2, within(1e-12));
        assertThat(Stats.expectedMaxSharpe(1.0, 1)).isZero();
        assertThat(Stats.expectedMaxSharpe(2.5, 1)).isBetween(two, Stats.expectedMaxSharpe(3, 1));
    }

    @Test
    void samplingVarianceOfASharpeRatioIsTheProbabilisticSharpesOwn() {
        // by hand: (1 - 0 x 0.1 + (3 - 1) / 4 x 0.01) / (101 - 1) = 0.01005
        assertThat(Stats.sharpeSamplingVariance(0.1, 101, 0, 3)).isCloseTo(0.01005, within(1e-12));
        // (1 - (-1)(0.2) + (9 - 1) / 4 x 0.04) / 50 = 1.28 / 50 = 0.0256: negative skew and fat tails widen it
        assertThat(Stats.sharpeSamplingVariance(0.2, 51, -1, 9)).isCloseTo(0.0256, within(1e-12));
        // at a zero Sharpe only the length matters
        assertThat(Stats.sharpeSamplingVariance(0, 41, 2, 20)).isCloseTo(1.0 / 40, within(1e-15));
        assertThat(Stats.sharpeSamplingVariance(0.1, 1, 0, 3)).isNaN();
        // the PSR is the normal probability of the same variance: one standard error above the benchmark is 84%
        double se = Math.sqrt(Stats.sharpeSamplingVariance(0.1, 101, 0, 3));
        assertThat(Stats.probabilisticSharpe(0.1, 0.1 - se, 101, 0, 3)).isCloseTo(0.8413, within(0.0001));
    }

    @Test
    void effectiveTrialsFollowTheMeanCorrelation() {
        double[] x = {1, 2, 3, 4};
        double[] y = {1, 2, 3, 5};
        // by hand: deviations (-1.5, -0.5, 0.5, 1.5) and (-1.75, -0.75, 0.25, 2.25); cross products sum to 6.5,
        // squares to 5 and 8.75: r = 6.5 / sqrt(43.75) = 0.98271; ten trials count as 0.98271 + 0.01729 x 10
        Stats.EffectiveTrials e = Stats.effectiveTrials(new double[][] {x, y}, 10);
        assertThat(e.meanCorrelation()).isCloseTo(0.98271, within(0.00001));
        assertThat(e.trials()).isCloseTo(1.15565, within(0.0001));
        // uncorrelated streams are as many tries as there are trials; identical ones are one
        double[] a = {1, -1, 1, -1};
        double[] b = {1, 1, -1, -1};
        assertThat(Stats.effectiveTrials(new double[][] {a, b}, 2).trials()).isCloseTo(2, within(1e-12));
        assertThat(Stats.effectiveTrials(new double[][] {a, a, a}, 3).trials()).isCloseTo(1, within(1e-12));
        // a stream that does not vary carries no correlation and is left out
        double[] flat = {0, 0, 0, 0};
        assertThat(Stats.effectiveTrials(new double[][] {x, y, flat}, 10).trials())
                .isCloseTo(e.trials(), within(1e-12));
        // negative mean correlation counts as zero; an unknown one (one varying stream) keeps every trial
        assertThat(Stats.effectiveTrials(new double[][] {a, negate(a)}, 2).trials()).isEqualTo(2);
        assertThat(Stats.effectiveTrials(new double[][] {a, flat}, 7).trials()).isEqualTo(7);
        assertThat(Stats.effectiveTrials(new double[][] {a, flat}, 7).meanCorrelation()).isNaN();
    }

    @Test
    void effectiveTrialsOfManyStreamsUseAStridedSubsetAndStayDeterministic() {
        SplittableRandom rnd = new SplittableRandom(3);
        double[] common = new double[50];
        for (int p = 0; p < common.length; p++) {
            common[p] = rnd.nextDouble() - 0.5;
        }
        double[][] streams = new double[Stats.CORRELATION_SAMPLE * 2 + 1][50];
        for (double[] s : streams) {
            for (int p = 0; p < s.length; p++) {
                s[p] = common[p] + (rnd.nextDouble() - 0.5);
            }
        }
        Stats.EffectiveTrials e = Stats.effectiveTrials(streams, streams.length);
        // equal parts common and own noise: correlation about one half, so about half the trials count
        assertThat(e.meanCorrelation()).isBetween(0.35, 0.65);
        assertThat(e.trials()).isBetween(0.35 * streams.length, 0.65 * streams.length);
        assertThat(Stats.effectiveTrials(streams, streams.length)).isEqualTo(e);
    }

    @Test
    void spearmanRanksTiesAtTheirMeanRank() {
        assertThat(Stats.spearman(new double[] {1, 2, 3, 4}, new double[] {10, 20, 30, 400})).isCloseTo(1.0,
                within(1e-12));
        assertThat(Stats.spearman(new double[] {1, 2, 3, 4}, new double[] {4, 3, 2, 1})).isCloseTo(-1.0,
                within(1e-12));
        // by hand: ranks (1, 2.5, 2.5, 4) and (1, 3, 2, 4); deviations (-1.5, 0, 0, 1.5) and (-1.5, 0.5, -0.5, 1.5);
        // 4.5 / sqrt(4.5 x 5) = 0.94868
        assertThat(Stats.ranks(new double[] {1, 2, 2, 3})).containsExactly(1, 2.5, 2.5, 4);
        assertThat(Stats.spearman(new double[] {1, 2, 2, 3}, new double[] {1, 3, 2, 4})).isCloseTo(0.94868,
                within(0.00001));
        assertThat(Stats.spearman(new double[] {1, 1}, new double[] {1, 2})).isNaN();
        assertThat(Stats.spearman(new double[] {1}, new double[] {1})).isNaN();
    }

    @Test
    void varianceShareIsTheCorrelationRatioOfEachGrouping() {
        // a 2 x 2 grid scored 1, 2 / 3, 4: mean 2.5, total sum of squares 5; grouped by the first parameter the means
        // are 1.5 and 3.5 (2 x 1 + 2 x 1 = 4 between: 0.8), by the second 2 and 3 (4 x 0.25 = 1: 0.2)
        double[] y = {1, 2, 3, 4};
        assertThat(Stats.varianceShare(new int[] {0, 0, 1, 1}, y)).isCloseTo(0.8, within(1e-12));
        assertThat(Stats.varianceShare(new int[] {0, 1, 0, 1}, y)).isCloseTo(0.2, within(1e-12));
        assertThat(Stats.varianceShare(new int[] {0, 1, 2, 3}, y)).as("every point its own group").isEqualTo(1.0);
        assertThat(Stats.varianceShare(new int[] {0, 0, 0, 0}, y)).isZero();
        assertThat(Stats.varianceShare(new int[] {0, 1}, new double[] {2, 2})).isNaN();
    }

    @Test
    void annualisedReturnCompoundsTheDays() {
        // by hand: 73 days of +0.1% grow by 1.001^73; a year is five such stretches: 1.001^365 - 1 = 0.44025
        double[] d = new double[73];
        java.util.Arrays.fill(d, 0.001);
        assertThat(Stats.annualisedReturn(d)).isCloseTo(0.44025, within(0.00001));
        assertThat(Stats.annualisedReturn(new double[] {0.1, -0.1})).as("1.1 x 0.9 = 0.99 over two days")
                .isCloseTo(Math.pow(0.99, 365 / 2.0) - 1, within(1e-12));
        assertThat(Stats.annualisedReturn(new double[0])).isNaN();
        assertThat(Stats.annualisedReturn(new double[] {-1})).isNaN();
    }

    private static double[] negate(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = -v[i];
        }
        return out;
    }

    @Test
    void pboIsAboutOneHalfWhenTrialsAreNoiseAndLowWhenOneTrialIsTrulyBetter() {
        int trials = 20;
        int days = 160;
        double luckSum = 0;
        int matrices = 6;
        for (int seed = 0; seed < matrices; seed++) {
            SplittableRandom rnd = new SplittableRandom(seed);
            double[][] noise = new double[trials][days];
            double[][] skill = new double[trials][days];
            for (int i = 0; i < trials; i++) {
                for (int t = 0; t < days; t++) {
                    double e = rnd.nextDouble() - 0.5;
                    noise[i][t] = e;
                    skill[i][t] = e + (i == 3 ? 0.25 : 0);
                }
            }
            Stats.Pbo luck = Stats.pbo(noise, 16);
            assertThat(luck.splits()).isEqualTo(12_870);
            luckSum += luck.probability();
            assertThat(Stats.pbo(skill, 16).probability()).isLessThan(0.05);
        }
        // the best-in-sample noise trial lands below the out-of-sample median about half the time
        assertThat(luckSum / matrices).isBetween(0.35, 0.65);
        assertThat(Stats.pbo(new double[][] {{1, 2, 3}}, 16)).isNull();
        assertThat(Stats.pbo(new double[][] {{1, 2}, {3, 4}}, 16)).isNull(); // too few periods for 4 blocks
    }

    @Test
    void blockBootstrapCoversTheMeanAndIsSeeded() {
        SplittableRandom rnd = new SplittableRandom(5);
        double[] x = new double[400];
        for (int i = 0; i < x.length; i++) {
            x[i] = 0.1 + rnd.nextDouble() - 0.5;
        }
        Stats.Interval a = Stats.blockBootstrap(x, Stats::mean, 7, 1000, 0.95, 42);
        Stats.Interval b = Stats.blockBootstrap(x, Stats::mean, 7, 1000, 0.95, 42);
        assertThat(a).isEqualTo(b);
        assertThat(a.low()).isLessThan(Stats.mean(x)).isGreaterThan(0.05);
        assertThat(a.high()).isGreaterThan(Stats.mean(x)).isLessThan(0.15);
        assertThat(Stats.blockBootstrap(new double[] {1}, Stats::mean, 1, 10, 0.95, 1)).isNull();
    }
}
