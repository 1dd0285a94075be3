package dev.hft.research;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hft.backtest.BacktestResult;
import dev.hft.backtest.BacktestRunner;
import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.synth.SyntheticGenerator;
import dev.hft.core.InstrumentTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html in a real headless Chromium: it loads offline with no console error and every chart has data. */
class ReportBrowserTest {
    @TempDir
    Path dir;

    static Path browser() {
        var exe = HeadlessChrome.executable();
        if (exe.isEmpty()) {
            if (HeadlessChrome.required()) {
                throw new AssertionError("hft.browser.required is set but no chromium is installed");
            }
            Assumptions.abort("no chromium installed (apt-get install chromium); .ci/run installs it");
        }
        return exe.get();
    }

    /** Loads the page and returns, per chart, the number of data points of all its series. */
    static JsonNode chartsOf(Path page, List<String> errors) throws Exception {
        try (HeadlessChrome chrome = HeadlessChrome.start(browser())) {
            chrome.load(page.toUri().toString());
            JsonNode charts = chrome.eval("window.hftReport.charts.map(function (c) { return { name: c.name, "
                    + "points: c.chart.getOption().series.reduce(function (n, s) { "
                    + "return n + (s.data ? s.data.length : 0); }, 0) }; })");
            errors.addAll(chrome.errors());
            return charts;
        }
    }

    @Test
    void backtestReportLoadsWithChartsThatHaveData() throws Exception {
        List<SyntheticGenerator.Generated> gen = List.of(Fixtures.regimes(3, 20, "BTCUSDT"),
                Fixtures.regimes(3, 20, "ETHUSDT"));
        List<BarSeries> series = gen.stream().map(SyntheticGenerator.Generated::series).toList();
        var inst = List.of(InstrumentTable.builtIn().find("BTCUSDT"), InstrumentTable.builtIn().find("ETHUSDT"));
        BacktestResult r = BacktestRunner.run(Fixtures.costFree("liquidation-hunter"), inst, series, "t");
        assertThat(r.trades()).isNotEmpty();
        List<byte[]> labels = new ArrayList<>();
        gen.forEach(g -> labels.add(g.regimes()));
        Map<String, Object> data = ReportData.backtest("test </script> <b>report</b>", r, series,
                Regimes.breakdown(r, series, labels));
        Path page = dir.resolve("report.html");
        HtmlReport.write(page, data);
        assertThat(Files.readString(page)).doesNotContain("<script src", "<link ");

        List<String> errors = new ArrayList<>();
        JsonNode charts = chartsOf(page, errors);
        assertThat(errors).isEmpty();
        List<String> names = new ArrayList<>();
        charts.forEach(c -> {
            names.add(c.get("name").asText());
            assertThat(c.get("points").asInt()).as(c.get("name").asText()).isPositive();
        });
        assertThat(names).contains("equity", "drawdown", "price-BTCUSDT", "price-ETHUSDT", "monthly",
                "pnl-histogram", "reasons", "per-symbol", "regimes", "tca");
    }
}
