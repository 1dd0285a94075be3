package dev.hft.bench;

import dev.hft.backtest.RunSpec;
import dev.hft.backtest.synth.SymbolProfile;
import dev.hft.backtest.synth.SyntheticGenerator;
import dev.hft.core.Fixed;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.strategy.StrategyRegistry;
import dev.hft.research.Constraints;
import dev.hft.research.Dataset;
import dev.hft.research.Evaluator;
import dev.hft.research.Objective;
import dev.hft.research.OptimizationResult;
import dev.hft.research.Optimizer;
import dev.hft.research.SearchSpec;
import dev.hft.research.ParamSpace;
import dev.hft.research.Sampler;
import dev.hft.sim.FillModel;
import dev.hft.sim.IntrabarPolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The optimizer over all cores: one whole {@link Optimizer#run} per operation (the shared preparation, every trial
 * on the worker pool, and the re-run of the best trial with the full engine), on one year of synthetic 1-minute
 * BTCUSDT bars (525,600 per trial). Bar-evaluations per second = points x 525,600 / (seconds per operation).
 * <ul>
 *   <li>{@code fastEvaluator}: 64 or 256 points ({@code points}: takeProfit x stopLoss x extreme, x volumeSpike for
 *       256), evaluator auto. The preparation and the engine's re-run of the best trial cost the same for any
 *       number of points, so the figure grows with the search;</li>
 *   <li>{@code engine}: 8 of those points, every trial through the full engine (the same figures, as
 *       {@code FastEvaluatorTest} and the optimizer's own check hold).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 6)
@Measurement(iterations = 8)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class OptimizerBenchmark {
    /** Bars in each trial. */
    public static final int BARS = 365 * 1440;

    @Param({"64", "256"})
    public int points;

    private Dataset data;
    private SearchSpec fast;
    private SearchSpec engine;

    @Setup(Level.Trial)
    public void load() {
        data = new Dataset(List.of(BenchData.BTC), List.of(SyntheticGenerator.generate(BenchData.BTC,
                SymbolProfile.of("BTCUSDT"), 42, 1_704_067_200_000L, BARS).series()));
        RunSpec base = new RunSpec("liquidation-hunter", Map.of(),
                new EngineConfig(Fixed.of(10_000), 0.1, 0), null, null, null, false, null, 1.0,
                FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST, 0);
        int threads = Runtime.getRuntime().availableProcessors();
        ParamSpace grid = space("0.01,0.015,0.02,0.025", "0.004,0.008,0.012,0.016", "0.05,0.1,0.15,0.2",
                points == 256 ? "1.5,2,2.5,3" : null);
        fast = new SearchSpec(base, grid, Sampler.GRID, 0, Objective.SHARPE, Constraints.DEFAULT, 1, threads,
                Evaluator.AUTO);
        engine = new SearchSpec(base, space("0.01,0.02", "0.004,0.012", "0.05,0.15", null), Sampler.GRID, 0,
                Objective.SHARPE, Constraints.DEFAULT, 1, threads, Evaluator.ENGINE);
    }

    private static ParamSpace space(String takeProfit, String stopLoss, String extreme, String volumeSpike) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("takeProfit", takeProfit);
        m.put("stopLoss", stopLoss);
        m.put("extreme", extreme);
        if (volumeSpike != null) {
            m.put("volumeSpike", volumeSpike);
        }
        return ParamSpace.parse(StrategyRegistry.get("liquidation-hunter"), m);
    }

    @Benchmark
    public OptimizationResult fastEvaluator() {
        return Optimizer.run(fast, data, null, null);
    }

    /** The engine's figure does not depend on {@code points}; run it with {@code -p points=64}. */
    @Benchmark
    public OptimizationResult engine() {
        return Optimizer.run(engine, data, null, null);
    }
}
