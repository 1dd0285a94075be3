package dev.hft.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hft.backtest.SharedData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it: exit codes, messages, files left behind. */
class CliTest {
    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run hft(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    private boolean leftNothingBehind() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.noneMatch(p -> p.getFileName().toString().startsWith("out")
                    || p.getFileName().toString().startsWith(".out"));
        }
    }

    @Test
    void defaultBacktestShouldRunOnSyntheticDataAndWriteEveryResultFile() throws IOException {
        Path out = tmp.resolve("out");
        Run r = hft("backtest", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("liquidation-hunter", "BTCUSDT, ETHUSDT", "Initial capital", "Final capital",
                "Total P&L", "Total fees", "Win rate", "Average win", "Average loss", "Profit factor", "Sharpe",
                "Max drawdown", "Exit breakdown", "Bars processed", "172,800", "no promise of future profit");
        for (String f : List.of("metrics.json", "trades.csv", "equity.csv", "reasons.csv", "config.json", "run.json")) {
            assertThat(out.resolve(f)).exists();
        }
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        for (String key : List.of("initialCapital", "finalCapital", "totalPnl", "totalReturnPct", "totalFees", "trades",
                "wins", "losses", "winRatePct", "avgWin", "avgWinPct", "avgLoss", "avgLossPct", "profitFactor",
                "sharpe", "maxDrawdownPct", "exitReasons", "bars", "symbols")) {
            assertThat(m.has(key)).as(key).isTrue();
        }
        assertThat(m.get("bars").asLong()).isEqualTo(172_800);
        assertThat(m.get("trades").asInt()).isPositive();
        List<String> trades = Files.readAllLines(out.resolve("trades.csv"));
        assertThat(trades.get(0)).isEqualTo(
                "symbol,side,entryTime,entryPrice,exitTime,exitPrice,quantity,pnl,fees,entryReason,exitReason");
        assertThat(trades).hasSize(m.get("trades").asInt() + 1);
        assertThat(Files.readAllLines(out.resolve("equity.csv")).get(0)).isEqualTo("time,equity");
    }

    @Test
    void fromAndToApplyBeforeValidationSoADamagedDayOutsideThemCannotStopARun() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("klines"));
        // a day whose row 2 is damaged, then a clean day of 1m bars
        Files.writeString(dir.resolve("BTCUSDT-1m-2023-03-24.csv"),
                "1679616000000,100,101,99,100,1,1679616059999,100,1,0.5,50,0\n1679616060000,1,2,x\n");
        StringBuilder day = new StringBuilder();
        long april = 1_680_307_200_000L;
        for (int i = 0; i < 1440; i++) {
            long t = april + i * 60_000L;
            String px = String.format(java.util.Locale.ROOT, "%.2f", 28_000 + 50 * Math.sin(i / 30.0));
            day.append(t).append(',').append(px).append(',').append(px).append(',').append(px).append(',')
                    .append(px).append(",1.5,").append(t + 59_999).append(",42000,10,0.7,19600,0\n");
        }
        Files.writeString(dir.resolve("BTCUSDT-1m-2023-04-01.csv"), day.toString());
        Run bad = hft("backtest", "--data", dir.toString(), "--out", tmp.resolve("all").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("BTCUSDT-1m-2023-03-24.csv:2");
        Run r = hft("backtest", "--data", dir.toString(), "--from", "2023-04-01", "--strategy", "sma-cross",
                "--out", tmp.resolve("april").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("1,440 bars", "1 files and 0 rows outside --from/--to");
    }

    @Test
    void twoRunsShouldGiveByteIdenticalResults() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        assertThat(hft("backtest", "--days", "10", "--out", a.toString()).code()).isZero();
        assertThat(hft("backtest", "--days", "10", "--out", b.toString()).code()).isZero();
        try (java.util.stream.Stream<Path> files = Files.list(a)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).contains("tca.csv", "report.html");
            for (String f : names) {
                if (!f.equals("run.json")) { // the one file that may differ: run id, wall time, throughput
                    assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
                }
            }
        }
        Path c = tmp.resolve("c");
        assertThat(hft("backtest", "--days", "10", "--seed", "7", "--out", c.toString()).code()).isZero();
        assertThat(Files.readAllBytes(c.resolve("trades.csv")))
                .isNotEqualTo(Files.readAllBytes(a.resolve("trades.csv")));
    }

    @Test
    void shouldBacktestRealFilesWithSymbolsFromFileNames() throws IOException {
        Path out = tmp.resolve("out");
        Run r = hft("backtest", "--data", SharedData.klines("BTCUSDT").toString(), "--strategy", "sma-cross",
                "--from", "2024-01-01", "--to", "2024-01-07", "--fill-model", "close", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).as("the dates pick the files: 7 days read, 84 not").contains("data BTCUSDT", "7 files",
                "10,080 rows", "84 files and 0 rows outside --from/--to", "sma-cross");
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertThat(m.get("bars").asLong()).isEqualTo(7 * 1440);
        assertThat(m.get("symbols").get(0).asText()).isEqualTo("BTCUSDT");
        JsonNode c = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertThat(c.get("fillModel").asText()).isEqualTo("close");
        assertThat(c.get("slippage").asText()).startsWith("none");
    }

    @Test
    void generatedFilesShouldBacktestLikeRealOnes() throws IOException {
        Path data = tmp.resolve("gen");
        Run g = hft("generate", "--symbol", "SOLUSDT", "--days", "3", "--start", "2024-05-01", "--seed", "5",
                "--out", data.toString());
        assertThat(g.code()).as(g.err()).isZero();
        assertThat(data.resolve("SOLUSDT/SOLUSDT-1m-2024-05-03.zip")).exists();
        assertThat(data.resolve("SOLUSDT/SOLUSDT-1m-regimes.json")).exists();
        Path out = tmp.resolve("out");
        Run r = hft("backtest", "--data", data.resolve("SOLUSDT").toString(), "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("SOLUSDT", "3 files", "4,320 bars");
    }

    @Test
    void badInputShouldExitTwoWithAClearMessageAndLeaveNoResults() throws IOException {
        Path out = tmp.resolve("out");
        Path empty = Files.writeString(tmp.resolve("BTCUSDT-1m-empty.csv"), "");
        Path bad = Files.writeString(tmp.resolve("BTCUSDT-1m-bad.csv"),
                "1704067200000,1,2,0.5,1.5,10,1704067259999,1,1,1,1,0\n"
                        + "1704067260000,1,2,x,1.5,10,1704067319999,1,1,1,1,0\n");
        String[][] cases = {
            {"data path not found", "--data", tmp.resolve("missing").toString()},
            {"no data rows (empty file)", "--data", empty.toString()},
            {"BTCUSDT-1m-bad.csv:2: field 'low'", "--data", bad.toString()},
            {"unknown strategy 'moon'; known: liquidation-hunter, sma-cross", "--strategy", "moon"},
            {"has no parameter 'speed'", "--param", "speed=3"},
            {"'minConfidence' = 7 is outside [0, 1]", "--param", "minConfidence=7"},
            {"unknown instrument 'DOGEUSDT'", "--symbol", "DOGEUSDT"},
            {"--fill-model must be next-open or close", "--fill-model", "mid"},
            {"--from: not a date", "--from", "yesterday"},
            {"--capital must be positive", "--capital", "-5"},
        };
        for (String[] c : cases) {
            String[] args = new String[c.length + 2];
            args[0] = "backtest";
            System.arraycopy(c, 1, args, 1, c.length - 1);
            args[c.length] = "--out";
            args[c.length + 1] = out.toString();
            Run r = hft(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err()).as(String.join(" ", args)).contains(c[0]);
            assertThat(leftNothingBehind()).as("no output after " + String.join(" ", args)).isTrue();
        }
        Run unknownOption = hft("backtest", "--fast");
        assertThat(unknownOption.code()).isEqualTo(2);
        assertThat(unknownOption.err()).contains("Unknown option: '--fast'");
    }

    @Test
    void shouldRefuseToOverwriteAnExistingResult() throws IOException {
        Path out = Files.createDirectories(tmp.resolve("taken"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        Run r = hft("backtest", "--days", "2", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("already exists and is not empty");
        assertThat(Files.readString(out.resolve("keep.txt"))).isEqualTo("mine");
    }

    @Test
    void configFileShouldOverrideInstrumentsAndDefaultsAndNameBadKeys() throws IOException {
        Path cfg = Files.writeString(tmp.resolve("hft.yaml"), String.join("\n",
                "instruments:",
                "  BTCUSDT: { minNotional: 50000 }",
                "backtest:",
                "  strategy: sma-cross",
                "  params: { fast: 5, slow: 20 }",
                ""));
        Path out = tmp.resolve("out");
        Run r = hft("backtest", "--config", cfg.toString(), "--symbol", "BTCUSDT", "--days", "3", "--out",
                out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        // every entry (1,000 USDT) is now under the 50,000 minimum: nothing trades, and the ledger says why
        assertThat(m.get("trades").asInt()).isZero();
        assertThat(m.get("reasonCounts").get("REJECT_MIN_NOTIONAL").asInt()).isPositive();
        JsonNode c = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertThat(c.get("strategy").asText()).isEqualTo("sma-cross");
        assertThat(c.get("params").get("fast").asInt()).isEqualTo(5);

        Path typo = Files.writeString(tmp.resolve("typo.yaml"), "backtest:\n  strategyy: sma-cross\n");
        Run bad = hft("backtest", "--config", typo.toString(), "--out", tmp.resolve("out2").toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("typo.yaml:2").contains("strategyy");
    }

    @Test
    void strategiesCommandShouldListParametersWithDefaults() {
        Run r = hft("strategies");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("liquidation-hunter", "minConfidence", "0.7", "takeProfit", "0.02", "stopLoss",
                "0.008", "sma-cross", "fast", "slow");
    }
}
