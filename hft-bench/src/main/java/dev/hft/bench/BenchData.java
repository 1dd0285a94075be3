package dev.hft.bench;

import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.data.KlineReader;
import dev.hft.backtest.synth.SymbolProfile;
import dev.hft.backtest.synth.SyntheticGenerator;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The data benchmarks run on: the real BTCUSDT 1-minute bars of Q1 2024 from {@code ../shared/data} (131,040
 * bars) when present, else the same number of synthetic bars, so a benchmark always runs.
 */
public final class BenchData {
    public static final Instrument BTC = InstrumentTable.builtIn().find("BTCUSDT");

    private BenchData() {
    }

    /** Where the real files are, or null. Looked for from the working directory upwards. */
    public static Path realBtcDir() {
        String prop = System.getProperty("hft.data");
        if (prop != null) {
            return Path.of(prop);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path d = p.resolve("../shared/data/binance/spot/klines/1m/BTCUSDT").normalize();
            if (Files.isDirectory(d)) {
                return d;
            }
        }
        return null;
    }

    public static BarSeries btc() {
        Path dir = realBtcDir();
        if (dir != null) {
            return KlineReader.read(dir, "BTCUSDT").series();
        }
        return SyntheticGenerator.generate(BTC, SymbolProfile.of("BTCUSDT"), 42, 1_704_067_200_000L, 91 * 1440)
                .series();
    }
}
