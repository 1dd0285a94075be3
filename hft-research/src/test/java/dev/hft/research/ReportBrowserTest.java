package dev.hft.research;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hft.backtest.RunResult;
import dev.hft.backtest.BacktestRunner;
import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.synth.SyntheticGenerator;
import dev.hft.core.InstrumentTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** report.html in a real headless Chromium: it loads offline with no console error and every chart has data. */
class ReportBrowserTest {
    @TempDir
    Path dir;

    @Test
    void backtestReportLoadsWithChartsThatHaveData() throws Exception {
        List<SyntheticGenerator.Generated> gen = List.of(Fixtures.regimes(3, 20, "BTCUSDT"),
                Fixtures.regimes(3, 20, "ETHUSDT"));
        List<BarSeries> series = gen.stream().map(SyntheticGenerator.Generated::series).toList();
        var inst = List.of(InstrumentTable.builtIn().find("BTCUSDT"), InstrumentTable.builtIn().find("ETHUSDT"));
        RunResult r = BacktestRunner.run(Fixtures.costFree("liquidation-hunter"), inst, series, "t");
        assertThat(r.trades()).isNotEmpty();
        List<byte[]> labels = new ArrayList<>();
        gen.forEach(g -> labels.add(g.regimes()));
        Map<String, Object> data = ReportData.backtest("test </script> <b>report</b>", r, series,
                Regimes.breakdown(r, series, labels));
        Path page = dir.resolve("report.html");
        HtmlReport.write(page, data);
        assertThat(Files.readString(page)).doesNotContain("<script src", "<link ");

        List<String> errors = new ArrayList<>();
        List<String> names = HeadlessChrome.reportCharts(page, errors);
        assertThat(errors).isEmpty();
        assertThat(names).contains("equity", "drawdown", "price-BTCUSDT", "price-ETHUSDT", "monthly",
                "pnl-histogram", "daily-histogram", "rolling", "reasons", "per-symbol", "regimes", "tca");
    }

    @Test
    void tablesShowNumbersForPeopleAndLabelsInWords() throws Exception {
        List<BarSeries> series = List.of(Fixtures.regimes(3, 20, "BTCUSDT").series());
        RunResult r = BacktestRunner.run(Fixtures.costFree("liquidation-hunter"),
                List.of(InstrumentTable.builtIn().find("BTCUSDT")), series, "t");
        Path page = dir.resolve("figures.html");
        HtmlReport.write(page, ReportData.backtest("figures", r, series, null));
        try (HeadlessChrome chrome = HeadlessChrome.start(HeadlessChrome.browserOrSkip())) {
            chrome.load(page.toUri().toString());
            // every two-cell row of every table: label -> shown value
            com.fasterxml.jackson.databind.JsonNode rows = chrome.eval("(function () { var o = {}; "
                    + "document.querySelectorAll('tr').forEach(function (tr) { var c = tr.querySelectorAll('td'); "
                    + "if (c.length === 2) { o[c[0].textContent] = c[1].textContent; } }); return o; })()");
            assertThat(chrome.errors()).isEmpty();
            assertThat(rows.path("Final capital").asText()).matches("-?\\d{1,3}(,\\d{3})*\\.\\d{2}");
            assertThat(rows.path("Initial capital").asText()).isEqualTo("10,000.00");
            assertThat(rows.path("Win rate").asText()).matches("\\d{1,3}\\.\\d{2}%");
            List<String> labels = new ArrayList<>();
            rows.fieldNames().forEachRemaining(labels::add);
            assertThat(labels).as("no camelCase key shown as a label").noneMatch(k -> k.matches(".*[a-z][A-Z].*"));
            assertThat(labels).contains("Mean shortfall vs arrival (bps)");
            assertThat(rows.path("Mean shortfall vs arrival (bps)").asText()).matches("-?\\d+\\.\\d{2}");
            assertThat(rows.path("CAGR %").asText()).as("the tearsheet").matches("-?[\\d,]+\\.\\d{2}");
            assertThat(rows.path("Longest loss streak (trades)").asText()).matches("\\d+");
            assertThat(rows.path("Beta to buy and hold").asText()).as("the benchmark").matches("-?\\d+\\.\\d{2,3}");
            // the trade list: every trade, sorted by a header click (again to reverse), filtered by side
            assertThat(chrome.eval("document.querySelector('table.trades').getAttribute('data-rows')").asInt())
                    .isEqualTo(r.trades().size());
            com.fasterxml.jackson.databind.JsonNode pnl = chrome.eval("(function () { "
                    + "var h = document.querySelectorAll('table.trades th')[7]; h.click(); h.click(); "
                    + "return Array.from(document.querySelectorAll('table.trades tbody tr')).map(function (tr) { "
                    + "return parseFloat(tr.children[7].textContent.replace(/,/g, '')); }); })()");
            double best = r.trades().stream().mapToDouble(x -> dev.hft.core.Fixed.toDouble(x.pnl())).max()
                    .orElseThrow();
            assertThat(pnl.get(0).asDouble()).as("largest P&L first after two clicks").isCloseTo(best,
                    org.assertj.core.api.Assertions.within(0.005));
            for (int k = 1; k < pnl.size(); k++) {
                assertThat(pnl.get(k).asDouble()).isLessThanOrEqualTo(pnl.get(k - 1).asDouble());
            }
            long longs = r.trades().stream().filter(x -> x.side() == dev.hft.core.Side.BUY).count();
            assertThat(chrome.eval("(function () { var s = document.querySelector('select[data-filter=sides]'); "
                    + "s.value = 'long'; s.dispatchEvent(new Event('change')); "
                    + "return document.querySelector('table.trades').getAttribute('data-rows'); })()").asLong())
                    .as("only the long trades").isEqualTo(longs);
            assertThat(chrome.errors()).isEmpty();
        }
    }
}
