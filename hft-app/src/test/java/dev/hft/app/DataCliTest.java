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
    void instrumentsFetchesEveryTradingSymbolAndBacktestsFindThem() throws Exception {
        try (dev.hft.binance.FakeBinance venue = dev.hft.binance.FakeBinance.hmac("k", "s",
                System::currentTimeMillis)) {
            java.nio.file.Path file = tmp.resolve("binance/instruments.csv");
            CliTest.Run r = hft("data", "instruments", "--spot-url", venue.base().toString(), "--futures-url",
                    venue.base().toString(), "--out", file.toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("6 instruments (5 spot, 1 only on USD-M)");
            String csv = java.nio.file.Files.readString(file);
            assertThat(csv).contains("XRPUSDT,XRP,USDT,0.0001,0.1,0.1,5", "1000PEPEUSDT,1000PEPE,USDT,0.0000001,1,1,5")
                    .as("halted spot symbols and quarterly contracts are left out")
                    .doesNotContain("LUNAUSDT", "BTCUSDT_260327");
            dev.hft.core.InstrumentTable t = AppConfig.load(null, java.util.Map.of()).instrumentTable(file);
            assertThat(t.find("XRPUSDT").tickSize()).isEqualTo(dev.hft.core.Fixed.parse("0.0001"));
            assertThat(t.find("1000PEPEUSDT")).isNotNull();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RunOptions.instrument(
                dev.hft.core.InstrumentTable.builtIn(), "DOGEUSDT")).isInstanceOf(UserError.class)
                .hasMessageContaining("unknown instrument 'DOGEUSDT'").hasMessageContaining("hft data instruments");
        CliTest.Run bad = hft("data", "instruments", "--market", "options", "--out", tmp.resolve("x.csv").toString());
        assertThat(bad.code()).isEqualTo(2);
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
