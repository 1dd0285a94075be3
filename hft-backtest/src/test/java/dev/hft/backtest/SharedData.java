package dev.hft.backtest;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the real Binance data in {@code ../shared/data} beside the project (never copied into it). A test
 * that needs it and cannot find it is skipped with a message saying where it looked.
 */
public final class SharedData {
    private SharedData() {
    }

    public static Path root() {
        String prop = System.getProperty("hft.root");
        Path project = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath();
        // module directories sit one level below the project root
        for (Path p = project; p != null; p = p.getParent()) {
            Path candidate = p.resolve("../shared/data").normalize();
            if (Files.isDirectory(candidate.resolve("binance"))) {
                return candidate;
            }
        }
        return project.resolve("../shared/data").normalize();
    }

    /** The 1m spot kline directory of a symbol (BTCUSDT, ETHUSDT), or the test is skipped. */
    public static Path klines(String symbol) {
        Path dir = root().resolve("binance/spot/klines/1m").resolve(symbol);
        assumeTrue(Files.isDirectory(dir), "real Binance data not found at " + dir + " (expected ../shared/data)");
        return dir;
    }

    /** One daily zip of a symbol, e.g. day "2024-01-01". */
    public static Path day(String symbol, String day) {
        Path f = klines(symbol).resolve(symbol + "-1m-" + day + ".zip");
        assumeTrue(Files.isRegularFile(f), "real Binance file not found: " + f);
        return f;
    }
}
