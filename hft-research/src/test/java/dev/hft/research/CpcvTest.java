package dev.hft.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CpcvTest {
    @Test
    void pathAndSplitCountsAreBinomials() {
        // by hand: C(6, 2) = 15 splits; each group is tested in C(5, 1) = 5 of them, so 5 complete paths
        assertThat(Cpcv.splitCount(6, 2)).isEqualTo(15);
        assertThat(Cpcv.pathCount(6, 2)).isEqualTo(5);
        assertThat(Cpcv.splitCount(10, 3)).isEqualTo(120);
        assertThat(Cpcv.pathCount(10, 3)).isEqualTo(36);
        assertThat(Cpcv.pathCount(5, 1)).as("one test group: k-fold, one path").isEqualTo(1);
        assertThat(Cpcv.splitCount(16, 8)).isEqualTo(12_870);
        assertThat(Cpcv.combinations(4, 2)).containsExactly(new int[] {0, 1}, new int[] {0, 2}, new int[] {0, 3},
                new int[] {1, 2}, new int[] {1, 3}, new int[] {2, 3});
    }

    @Test
    void groupsAreContiguousAndCoverEveryDay() {
        assertThat(Cpcv.groupStarts(10, 3)).containsExactly(0, 3, 6, 10);
        assertThat(Cpcv.groupStarts(12, 4)).containsExactly(0, 3, 6, 9, 12);
    }

    @Test
    void purgeAndEmbargoDropTrainingDaysBesideEachTestGroup() {
        // 12 days in 4 groups of 3; group 1 (days 3-5) tested; purge 1 drops day 2, embargo 2 drops days 6 and 7
        boolean[] train = Cpcv.trainDays(12, 4, new int[] {1}, 1, 2);
        assertThat(train).containsExactly(true, true, false, false, false, false, false, false, true, true, true,
                true);
        // the last group has nothing after it to embargo; the first nothing before it to purge
        assertThat(Cpcv.trainDays(12, 4, new int[] {0, 3}, 1, 1)).containsExactly(false, false, false, false, true,
                true, true, true, false, false, false, false);
    }

    @Test
    void everySplitChoosesByItsTrainingDaysAndThePathsAreMadeOfTestDays() {
        // trial g earns 1, 2 a day except on group g, where it loses 1, 2: testing group g, the other groups train,
        // and trial g (perfect on them) is chosen, so the one path is made of each trial's bad group
        double[][] r = new double[3][];
        for (int g = 0; g < 3; g++) {
            r[g] = new double[] {1, 2, 1, 2, 1, 2};
            r[g][2 * g] = -1;
            r[g][2 * g + 1] = -2;
        }
        Cpcv c = Cpcv.run(r, 3, 1, 0, 0);
        assertThat(c.splits()).isEqualTo(3);
        assertThat(c.paths()).isEqualTo(1);
        assertThat(c.chosen()).containsExactly(0, 1, 2);
        // the path is -1, -2 three times: sum -9; Sharpe -1.5 / sd(-1, -2, -1, -2, -1, -2) = -1.5 / 0.5477
        assertThat(c.pathReturns()[0]).isEqualTo(-9);
        assertThat(c.pathSharpes()[0]).isCloseTo(-2.7386, within(0.0001));
        assertThat(c.shareProfitable()).isZero();

        // two test groups out of three: 3 splits, 2 paths; testing {0, 1} trains on group 2, where trials 0 and 1
        // tie (ties go to the lower index)
        Cpcv two = Cpcv.run(r, 3, 2, 0, 0);
        assertThat(two.paths()).isEqualTo(2);
        assertThat(two.chosen()).containsExactly(0, 0, 1);
    }

    @Test
    void aTrialThatOnlyShinesBesideTheTestGroupIsNotChosenOncePurged() {
        // 12 days, 4 groups of 3, one test group at a time. "steady" alternates 0.1 and -0.08; "leaky" is flat but
        // for one day of 10 just before group 1. Testing group 1 with no purge, that day trains and leaky wins;
        // purged, it is gone and steady wins.
        double[] steady = new double[12];
        for (int p = 0; p < 12; p++) {
            steady[p] = p % 2 == 0 ? 0.1 : -0.08;
        }
        double[] leaky = new double[12];
        leaky[2] = 10;
        double[][] r = {steady, leaky};
        assertThat(Cpcv.run(r, 4, 1, 0, 0).chosen()[1]).isEqualTo(1);
        assertThat(Cpcv.run(r, 4, 1, 1, 0).chosen()[1]).isEqualTo(0);
        // the same after the test group: the embargo removes it
        double[] after = new double[12];
        after[6] = 10;
        double[][] r2 = {steady, after};
        assertThat(Cpcv.run(r2, 4, 1, 0, 0).chosen()[1]).isEqualTo(1);
        assertThat(Cpcv.run(r2, 4, 1, 0, 1).chosen()[1]).isEqualTo(0);
    }

    @Test
    void badCountsSayWhatIsWrong() {
        assertThat(Cpcv.check(100, 1, 1, 0, 0)).contains("groups must be in [2, 16], got 1");
        assertThat(Cpcv.check(100, 6, 6, 0, 0)).contains("test groups must be in [1, 5], got 6");
        assertThat(Cpcv.check(100, 6, 2, -1, 0)).contains("purge and embargo must be >= 0");
        assertThat(Cpcv.check(10, 6, 2, 0, 0)).contains("10 days for 6 groups");
        assertThat(Cpcv.check(100, 6, 2, 1, 1)).isNull();
        double[][] r = {new double[12], new double[12]};
        assertThatThrownBy(() -> Cpcv.run(r, 6, 5, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fewer than 2 training days");
    }

    @Test
    void onAnOptimizationItUsesTheComparableWholePeriodTrials() {
        OptimizationResult o = Optimizer.run(new SearchSpec(Fixtures.costFree("sma-cross"), Fixtures.smaSpace(),
                Sampler.GRID, 0, Objective.SHARPE, new Constraints(5, 100), 1, 2),
                Fixtures.randomWalk(5, 40, 0.10, "BTCUSDT"), null, null);
        Cpcv c = Cpcv.of(o, 6, 2, 1, 1);
        assertThat(c.splits()).isEqualTo(15);
        assertThat(c.paths()).isEqualTo(5);
        assertThat(java.util.Arrays.stream(c.pathSharpes()).allMatch(Double::isFinite)).isTrue();
        assertThat(java.util.Arrays.stream(c.chosen()).allMatch(i -> i >= 0 && i < o.fullRuns().size())).isTrue();
        // a planted trend that every point rides: most paths make money out of sample
        assertThat(c.shareProfitable()).isGreaterThanOrEqualTo(0.8);
        assertThat(Cpcv.of(o, 6, 2, 1, 1)).usingRecursiveComparison().isEqualTo(c);
    }
}
