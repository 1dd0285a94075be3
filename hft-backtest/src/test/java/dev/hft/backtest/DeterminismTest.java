package dev.hft.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.data.KlineReader;
import dev.hft.backtest.report.Metrics;
import dev.hft.backtest.report.ReportWriter;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import dev.hft.engine.EngineConfig;
import dev.hft.sim.FillModel;
import dev.hft.sim.IntrabarPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Same inputs, byte-identical results: two independent runs (fresh loads, fresh engines) on real data. */
class DeterminismTest {
    @TempDir
    Path tmp;

    private Path runOnce(String name) {
        InstrumentTable t = InstrumentTable.builtIn();
        List<Instrument> insts = List.of(t.find("BTCUSDT"), t.find("ETHUSDT"));
        BarSeries btc = KlineReader.read(SharedData.klines("BTCUSDT"), "BTCUSDT").series();
        BarSeries eth = KlineReader.read(SharedData.klines("ETHUSDT"), "ETHUSDT").series();
        long end = btc.openTime(0) + 20 * 86_400_000L;
        RunSpec cfg = new RunSpec("liquidation-hunter", Map.of(),
                new EngineConfig(Fixed.of(10_000), 0.1, 0), 10, 2, FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST);
        RunResult r = BacktestRunner.run(cfg, insts, List.of(btc.slice(0, end), eth.slice(0, end)), name);
        Path dir = tmp.resolve(name);
        ReportWriter.write(dir, r, Metrics.of(r), Map.of("strategy", "liquidation-hunter"), null);
        return dir;
    }

    @Test
    void twoRunsShouldWriteByteIdenticalResults() throws IOException {
        Path a = runOnce("a");
        Path b = runOnce("b");
        for (String f : new String[] {"trades.csv", "metrics.json", "equity.csv", "reasons.csv"}) {
            assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
        }
        assertThat(Files.readAllLines(a.resolve("trades.csv")).size()).as("the run traded").isGreaterThan(10);
    }
}
