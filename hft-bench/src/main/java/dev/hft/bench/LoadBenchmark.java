package dev.hft.bench;

import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.data.KlineCache;
import dev.hft.backtest.data.KlineReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parsing Binance kline zips: the 91 daily files of BTCUSDT Q1 2024 (131,040 rows). Rows per second =
 * 131,040 / (ms per operation / 1000). Needs {@code ../shared/data} (or {@code -Dhft.data=DIR}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LoadBenchmark {
    private Path dir;
    private KlineCache cache;

    @Setup(Level.Trial)
    public void find() throws java.io.IOException {
        dir = BenchData.realBtcDir();
        if (dir == null) {
            throw new IllegalStateException("real data not found: run from the project or pass -Dhft.data=DIR");
        }
        cache = new KlineCache(java.nio.file.Files.createTempDirectory("hft-bench-cache"));
        KlineReader.read(dir, "BTCUSDT", cache); // fill it
    }

    @Benchmark
    public BarSeries readZips() {
        return KlineReader.read(dir, "BTCUSDT").series();
    }

    /** The same files, the second time: from the binary cache. */
    @Benchmark
    public BarSeries readCached() {
        return KlineReader.read(dir, "BTCUSDT", cache).series();
    }
}
