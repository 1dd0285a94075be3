package dev.hft.research;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hft.engine.strategy.StrategyRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptimizerTest {
    private static final Dataset DATA = Fixtures.randomWalk(4, 20, 0.05, "BTCUSDT", "ETHUSDT");

    @TempDir
    Path dir;

    private static Map<String, String> space(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static SearchSpec spec(Sampler sampler, int trials, int threads) {
        ParamSpace space = ParamSpace.parse(StrategyRegistry.get("sma-cross"),
                space("fast", "5:40:5", "slow", "30,60,120,240"));
        return new SearchSpec(Fixtures.costFree("sma-cross"), space, sampler, trials, Objective.SHARPE,
                new Constraints(3, 100), 9, threads);
    }

    /** Everything a trial reports, as text (arrays included), to compare runs. */
    private static List<String> figures(OptimizationResult r) {
        List<String> out = new ArrayList<>();
        for (TrialResult t : r.trials()) {
            out.add(t.id() + " " + t.point() + " " + t.params() + " " + t.status() + " " + t.note() + " "
                    + t.trades() + " " + t.returnPct() + " " + t.sharpe() + " " + t.score() + " " + t.bars() + " "
                    + java.util.Arrays.toString(t.daily()));
        }
        return out;
    }

    @Test
    void spaceParsesRangesAndListsAndNumbersPointsLastDimensionFastest() {
        ParamSpace s = ParamSpace.parse(StrategyRegistry.get("liquidation-hunter"),
                space("takeProfit", "0.01:0.03:0.01", "rangeBars", "30,60"));
        assertThat(s.size()).isEqualTo(6);
        assertThat(s.point(0)).containsExactly(Map.entry("takeProfit", "0.01"), Map.entry("rangeBars", "30"));
        assertThat(s.point(1)).containsExactly(Map.entry("takeProfit", "0.01"), Map.entry("rangeBars", "60"));
        assertThat(s.point(5)).containsExactly(Map.entry("takeProfit", "0.03"), Map.entry("rangeBars", "60"));
        assertThat(s.describe()).isEqualTo("liquidation-hunter takeProfit=0.01,0.02,0.03 rangeBars=30,60");
        assertThatThrownBy(() -> s.point(6)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void badSpacesAreRefusedWithTheParameterAndValue() {
        var f = StrategyRegistry.get("sma-cross");
        assertThatThrownBy(() -> ParamSpace.parse(f, space("fats", "1,2"))).hasMessageContaining("no parameter 'fats'")
                .hasMessageContaining("known: fast, slow");
        assertThatThrownBy(() -> ParamSpace.parse(f, space("fast", "1.5,2"))).hasMessageContaining("'fast'")
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> ParamSpace.parse(f, space("fast", "0:10:1"))).hasMessageContaining("outside");
        assertThatThrownBy(() -> ParamSpace.parse(f, space("fast", "5:1:1"))).hasMessageContaining("below 'from'");
        assertThatThrownBy(() -> ParamSpace.parse(f, space("fast", "1:10:0"))).hasMessageContaining("positive");
        assertThatThrownBy(() -> ParamSpace.parse(f, space("fast", "1:10"))).hasMessageContaining("from:to:step");
        assertThatThrownBy(() -> ParamSpace.parse(f, space("fast", "a,b"))).hasMessageContaining("'a,b'");
        assertThatThrownBy(() -> ParamSpace.parse(f, space("slow", "2:1000000:1")))
                .hasMessageContaining("expands to");
        assertThatThrownBy(() -> ParamSpace.parse(f, Map.of())).hasMessageContaining("empty");
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        OptimizationResult one = Optimizer.run(spec(Sampler.GRID, 0, 1), DATA, null, null);
        OptimizationResult two = Optimizer.run(spec(Sampler.GRID, 0, 2), DATA, null, null);
        assertThat(figures(two)).isEqualTo(figures(one));
        assertThat(one.trials()).hasSize(32);
        assertThat(one.best()).isNotNull();
        assertThat(one.best().score()).isEqualTo(one.trials().stream().filter(TrialResult::ok)
                .mapToDouble(TrialResult::score).max().orElseThrow());
        assertThat(one.trials().stream().filter(t -> t.status().equals(TrialResult.INVALID)).count())
                .isEqualTo(3); // fast 30, 35, 40 against slow 30
        assertThat(one.barsThisRun()).isEqualTo(29L * DATA.bars());
    }

    @Test
    void invalidAndInfeasibleTrialsAreKeptWithTheirReason() {
        ParamSpace space = ParamSpace.parse(StrategyRegistry.get("sma-cross"), space("fast", "50", "slow", "30,60"));
        var s = new SearchSpec(Fixtures.costFree("sma-cross"), space, Sampler.GRID, 0, Objective.SHARPE,
                new Constraints(100_000, 100), 1, 1);
        OptimizationResult r = Optimizer.run(s, DATA, null, null);
        assertThat(r.trials().get(0).status()).isEqualTo(TrialResult.INVALID);
        assertThat(r.trials().get(0).note()).contains("fast (50) must be below slow (30)");
        assertThat(r.trials().get(1).status()).isEqualTo(TrialResult.INFEASIBLE);
        assertThat(r.trials().get(1).note()).startsWith("trades ").endsWith("< 100000");
        assertThat(r.best()).isNull();
        assertThat(r.significance().significant()).isFalse();
        assertThat(r.significance().verdict()).contains("no trial met the constraints");
    }

    @Test
    void randomSamplingDrawsDistinctPointsFromTheSeed() {
        List<Long> a = Optimizer.sample(spec(Sampler.RANDOM, 10, 1));
        assertThat(a).hasSize(10).doesNotHaveDuplicates().allMatch(p -> p >= 0 && p < 32);
        assertThat(Optimizer.sample(spec(Sampler.RANDOM, 10, 1))).isEqualTo(a);
        var other = new SearchSpec(Fixtures.costFree("sma-cross"), spec(Sampler.RANDOM, 10, 1).space(),
                Sampler.RANDOM, 10, Objective.SHARPE, Constraints.DEFAULT, 10, 1);
        assertThat(Optimizer.sample(other)).isNotEqualTo(a);
        assertThat(Optimizer.sample(spec(Sampler.RANDOM, 100, 1))).hasSize(32); // more than the grid: the grid
    }

    @Test
    void successiveHalvingRunsTheBestThirdOnThreeTimesMoreData() {
        long day = 86_400_000L;
        assertThat(Optimizer.budgets(Sampler.HALVING, 27, 200 * day)).containsExactly(1 / 27.0, 1 / 9.0, 1 / 3.0, 1.0);
        assertThat(Optimizer.budgets(Sampler.HALVING, 27, 50 * day)).containsExactly(1 / 9.0, 1 / 3.0, 1.0);
        assertThat(Optimizer.budgets(Sampler.HALVING, 9, 200 * day)).containsExactly(1 / 9.0, 1 / 3.0, 1.0);
        assertThat(Optimizer.budgets(Sampler.HALVING, 2, 200 * day)).containsExactly(1.0);
        assertThat(Optimizer.budgets(Sampler.HALVING, 27, 4 * day)).containsExactly(1.0);
        assertThat(Optimizer.budgets(Sampler.GRID, 100, 200 * day)).containsExactly(1.0);
        Dataset fifty = Fixtures.randomWalk(4, 50, 0.05, "BTCUSDT");
        OptimizationResult r = Optimizer.run(spec(Sampler.HALVING, 27, 2), fifty, null, null);
        List<TrialResult> first = r.trials().stream().filter(t -> t.rung() == 0).toList();
        List<TrialResult> last = r.fullRuns();
        assertThat(first).hasSize(27);
        assertThat(r.trials().stream().filter(t -> t.rung() == 1).count()).isEqualTo(9);
        assertThat(last).hasSize(3);
        assertThat(first.get(0).bars()).isLessThan(last.get(0).bars());
        // every survivor of a rung was among the best of the rung before
        for (TrialResult t : last) {
            TrialResult atRung0 = first.stream().filter(f -> f.point() == t.point()).findFirst().orElseThrow();
            long better = first.stream().filter(f -> f.ok() && f.score() > atRung0.score()).count();
            assertThat(better).isLessThan(9);
            assertThat(t.budget()).isEqualTo(1.0);
        }
        assertThat(r.sampled()).isEqualTo(27);
        assertThat(r.significance().trials()).isEqualTo(27); // N counts every point looked at
    }

    @Test
    void anInterruptedOptimizationResumesToTheSameResult() throws Exception {
        SearchSpec spec = spec(Sampler.GRID, 0, 2);
        OptimizationResult fresh = Optimizer.run(spec, DATA, null, null);
        Path file = dir.resolve("ckpt.jsonl");
        String fp = Optimizer.fingerprint(spec, DATA);
        try (TrialStore store = TrialStore.open(file, fp)) {
            Optimizer.run(spec, DATA, store, null);
        }
        // keep the header and 12 trials, and tear the 13th as a crash mid-write would
        List<String> lines = Files.readAllLines(file);
        String torn = lines.get(13).substring(0, lines.get(13).length() / 2);
        Files.writeString(file, String.join("\n", lines.subList(0, 13)) + "\n" + torn, StandardCharsets.UTF_8);
        OptimizationResult resumed;
        try (TrialStore store = TrialStore.open(file, fp)) {
            assertThat(store.completedCount()).isEqualTo(12);
            resumed = Optimizer.run(spec, DATA, store, null);
        }
        assertThat(resumed.resumed()).isEqualTo(12);
        assertThat(figures(resumed)).isEqualTo(figures(fresh));
        assertThat(resumed.barsThisRun()).isEqualTo(resumed.trials().stream().filter(t -> t.id() >= 12)
                .mapToLong(TrialResult::bars).sum());
        assertThat(Files.readAllLines(file)).hasSize(33);
        assertThat(new HashSet<>(Files.readAllLines(file).subList(1, 33))).hasSize(32);

        assertThatThrownBy(() -> TrialStore.open(file, Optimizer.fingerprint(spec(Sampler.RANDOM, 5, 1), DATA)))
                .hasMessageContaining("different optimization");
        Files.writeString(file, Files.readAllLines(file).get(0) + "\n{broken\n" + lines.get(1) + "\n");
        assertThatThrownBy(() -> TrialStore.open(file, fp)).hasMessageContaining("ckpt.jsonl:2");
    }

    @Test
    void fingerprintChangesWithTheDataAndTheSettings() {
        SearchSpec s = spec(Sampler.GRID, 0, 1);
        String fp = Optimizer.fingerprint(s, DATA);
        assertThat(Optimizer.fingerprint(spec(Sampler.GRID, 0, 2), DATA)).isEqualTo(fp); // threads do not matter
        assertThat(Optimizer.fingerprint(s, DATA.prefix(0.5))).isNotEqualTo(fp);
        assertThat(Optimizer.fingerprint(spec(Sampler.RANDOM, 5, 1), DATA)).isNotEqualTo(fp);
    }

    /** The liquidation hunter on one symbol, loose enough to trade, with halving (prefix rungs) or a grid. */
    private static SearchSpec hunterSpec(Sampler sampler, Evaluator evaluator) {
        ParamSpace space = ParamSpace.parse(StrategyRegistry.get("liquidation-hunter"),
                space("extreme", "0.1,0.2", "volumeSpike", "0.8,1.2,1.6", "takeProfit", "0.004,0.008",
                        "minConfidence", "0.3,0.6"));
        return new SearchSpec(FastEvaluatorTest.config(dev.hft.sim.FillModel.NEXT_OPEN, null,
                dev.hft.sim.IntrabarPolicy.STOP_FIRST, 0, dev.hft.engine.risk.RiskLimits.DEFAULT,
                dev.hft.engine.sanitizer.SanitizerConfig.DEFAULT, 0.1), space, sampler, 24, Objective.RETURN,
                new Constraints(1, 100), 3, 2, evaluator);
    }

    @Test
    void theFastEvaluatorGivesTheEnginesTrialsOnGridAndHalving() {
        Dataset one = Fixtures.randomWalk(6, 30, 0.05, "BTCUSDT");
        for (Sampler sampler : List.of(Sampler.GRID, Sampler.HALVING)) {
            OptimizationResult fast = Optimizer.run(hunterSpec(sampler, Evaluator.AUTO), one, null, null);
            OptimizationResult engine = Optimizer.run(hunterSpec(sampler, Evaluator.ENGINE), one, null, null);
            assertThat(fast.evaluator()).isEqualTo(Evaluator.AUTO.label());
            assertThat(engine.evaluator()).isEqualTo(Evaluator.ENGINE.label());
            assertThat(figures(fast)).isEqualTo(figures(engine));
            assertThat(fast.trials()).anyMatch(t -> t.trades() > 0);
        }
        // two symbols: the same
        OptimizationResult two = Optimizer.run(hunterSpec(Sampler.GRID, Evaluator.AUTO), DATA, null, null);
        assertThat(two.evaluator()).isEqualTo(Evaluator.AUTO.label());
        assertThat(figures(two)).isEqualTo(figures(Optimizer.run(hunterSpec(Sampler.GRID, Evaluator.ENGINE), DATA,
                null, null)));
        // another strategy: the engine runs every trial, whatever was asked
        OptimizationResult sma = Optimizer.run(spec(Sampler.GRID, 0, 2), DATA, null, null);
        assertThat(sma.evaluator()).isEqualTo(Evaluator.ENGINE.label());
    }

    @Test
    void aBestTrialTheEngineDoesNotConfirmIsRefused() {
        Dataset one = Fixtures.randomWalk(6, 30, 0.05, "BTCUSDT");
        SearchSpec spec = hunterSpec(Sampler.GRID, Evaluator.AUTO);
        OptimizationResult r = Optimizer.run(spec, one, null, null);
        TrialResult best = r.best();
        Optimizer.verify(spec, one, best); // the real one passes
        TrialResult doctored = new TrialResult(best.id(), best.rung(), best.budget(), best.point(), best.params(),
                best.status(), best.note(), best.trades(), best.winRatePct(), best.returnPct() + 0.01, best.sharpe(),
                best.profitFactor(), best.maxDrawdownPct(), best.bars(), best.score(), best.daily());
        assertThatThrownBy(() -> Optimizer.verify(spec, one, doctored)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("disagree").hasMessageContaining("--evaluator engine");
        assertThat(Evaluator.parse(" Engine ")).isEqualTo(Evaluator.ENGINE);
        assertThatThrownBy(() -> Evaluator.parse("turbo")).hasMessageContaining("expected auto or engine");
    }
}
