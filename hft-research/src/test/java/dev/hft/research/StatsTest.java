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
