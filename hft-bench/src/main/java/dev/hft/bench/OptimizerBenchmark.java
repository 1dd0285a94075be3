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
 * on the worker pool, and, with the fast evaluator, the re-run of the best trial with the full engine), on one year of
 * synthetic 1-minute BTCUSDT bars (525,600 per trial). Bar-evaluations per second = points x 525,600 / (seconds per
 * operation).
 * <ul>
 *   <li>{@code fastEvaluator}: the liquidation hunter, 64 or 256 points ({@code points}: takeProfit x stopLoss x
 *       extreme, x volumeSpike for 256), evaluator auto: the hunter's own mirror of the engine;</li>
 *   <li>{@code general}: the same points on the general path every strategy takes: the ordinary kernel per trial over
 *       the prepared tape, with the shared series and the entry screen ({@code --evaluator engine});</li>
 *   <li>{@code smaCross}: sma-cross on the general path, 8 x 8 or 16 x 16 points of fast x slow;</li>
 *   <li>{@code example}: the SDK example project's {@code rsi-reversion}, from its jar, on the general path, 8 x 8
 *       or 16 x 16 points of period x oversold. The jar is {@code -Dhft.example.jar}, by default
 *       {@code examples/strategy-template/target/my-strategies-1.0.0.jar} (build it with
 *       {@code mvn -f examples/strategy-template/pom.xml package}); without it the benchmark says so and stops.</li>
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
    private SearchSpec general;
    private SearchSpec sma;
    private SearchSpec example;

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
        general = new SearchSpec(base, grid, Sampler.GRID, 0, Objective.SHARPE, Constraints.DEFAULT, 1, threads,
                Evaluator.ENGINE);
        int side = points == 256 ? 16 : 8;
        sma = search(new RunSpec("sma-cross", Map.of(), base.engine(), null, null, null, false, null, 1.0,
                FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST, 0), "fast", range(5, 5, side), "slow",
                range(100, 20, side), threads);
        java.nio.file.Path jar = java.nio.file.Path.of(System.getProperty("hft.example.jar",
                "examples/strategy-template/target/my-strategies-1.0.0.jar"));
        if (java.nio.file.Files.isRegularFile(jar)) {
            StrategyRegistry.addJars(List.of(jar));
            example = search(new RunSpec("rsi-reversion", Map.of(), base.engine(), null, null, null, false, null,
                    1.0, FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST, 0), "period", range(6, 2, side),
                    "oversold", range(10, 2, side), threads);
        }
    }

    /** {@code n} values from {@code from} in steps of {@code step}, as a list. */
    private static String range(int from, int step, int n) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < n; k++) {
            sb.append(k == 0 ? "" : ",").append(from + k * step);
        }
        return sb.toString();
    }

    private static SearchSpec search(RunSpec base, String a, String av, String b, String bv, int threads) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(a, av);
        m.put(b, bv);
        return new SearchSpec(base, ParamSpace.parse(StrategyRegistry.get(base.strategy()), m), Sampler.GRID, 0,
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

    @Benchmark
    public OptimizationResult general() {
        return Optimizer.run(general, data, null, null);
    }

    @Benchmark
    public OptimizationResult smaCross() {
        return Optimizer.run(sma, data, null, null);
    }

    @Benchmark
    public OptimizationResult example() {
        if (example == null) {
            throw new IllegalStateException("no example jar: build examples/strategy-template or set "
                    + "-Dhft.example.jar");
        }
        return Optimizer.run(example, data, null, null);
    }
}
