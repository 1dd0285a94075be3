package dev.hft.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hft.backtest.RunResult;
import dev.hft.engine.TradeRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class WalkForwardTest {
    private static final long DAY = 86_400_000L;

    @Test
    void rollingAndAnchoredWindowsLeaveThePurgeGapAndStayInsideTheData() {
        List<WalkForward.Window> rolling = WalkForward.windows(0, 100 * DAY, 30 * DAY, 10 * DAY, DAY, false);
        assertThat(rolling).hasSize(6); // test windows end at 41, 51, ..., 91 days
        for (WalkForward.Window w : rolling) {
            assertThat(w.trainToMs() - w.trainFromMs()).isEqualTo(30 * DAY);
            assertThat(w.testFromMs() - w.trainToMs()).isEqualTo(DAY);
            assertThat(w.testToMs()).isLessThanOrEqualTo(100 * DAY);
        }
        assertThat(rolling.get(1).trainFromMs()).isEqualTo(10 * DAY);
        assertThat(rolling.get(1).testFromMs()).isEqualTo(rolling.get(0).testToMs() - DAY + DAY);
        List<WalkForward.Window> anchored = WalkForward.windows(0, 100 * DAY, 30 * DAY, 10 * DAY, 0, true);
        assertThat(anchored).allMatch(w -> w.trainFromMs() == 0);
        assertThat(anchored.get(3).trainToMs()).isEqualTo(60 * DAY);
        assertThatThrownBy(() -> WalkForward.windows(0, 20 * DAY, 30 * DAY, 10 * DAY, 0, false))
                .hasMessageContaining("too short");
    }

    @Test
    void testWindowsAreStitchedIntoOneOutOfSampleRunWithContinuousCapital() {
        Dataset d = Fixtures.randomWalk(2, 60, 0.05, "BTCUSDT");
        var space = ParamSpace.parse(dev.hft.engine.strategy.StrategyRegistry.get("sma-cross"),
                java.util.Map.of("fast", "5,20", "slow", "120,480"));
        var spec = new SearchSpec(Fixtures.costFree("sma-cross"), space, Sampler.GRID, 0, Objective.SHARPE,
                new Constraints(3, 100), 1, 2);
        List<WalkForward.Window> windows = WalkForward.windows(d.startMs(), d.endMs(), 20 * DAY, 10 * DAY, DAY,
                false);
        WalkForward.Result r = WalkForward.run(spec, d, windows, null);
        assertThat(r.windows()).hasSize(3);
        assertThat(r.trials()).isEqualTo(12);
        long capital = spec.base().engine().initialCapital();
        for (WalkForward.WindowResult w : r.windows()) {
            RunResult t = w.test();
            assertThat(t).isNotNull();
            assertThat(t.initialCapital()).isEqualTo(capital);
            capital = t.finalCapital();
            // every trade of a test window lies inside it: nothing from training leaks in, nothing runs past it
            for (TradeRecord tr : t.trades()) {
                assertThat(tr.entryTimeMs()).isGreaterThanOrEqualTo(w.window().testFromMs());
                assertThat(tr.exitTimeMs()).isLessThan(w.window().testToMs());
            }
        }
        RunResult s = r.stitched();
        assertThat(s.finalCapital()).isEqualTo(capital);
        assertThat(s.trades()).hasSize(r.windows().stream().mapToInt(w -> w.test().trades().size()).sum());
        long[] times = s.equityTimeMs();
        for (int i = 1; i < times.length; i++) {
            assertThat(times[i]).isGreaterThan(times[i - 1]);
        }
        assertThat(times[0]).isGreaterThanOrEqualTo(windows.get(0).testFromMs());
    }

    @Test
    void aTestWindowIsDecidedByTrainingDataAloneNotByWhatComesAfter() {
        Dataset full = Fixtures.randomWalk(3, 60, 0.05, "BTCUSDT");
        var space = ParamSpace.parse(dev.hft.engine.strategy.StrategyRegistry.get("sma-cross"),
                java.util.Map.of("fast", "5,20", "slow", "120,480"));
        var spec = new SearchSpec(Fixtures.costFree("sma-cross"), space, Sampler.GRID, 0, Objective.SHARPE,
                new Constraints(3, 100), 1, 2);
        List<WalkForward.Window> windows = WalkForward.windows(full.startMs(), full.endMs(), 20 * DAY, 10 * DAY, 0,
                false);
        WalkForward.Window first = windows.get(0);
        // the same first window on data cut right after its test window
        Dataset cut = full.slice(full.startMs(), first.testToMs());
        WalkForward.Result a = WalkForward.run(spec, full, windows.subList(0, 1), null);
        WalkForward.Result b = WalkForward.run(spec, cut, List.of(first), null);
        assertThat(b.windows().get(0).optimization().best().params())
                .isEqualTo(a.windows().get(0).optimization().best().params());
        assertThat(b.stitched().finalCapital()).isEqualTo(a.stitched().finalCapital());
    }
}
