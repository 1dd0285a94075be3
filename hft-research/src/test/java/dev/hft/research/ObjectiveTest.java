package dev.hft.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hft.backtest.RunResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectiveTest {
    private static TrialResult trial(int trades, double winRate, double ret, Double sharpe, Double pf, double dd) {
        return new TrialResult(0, 0, 1, 0, Map.of(), TrialResult.OK, "", trades, winRate, ret, sharpe, pf, dd, 100,
                null, new double[0]);
    }

    @Test
    void everyObjectiveScoresFromTheTrialAloneAndIsUndefinedWithoutTrades() {
        TrialResult t = trial(20, 55, 12, 1.5, 1.8, 4);
        assertThat(Objective.SHARPE.score(t)).isEqualTo(1.5);
        assertThat(Objective.PROFIT_FACTOR.score(t)).isEqualTo(1.8);
        assertThat(Objective.RETURN.score(t)).isEqualTo(12);
        assertThat(Objective.RETURN_OVER_DRAWDOWN.score(t)).isEqualTo(3);
        assertThat(Objective.WIN_RATE.score(t)).isEqualTo(55);
        assertThat(Objective.PROFIT_FACTOR.score(trial(3, 100, 1, 1.0, null, 0))).isEqualTo(100);
        assertThat(Objective.RETURN_OVER_DRAWDOWN.score(trial(3, 100, 1, 1.0, null, 0))).isEqualTo(100);
        TrialResult none = trial(0, 0, 0, null, null, 0);
        assertThat(Objective.SHARPE.score(none)).isNaN();
        assertThat(Objective.PROFIT_FACTOR.score(none)).isNaN();
        assertThat(Objective.WIN_RATE.score(none)).isNaN();
    }

    @Test
    void namesParseAndBadOnesListTheKnown() {
        assertThat(Objective.parse("return-over-drawdown")).isEqualTo(Objective.RETURN_OVER_DRAWDOWN);
        assertThat(Objective.parse("PROFIT_FACTOR")).isEqualTo(Objective.PROFIT_FACTOR);
        assertThat(Objective.SHARPE).hasToString("sharpe");
        assertThatThrownBy(() -> Objective.parse("alpha")).hasMessageContaining("known: sharpe, profit-factor");
        assertThat(Sampler.parse("Halving")).isEqualTo(Sampler.HALVING);
        assertThatThrownBy(() -> Sampler.parse("bayes")).hasMessageContaining("grid, random, halving");
    }

    @Test
    void constraintsSayWhyATrialDoesNotCount() {
        Constraints c = new Constraints(10, 20);
        assertThat(c.violation(trial(20, 50, 5, 1.0, 1.2, 10))).isNull();
        assertThat(c.violation(trial(9, 50, 5, 1.0, 1.2, 10))).isEqualTo("trades 9 < 10");
        assertThat(c.violation(trial(20, 50, 5, 1.0, 1.2, 25))).isEqualTo("drawdown 25.00% > 20.00%");
        assertThatThrownBy(() -> new Constraints(-1, 20)).hasMessageContaining("min trades");
        assertThatThrownBy(() -> new Constraints(1, 0)).hasMessageContaining("max drawdown");
        assertThatThrownBy(() -> new SearchSpec(Fixtures.costFree("sma-cross"), Fixtures.smaSpace(),
                Sampler.RANDOM, 0, Objective.SHARPE, c, 1, 1)).hasMessageContaining("trials must be positive");
        assertThatThrownBy(() -> new SearchSpec(Fixtures.costFree("sma-cross"), Fixtures.smaSpace(),
                Sampler.GRID, 0, Objective.SHARPE, c, 1, 0)).hasMessageContaining("threads");
    }

    @Test
    void holdoutRefusesFractionsAndGapsThatLeaveNothing() {
        Dataset d = Fixtures.randomWalk(1, 3, 0, "BTCUSDT");
        var spec = new SearchSpec(Fixtures.costFree("sma-cross"), Fixtures.smaSpace(), Sampler.GRID, 0,
                Objective.SHARPE, Constraints.DEFAULT, 1, 1);
        assertThatThrownBy(() -> Holdout.run(spec, d, 1.0, 0, null, null)).hasMessageContaining("(0, 1)");
        assertThatThrownBy(() -> Holdout.run(spec, d, 0.5, -1, null, null)).hasMessageContaining("purge");
        assertThatThrownBy(() -> Holdout.inSample(d, 0.5, 2 * 86_400_000L)).hasMessageContaining("no in-sample");
        assertThat(Holdout.splitMs(d, 0.5)).isEqualTo(d.startMs() + 36 * 3_600_000L);
    }

    @Test
    void confidenceIntervalsBracketTheRunsOwnFigures() {
        Dataset d = Fixtures.randomWalk(2, 40, 0.05, "BTCUSDT");
        RunResult r = dev.hft.backtest.BacktestRunner.run(Optimizer.withParams(Fixtures.costFree("sma-cross"),
                Map.of("fast", "10", "slow", "240")), d.instruments(), d.series(), "ci");
        var m = dev.hft.backtest.report.Metrics.of(r);
        Map<String, List<Double>> ci = Confidence.of(r, 7);
        assertThat(ci.get("sharpe").get(0)).isLessThan(m.sharpe);
        assertThat(ci.get("sharpe").get(1)).isGreaterThan(m.sharpe);
        assertThat(ci.get("winRatePct").get(0)).isLessThan(m.winRatePct);
        assertThat(ci.get("winRatePct").get(1)).isGreaterThan(m.winRatePct);
        assertThat(ci.get("profitFactor").get(0)).isLessThan(m.profitFactor);
        assertThat(Confidence.of(r, 7)).isEqualTo(ci);
    }
}
