package dev.hft.bench;

import dev.hft.backtest.RunSpec;
import dev.hft.backtest.RunResult;
import dev.hft.backtest.BacktestRunner;
import dev.hft.backtest.data.BarSeries;
import dev.hft.core.Bar;
import dev.hft.core.Fixed;
import dev.hft.engine.cost.MarketStats;
import dev.hft.engine.EngineConfig;
import dev.hft.journal.FsyncPolicy;
import dev.hft.journal.JournalConfig;
import dev.hft.journal.JournalWriter;
import dev.hft.sim.FillModel;
import dev.hft.sim.IntrabarPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Whole backtests over 131,040 one-minute bars, single thread, in memory. Bars per second = 131,040 / (ms per
 * operation / 1000).
 * <ul>
 *   <li>{@code liquidationHunter}: the full pipeline (sanitizer, strategy, cost model, risk guard, TCA, reason
 *       ledger, event bus) with default settings;</li>
 *   <li>{@code liquidationHunterJournaled}: the same, writing every input, decision and command to a journal
 *       (fsync none);</li>
 *   <li>{@code hardeningMathFloor}: only the floating-point math the hardened pipeline cannot skip, over the same
 *       bars: the cost model's market statistics (each bar's ln(high/low), the Corwin-Schultz spread's logarithm
 *       and square roots, the return's logarithm for the volatility) and the sanitizer's outlier jump (one more
 *       logarithm). No full pipeline can be faster than this on the same machine;</li>
 *   <li>{@code smaCrossEngine}, {@code smaCrossTa4j}, {@code smaCrossPrimitive}: one strategy three ways
 *       (see {@link SmaCrossThreeWays}), the same trades.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class PipelineBenchmark {
    private BarSeries bars;
    private org.ta4j.core.BarSeries ta4jBars;
    private double[] closes;
    private RunSpec hunter;
    private Path journalRoot;
    private int journalRun;

    @Setup(Level.Trial)
    public void load() throws IOException {
        bars = BenchData.btc();
        ta4jBars = SmaCrossThreeWays.ta4jSeries(bars);
        closes = SmaCrossThreeWays.closes(bars);
        hunter = new RunSpec("liquidation-hunter", Map.of(), new EngineConfig(Fixed.of(10_000), 0.1, 0),
                null, null, null, false, null, 1.0, FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST, 0);
        journalRoot = Files.createTempDirectory("hft-bench-journal");
    }

    @TearDown(Level.Trial)
    public void clean() throws IOException {
        delete(journalRoot);
    }

    /**
     * The journaled run's directory. Each operation's journal (about 52 MB) is deleted after it, untimed: a
     * backtest writes one journal, and hundreds left behind made the page cache's write-back throttle later
     * operations (the figure was twice what a single journaled backtest takes).
     */
    @State(Scope.Thread)
    public static class JournalDir {
        Path dir;

        @Setup(Level.Invocation)
        public void next(PipelineBenchmark b) {
            dir = b.journalRoot.resolve("run-" + b.journalRun++);
        }

        @TearDown(Level.Invocation)
        public void drop() throws IOException {
            delete(dir);
        }
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public RunResult liquidationHunter() {
        return BacktestRunner.run(hunter, List.of(BenchData.BTC), List.of(bars), "bench");
    }

    @Benchmark
    public RunResult liquidationHunterJournaled(JournalDir journal) {
        try (JournalWriter w = JournalWriter.create(journal.dir, "bench", JournalConfig.of(FsyncPolicy.NONE),
                JournalWriter.FILES)) {
            return BacktestRunner.run(hunter, List.of(BenchData.BTC), List.of(bars), "bench", null, w);
        }
    }

    @Benchmark
    public RunResult smaCrossEngine() {
        return BacktestRunner.run(SmaCrossThreeWays.engineConfig(), List.of(BenchData.BTC), List.of(bars), "bench");
    }

    @Benchmark
    public List<int[]> smaCrossTa4j() {
        return SmaCrossThreeWays.ta4j(ta4jBars);
    }

    @Benchmark
    public double hardeningMathFloor() {
        MarketStats stats = new MarketStats(BacktestRunner.STATS_WINDOW);
        Bar bar = new Bar();
        double jumps = 0;
        long previous = 0;
        for (int i = 0; i < bars.size(); i++) {
            bars.fill(i, 0, bar);
            stats.update(bar);
            if (previous > 0) {
                jumps += Math.abs(Math.log((double) bar.close / previous)); // the sanitizer's outlier jump
            }
            previous = bar.close;
        }
        return jumps + stats.spreadFrac() + stats.volatility();
    }

    @Benchmark
    public List<int[]> smaCrossPrimitive() {
        return SmaCrossThreeWays.primitive(closes);
    }
}
