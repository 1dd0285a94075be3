package dev.hft.app;

import static dev.hft.app.CliTest.hft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.backtest.SharedData;
import dev.hft.binance.PublicDataServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hft data download against a local data.binance.vision, then a backtest on what it fetched. */
class DataCliTest {
    @TempDir
    Path tmp;

    @Test
    void downloadedFilesBacktestAndASecondRunSkipsThem() throws Exception {
        try (PublicDataServer s = new PublicDataServer(SharedData.klines("BTCUSDT"), "spot", "BTCUSDT", "1m")) {
            Path root = tmp.resolve("data");
            String[] args = {"data", "download", "--symbol", "btcusdt", "--from", "2024-01-01", "--to", "2024-01-03",
                "--out", root.toString(), "--base-url", s.base().toString()};
            CliTest.Run r = hft(args);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("BTCUSDT: 3 downloaded (0 resumed), 0 already present, 0 not published");
            CliTest.Run again = hft(args);
            assertThat(again.out()).contains("0 downloaded (0 resumed), 3 already present");
            CliTest.Run bt = hft("backtest", "--data", root.resolve("spot/klines/1m/BTCUSDT").toString(), "--out",
                    tmp.resolve("bt").toString());
            assertThat(bt.code()).as(bt.err()).isZero();
            assertThat(bt.out()).contains("4,320");
        }
    }

    @Test
    void badArgumentsExitTwoAndAnUnreachableServerExitsSeventyFiveLeavingNothing() {
        CliTest.Run r = hft("data", "download", "--symbol", "BTCUSDT", "--from", "2024-13-01", "--out",
                tmp.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--from");
        r = hft("data", "download", "--symbol", "BTCUSDT", "--from", "2024-01-01", "--market", "options", "--out",
                tmp.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("spot or futures");
        java.nio.file.Path out = tmp.resolve("fresh");
        r = hft("data", "download", "--symbol", "BTCUSDT", "--from", "2024-01-01", "--base-url",
                "http://127.0.0.1:9", "--out", out.toString());
        assertThat(r.code()).as("a temporary outage").isEqualTo(Main.EXIT_UNAVAILABLE);
        assertThat(r.err()).contains("error: BTCUSDT: http://127.0.0.1:9/data/spot/daily/klines/BTCUSDT/1m/",
                "connection refused", "after 3 attempts").doesNotContain("null");
        assertThat(out).as("no empty directories for the next command to trip on").doesNotExist();
    }
}
