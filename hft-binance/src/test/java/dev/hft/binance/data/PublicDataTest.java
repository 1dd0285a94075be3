package dev.hft.binance.data;

import dev.hft.binance.PublicDataServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hft.backtest.SharedData;
import dev.hft.backtest.data.KlineReader;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hft data download's engine against a local server serving the real Binance zips of ../shared/data. */
class PublicDataTest {
    private static final String BASE = "data/spot/daily/klines/BTCUSDT/1m/";

    @TempDir
    Path out;

    private static PublicData client(PublicDataServer s, int attempts) {
        return new PublicData(s.base(), HttpClient.newHttpClient(), Duration.ofSeconds(30), attempts, Duration.ZERO);
    }

    private static PublicDataServer server() throws IOException {
        return new PublicDataServer(SharedData.klines("BTCUSDT"), "spot", "BTCUSDT", "1m");
    }

    @Test
    void downloadsVerifiesAndSkipsWhatIsAlreadyThere() throws Exception {
        try (PublicDataServer s = server()) {
            List<String> log = new ArrayList<>();
            PublicData.Result r = client(s, 1).download(PublicData.Market.SPOT, "BTCUSDT", "1m",
                    LocalDate.parse("2024-03-30"), LocalDate.parse("2024-04-01"), out, (f, o) -> log.add(f + " " + o));
            assertThat(r.downloaded()).isEqualTo(2);
            assertThat(r.missing()).containsExactly(LocalDate.parse("2024-04-01"));
            assertThat(log).containsExactly("BTCUSDT-1m-2024-03-30.zip downloaded, checksum ok",
                    "BTCUSDT-1m-2024-03-31.zip downloaded, checksum ok", "BTCUSDT-1m-2024-04-01.zip not published");
            Path dir = r.directory();
            assertThat(dir).isEqualTo(out.resolve("spot/klines/1m/BTCUSDT"));
            for (String day : List.of("2024-03-30", "2024-03-31")) {
                assertThat(Files.readAllBytes(dir.resolve("BTCUSDT-1m-" + day + ".zip")))
                        .isEqualTo(Files.readAllBytes(SharedData.day("BTCUSDT", day)));
                assertThat(Files.readString(dir.resolve("BTCUSDT-1m-" + day + ".zip.CHECKSUM")))
                        .matches("[0-9a-f]{64}  BTCUSDT-1m-" + day + "\\.zip\n");
            }
            assertThat(KlineReader.read(dir, "BTCUSDT", null).series().size()).isEqualTo(2 * 1440);

            s.requests.clear();
            PublicData.Result again = client(s, 1).download(PublicData.Market.SPOT, "BTCUSDT", "1m",
                    LocalDate.parse("2024-03-30"), LocalDate.parse("2024-03-31"), out, (f, o) -> { });
            assertThat(again.skipped()).isEqualTo(2);
            assertThat(again.downloaded()).isZero();
            assertThat(s.requests).isEmpty();
        }
    }

    @Test
    void anInterruptedDownloadResumesWithARangeRequest() throws Exception {
        try (PublicDataServer s = server()) {
            String path = "/" + BASE + "BTCUSDT-1m-2024-01-02.zip";
            s.cutAfterBytes.put(path, 20_000);
            LocalDate day = LocalDate.parse("2024-01-02");
            assertThatThrownBy(() -> client(s, 1).download(PublicData.Market.SPOT, "BTCUSDT", "1m", day, day, out,
                    (f, o) -> { })).isInstanceOf(IOException.class).hasMessageContaining("partial file is kept");
            Path dir = PublicData.directory(out, PublicData.Market.SPOT, "BTCUSDT", "1m");
            Path part = dir.resolve("BTCUSDT-1m-2024-01-02.zip.part");
            assertThat(part).exists();
            assertThat(dir.resolve("BTCUSDT-1m-2024-01-02.zip")).doesNotExist();
            long have = Files.size(part);
            assertThat(have).isPositive().isLessThanOrEqualTo(20_000);

            PublicData.Result r = client(s, 1).download(PublicData.Market.SPOT, "BTCUSDT", "1m", day, day, out,
                    (f, o) -> { });
            assertThat(r.resumed()).isEqualTo(1);
            assertThat(s.requests).contains(path + " bytes=" + have + "-");
            assertThat(Files.readAllBytes(dir.resolve("BTCUSDT-1m-2024-01-02.zip")))
                    .isEqualTo(Files.readAllBytes(SharedData.day("BTCUSDT", "2024-01-02")));
            assertThat(part).doesNotExist();
        }
    }

    @Test
    void aCorruptDownloadIsRefusedAndNothingIsLeftUnderTheRealName() throws Exception {
        try (PublicDataServer s = server()) {
            s.corrupt.add("/" + BASE + "BTCUSDT-1m-2024-01-03.zip");
            LocalDate day = LocalDate.parse("2024-01-03");
            assertThatThrownBy(() -> client(s, 1).download(PublicData.Market.SPOT, "BTCUSDT", "1m", day, day, out,
                    (f, o) -> { })).hasMessageContaining("does not match the published");
            Path dir = PublicData.directory(out, PublicData.Market.SPOT, "BTCUSDT", "1m");
            try (var files = Files.list(dir)) {
                assertThat(files).isEmpty();
            }
        }
    }

    @Test
    void serverErrorsAreRetriedAndBadArgumentsRefused() throws Exception {
        try (PublicDataServer s = server()) {
            s.failures503.put("/" + BASE + "BTCUSDT-1m-2024-01-04.zip", 2);
            LocalDate day = LocalDate.parse("2024-01-04");
            PublicData.Result r = client(s, 3).download(PublicData.Market.SPOT, "BTCUSDT", "1m", day, day, out,
                    (f, o) -> { });
            assertThat(r.downloaded()).isEqualTo(1);
            PublicData p = client(s, 1);
            assertThatThrownBy(() -> p.download(PublicData.Market.SPOT, "btc", "1m", day, day, out, (f, o) -> { }))
                    .hasMessageContaining("symbol");
            assertThatThrownBy(() -> p.download(PublicData.Market.SPOT, "BTCUSDT", "7m", day, day, out, (f, o) -> { }))
                    .hasMessageContaining("interval");
            assertThatThrownBy(() -> p.download(PublicData.Market.SPOT, "BTCUSDT", "1m", day, day.minusDays(1), out,
                    (f, o) -> { })).hasMessageContaining("before");
            assertThat(PublicData.Market.parse("futures")).isEqualTo(PublicData.Market.FUTURES);
            assertThatThrownBy(() -> PublicData.Market.parse("options")).hasMessageContaining("spot or futures");
        }
    }

    @Test
    void checksumLinesAreParsedStrictly() throws Exception {
        String h = "a".repeat(64);
        assertThat(PublicData.parseChecksum(h + "  X.zip\n", "X.zip", "w")).isEqualTo(h);
        assertThatThrownBy(() -> PublicData.parseChecksum("<html>", "X.zip", "w")).hasMessageContaining(
                "not a SHA-256");
        assertThatThrownBy(() -> PublicData.parseChecksum(h + "  Y.zip", "X.zip", "w")).hasMessageContaining("'Y.zip'");
    }
}
