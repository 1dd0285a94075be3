package dev.hft.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hardening layer as a user meets it: hft fees, venue choice, risk and sanitizer config, new result files. */
class HardeningCliTest {
    @TempDir
    Path tmp;

    @Test
    void feesShouldCompareVenuesMakerVersusTaker() {
        CliTest.Run r = CliTest.hft("fees", "--symbol", "BTCUSDT", "--notional", "10000");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("fee table version 2026-11-24", "binance-spot", "binance-usdm", "bybit-spot",
                "okx-spot", "coinbase-advanced", "kraken-pro");
        String spot = r.out().lines().filter(l -> l.startsWith("binance-spot") && l.contains("regular")).findFirst()
                .orElseThrow();
        // two legs of 10,000 at 0.1% = 20.00; with BNB 25% off = 15.00
        assertThat(spot).contains("20.00", "15.00");
        String coinbase = r.out().lines().filter(l -> l.startsWith("coinbase-advanced")).findFirst().orElseThrow();
        assertThat(coinbase).contains("80.00", "120.00"); // 0.40% maker, 0.60% taker, two legs
        CliTest.Run bad = CliTest.hft("fees", "--notional", "-1");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("--notional must be positive");
    }

    @Test
    void backtestShouldPrintLimitsAndWriteTcaSanitizerAndRiskResults() throws IOException {
        Path out = tmp.resolve("out");
        CliTest.Run r = CliTest.hft("backtest", "--days", "5", "--venue", "binance-usdm", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Risk guard: state ACTIVE; limits defaultStopLossPct=5.0",
                "Sanitizer: maxLatencyMs=100", "Data validation", "Risk state", "TCA (bps, per order)", "Markouts");
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertThat(m.get("tca").get("orders").asInt()).isPositive();
        assertThat(m.get("sanitizer").get("validationRatePct").asDouble()).isEqualTo(100.0);
        assertThat(m.get("risk").get("finalState").asText()).isEqualTo("ACTIVE");
        assertThat(m.get("risk").get("limits").get("maxOpenPositions").asInt()).isEqualTo(5);
        assertThat(m.get("costs").get("fees").asText()).startsWith("binance-usdm/regular");
        assertThat(m.get("costs").get("takerFeePct").asDouble()).isEqualTo(0.05);
        List<String> tca = Files.readAllLines(out.resolve("tca.csv"));
        assertThat(tca.get(0)).startsWith("order,symbol,side,type,reason,quantity,decisionTime,decisionPrice,"
                + "arrivalPrice");
        assertThat(tca).hasSize(m.get("tca").get("orders").asInt() + 1);
        JsonNode c = new ObjectMapper().readTree(out.resolve("config.json").toFile());
        assertThat(c.get("risk").get("dailyLossPct").asDouble()).isEqualTo(5.0);
        assertThat(c.get("sanitizer").get("thawAfter").asInt()).isEqualTo(5);
    }

    @Test
    void configShouldSetRiskAndSanitizerAndLatencyShouldBeChecked() throws IOException {
        Path cfg = Files.writeString(tmp.resolve("hft.yaml"), String.join("\n",
                "risk:",
                "  maxOpenPositions: 1",
                "  defaultStopLossPct: 2",
                "sanitizer:",
                "  maxLatencyMs: 100",
                ""));
        Path out = tmp.resolve("out");
        CliTest.Run r = CliTest.hft("backtest", "--config", cfg.toString(), "--days", "3", "--latency-ms", "200",
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        // every bar arrives 200 ms after its close: all rejected, nothing traded
        assertThat(m.get("sanitizer").get("validationRatePct").asDouble()).isZero();
        assertThat(m.get("sanitizer").get("symbols").get("BTCUSDT").get("reasons").get("SANITIZER_LATENCY").asLong())
                .isEqualTo(3 * 1440);
        assertThat(m.get("trades").asInt()).isZero();
        assertThat(m.get("risk").get("limits").get("maxOpenPositions").asInt()).isEqualTo(1);
        assertThat(Files.readString(out.resolve("reasons.csv"))).contains("SANITIZER_LATENCY,SANITIZER,");

        Path bad = Files.writeString(tmp.resolve("bad.yaml"), "risk:\n  defaultStopLossPct: 0\n");
        CliTest.Run b = CliTest.hft("backtest", "--config", bad.toString(), "--out", tmp.resolve("o2").toString());
        assertThat(b.code()).isEqualTo(2);
        assertThat(b.err()).contains("bad.yaml:2:3: risk.defaultStopLossPct must be above 0 and at most 99.99",
                "got 0");
        CliTest.Run v = CliTest.hft("backtest", "--venue", "mtgox", "--out", tmp.resolve("o3").toString());
        assertThat(v.code()).isEqualTo(2);
        assertThat(v.err()).contains("no fee entry for venue 'mtgox'", "binance-spot/regular");
    }
}
