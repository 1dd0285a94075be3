package dev.hft.app;

import static dev.hft.app.CliTest.hft;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hft.research.HeadlessChrome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hft optimize and hft walkforward as a user meets them, and their report.html in a real browser. */
class ResearchCliTest {
    private static final String[] SEARCH = {"--strategy", "sma-cross", "--space", "fast=5,20", "--space",
        "slow=120,480", "--days", "24", "--symbol", "BTCUSDT", "--min-trades", "3"};

    @TempDir
    Path tmp;

    private static String[] args(String command, Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of(command));
        a.addAll(List.of(SEARCH));
        a.addAll(List.of(extra));
        a.add("--out");
        a.add(out.toString());
        return a.toArray(new String[0]);
    }

    @Test
    void optimizeWritesTrialsSummaryAndReportAndTheSameBytesOnAnyThreadCount() throws Exception {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        CliTest.Run ra = hft(args("optimize", a, "--threads", "1"));
        CliTest.Run rb = hft(args("optimize", b, "--threads", "2"));
        assertThat(ra.code()).as(ra.err()).isZero();
        assertThat(rb.code()).as(rb.err()).isZero();
        assertThat(ra.out()).contains("4 points in the space", "best: #", "in-sample", "out-of-sample", "VERDICT:",
                "bar-evaluations/s");
        assertThat(a.resolve("trials.jsonl")).exists(); // the checkpoint: trials in completion order, so not compared
        for (String f : List.of("summary.json", "trials.csv", "report.html", "trades.csv", "equity.csv",
                "holdout-trades.csv", "holdout-equity.csv")) {
            assertThat(Files.readAllBytes(b.resolve(f))).as(f).isEqualTo(Files.readAllBytes(a.resolve(f)));
        }
        List<String> trials = Files.readAllLines(a.resolve("trials.csv"));
        assertThat(trials.get(0)).isEqualTo("id,rung,budget,status,score,fast,slow,trades,win_rate_pct,return_pct,"
                + "sharpe,profit_factor,max_drawdown_pct,bars,note");
        assertThat(trials).hasSize(5);
        JsonNode s = new ObjectMapper().readTree(a.resolve("summary.json").toFile());
        assertThat(s.at("/significance/trials").asInt()).isEqualTo(4);
        assertThat(s.at("/significance/verdict").asText()).startsWith("VERDICT:");
        assertThat(s.at("/outOfSample/from").asText()).isGreaterThanOrEqualTo(s.at("/inSample/to").asText());
        assertThat(s.at("/outOfSample/confidence95/sharpe")).hasSize(2);
        assertThat(s.at("/inSample/regimes").size()).isPositive();
        // the best trial's own files agree with its figures in summary.json
        assertThat(Files.readAllLines(a.resolve("trades.csv"))).as("header and one row per in-sample trade")
                .hasSize(1 + s.at("/inSample/trades").asInt());
        assertThat(Files.readAllLines(a.resolve("holdout-trades.csv")))
                .hasSize(1 + s.at("/outOfSample/trades").asInt());
        List<String> equity = Files.readAllLines(a.resolve("equity.csv"));
        assertThat(equity.get(0)).isEqualTo("time,equity");
        assertThat(equity.get(1)).startsWith(s.at("/inSample/from").asText().substring(0, 10));
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("a", "b");
        }
    }

    @Test
    void anInterruptedOptimizationResumesFromItsCheckpoint() throws Exception {
        Path first = tmp.resolve("first");
        assertThat(hft(args("optimize", first)).code()).isZero();
        // an interrupted run leaves its checkpoint beside the target; keep two finished trials of it
        Path out = tmp.resolve("again");
        List<String> lines = Files.readAllLines(first.resolve("trials.jsonl"));
        Files.write(tmp.resolve(".again.trials.jsonl"), lines.subList(0, 3));
        CliTest.Run r = hft(args("optimize", out));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("resuming: 2 trials already done", "2 resumed from the checkpoint");
        assertThat(Files.readAllBytes(out.resolve("summary.json")))
                .isEqualTo(Files.readAllBytes(first.resolve("summary.json")));
        assertThat(tmp.resolve(".again.trials.jsonl")).doesNotExist();
    }

    @Test
    void withoutASpaceTheStrategysDeclaredSearchRangesAreWalked() {
        Path out = tmp.resolve("declared");
        CliTest.Run r = hft("optimize", "--strategy", "sma-cross", "--days", "3", "--holdout", "0", "--out",
                out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("no --space: searching the declared ranges {fast=5:50:5, slow=20:200:20}",
                "100 points in the space");
        assertThat(dev.hft.research.ParamSpace.declared(new dev.hft.strategies.LiquidationHunter.Factory()))
                .containsOnlyKeys("extreme", "volumeSpike", "takeProfit", "stopLoss")
                .containsEntry("stopLoss", "0.004:0.016:0.004");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dev.hft.api.ParamSpec.integer("n", 5,
                1, 10, "x").search(0, 20, 1)).hasMessageContaining("must lie in [1, 10]");
    }

    @Test
    void badSearchInputIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path out = tmp.resolve("bad");
        CliTest.Run r = hft("optimize", "--strategy", "sma-cross", "--space", "fats=1,2", "--out", out.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("no parameter 'fats'", "known: fast, slow");
        r = hft(args("optimize", out, "--objective", "luck"));
        assertThat(r.err()).contains("unknown objective 'luck'");
        r = hft(args("optimize", out, "--holdout", "1.5"));
        assertThat(r.err()).contains("--holdout must be in [0, 1)");
        r = hft(args("optimize", out, "--cpcv", "6"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--cpcv must be GROUPS,TEST", "'6'");
        r = hft(args("optimize", out, "--cpcv", "6,6"));
        assertThat(r.err()).contains("--cpcv: CPCV test groups must be in [1, 5], got 6");
        r = hft(args("optimize", out, "--cpcv", "16,2"));
        assertThat(r.err()).contains("--cpcv: CPCV needs at least 2 days per group", "for 16 groups");
        r = hft(args("walkforward", out, "--train", "30x"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--train must be like 30d");
        r = hft(args("walkforward", out, "--train", "30d", "--test", "10d"));
        assertThat(r.err()).contains("too short");
        Path spaceFile = tmp.resolve("space.yaml");
        Files.writeString(spaceFile, "space: [1, 2]\n");
        r = hft("optimize", "--strategy", "sma-cross", "--space-file", spaceFile.toString(), "--out", out.toString());
        assertThat(r.err()).contains("space.yaml: expected a 'space:' map");
        try (Stream<Path> left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsOnly("space.yaml");
        }
    }

    @Test
    void spaceFileAndWalkForwardReportWork() throws Exception {
        Path spaceFile = tmp.resolve("space.yaml");
        Files.writeString(spaceFile, "space:\n  fast: [5, 20]\n  slow: \"120:480:360\"\n");
        Path out = tmp.resolve("wf");
        CliTest.Run r = hft("walkforward", "--strategy", "sma-cross", "--space-file", spaceFile.toString(),
                "--days", "24", "--symbol", "BTCUSDT", "--min-trades", "3", "--train", "10d", "--test", "4d",
                "--purge", "1d", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("3 rolling windows", "window 0", "window 2", "stitched out-of-sample");
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(s.get("windows")).hasSize(3);
        assertThat(s.get("trials").asInt()).isEqualTo(12);
        assertThat(Files.readAllLines(out.resolve("trials.csv")).get(0)).startsWith("window,id,");

        List<String> errors = new ArrayList<>();
        List<String> names = HeadlessChrome.reportCharts(out.resolve("report.html"), errors);
        assertThat(errors).isEmpty();
        assertThat(names).contains("equity", "drawdown", "price-BTCUSDT", "monthly", "regimes", "wf-params",
                "wf-curves");
        // the efficiency is the stitched run's annualised return over the windows' mean in-sample one
        double is = s.get("inSampleAnnualisedPct").asDouble();
        double oos = s.get("outOfSampleAnnualisedPct").asDouble();
        if (is > 0) {
            assertThat(s.get("walkForwardEfficiency").asDouble()).isCloseTo(oos / is, org.assertj.core.data.Offset
                    .offset(1e-5));
        } else {
            assertThat(s.get("walkForwardEfficiency").isNull()).isTrue();
        }
        assertThat(s.at("/windows/0/paramValues/fast").isNumber()).as("the chosen values, as numbers").isTrue();
    }

    @Test
    void optimizationReportHasHeatmapAndInSampleAgainstOutOfSampleInABrowser() throws Exception {
        Path out = tmp.resolve("o");
        CliTest.Run run = hft(args("optimize", out, "--cpcv", "4,2"));
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("CPCV 4,2: 6 splits, 3 out-of-sample paths");
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(s.at("/cpcv/splits").asInt()).isEqualTo(6);
        assertThat(s.at("/cpcv/pathSharpes")).hasSize(3);
        assertThat(s.at("/cpcv/purgeDays").asInt()).isEqualTo(1);
        assertThat(s.at("/stability/lines")).hasSize(2);
        assertThat(s.at("/stability/chosenScore").asDouble()).isEqualTo(s.at("/best/score").asDouble());
        assertThat(s.at("/significance/effectiveTrials").asDouble()).isBetween(1.0, 4.0);
        List<String> errors = new ArrayList<>();
        List<String> names = HeadlessChrome.reportCharts(out.resolve("report.html"), errors);
        assertThat(errors).isEmpty();
        assertThat(Files.readString(out.resolve("report.html"))).contains("\"confidence\":[[\"sharpe\"");
        assertThat(names).contains("heatmap", "is-vs-oos", "equity", "oos_equity", "price-BTCUSDT",
                "oos_price-BTCUSDT", "cpcv", "stability-0", "stability-1");
        // the decision first: verdict, in-sample against out-of-sample, the search; the full reports collapsed below
        try (HeadlessChrome chrome = HeadlessChrome.start(HeadlessChrome.browserOrSkip())) {
            chrome.load(out.resolve("report.html").toUri().toString());
            JsonNode order = chrome.eval("Array.from(document.querySelectorAll('#main > section > h2, "
                    + "#main > details > summary')).map(function (e) { return e.textContent; })");
            List<String> titles = new ArrayList<>();
            order.forEach(n -> titles.add(n.asText()));
            assertThat(titles.get(0)).isEqualTo("Verdict");
            assertThat(titles).as("%s", titles).containsSubsequence("Verdict", "In-sample vs out-of-sample",
                    "Full report of the best trial, in-sample (click to open)",
                    "Full report of the best trial, out-of-sample (click to open)");
            int heatmap = titles.indexOf(titles.stream().filter(t -> t.startsWith("Parameter heatmap")).findFirst()
                    .orElseThrow());
            assertThat(heatmap).as("the search comes before the full reports")
                    .isLessThan(titles.indexOf("Full report of the best trial, in-sample (click to open)"));
            assertThat(chrome.eval("document.querySelector('details.run').open").asBoolean()).isFalse();
        }
    }

    @Test
    void backtestWritesReportHtml() throws Exception {
        Path out = tmp.resolve("bt");
        assertThat(hft("backtest", "--days", "10", "--out", out.toString()).code()).isZero();
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("Backtest: liquidation-hunter on BTCUSDT, ETHUSDT", "echarts",
                "labels planted by the synthetic generator");
    }

    @Test
    void thePriceChartShowsEveryBarAroundATradeAndAggregatesWhenZoomedOut() throws Exception {
        Path out = tmp.resolve("px");
        assertThat(hft("backtest", "--days", "30", "--symbol", "BTCUSDT", "--out", out.toString()).code()).isZero();
        List<String> trades = Files.readAllLines(out.resolve("trades.csv"));
        assertThat(trades.size()).as("the run traded").isGreaterThan(1);
        try (HeadlessChrome chrome = HeadlessChrome.start(HeadlessChrome.browserOrSkip())) {
            chrome.load(out.resolve("report.html").toUri().toString());
            assertThat(chrome.errors()).isEmpty();
            String dom = "document.querySelector('[data-chart=\"price-BTCUSDT\"]')";
            // 30 days in one view: 1-hour candles (720; 15-minute ones would be 2,880, over the 1,500 a view shows)
            assertThat(chrome.eval(dom + ".getAttribute('data-level-ms')").asText()).isEqualTo("3600000");
            assertThat(chrome.eval(dom + ".getAttribute('data-candles')").asInt()).isBetween(700, 721);
            // the strategy's own lines, and the trade's marks, are series of the chart
            JsonNode names = chrome.eval("window.hftReport.charts.filter(function (c) { return c.name === "
                    + "'price-BTCUSDT'; })[0].chart.getOption().series.map(function (s) { return s.name; })");
            List<String> series = new ArrayList<>();
            names.forEach(n -> series.add(n.asText()));
            assertThat(series).contains("price", "SMA 50", "SMA 200", "buy band", "sell band", "stop", "take-profit",
                    "long entry", "short entry", "winning exit", "losing exit");
            // a click on the first trade zooms to it: every 1-minute bar, as many as the span has
            chrome.eval("(function () { document.querySelector('table[data-rows] tr.win, table[data-rows] tr.loss')"
                    + ".click(); return true; })()");
            assertThat(chrome.eval(dom + ".getAttribute('data-level-ms')").asText()).isEqualTo("60000");
            assertThat(chrome.eval(dom + ".getAttribute('data-candles')").asInt()).isGreaterThan(30);
            assertThat(chrome.errors()).isEmpty();
            chrome.screenshot(Path.of("target", "screenshots", "price-zoomed-to-a-trade.png"),
                    "[data-chart=\"price-BTCUSDT\"]");
        }
    }

    @Test
    void theSearchSectionsDrawEveryTrialAndAnyPairOfParameters() throws Exception {
        Path out = tmp.resolve("lh");
        CliTest.Run r = hft("optimize", "--space", "takeProfit=0.01,0.02", "--space", "stopLoss=0.004,0.012",
                "--space", "extreme=0.05,0.1,0.2", "--days", "16", "--symbol", "BTCUSDT", "--min-trades", "1",
                "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertThat(s.get("parameterImportance").size()).isEqualTo(3);
        s.get("parameterImportance").forEach(v -> assertThat(v.asDouble()).isBetween(0.0, 1.0));
        List<String> errors = new ArrayList<>();
        List<String> names = HeadlessChrome.reportCharts(out.resolve("report.html"), errors);
        assertThat(errors).isEmpty();
        assertThat(names).contains("is-oos-scatter", "importance", "heatmap", "parallel", "stability-2");
        try (HeadlessChrome chrome = HeadlessChrome.start(HeadlessChrome.browserOrSkip())) {
            chrome.load(out.resolve("report.html").toUri().toString());
            // the heatmap's pair is chosen in two lists: takeProfit x stopLoss has 4 cells, takeProfit x extreme 6
            String cells = "document.querySelector('select[data-axis=y]').closest('section')"
                    + ".getAttribute('data-cells')";
            assertThat(chrome.eval(cells).asText()).isEqualTo("4");
            chrome.eval("(function () { var y = document.querySelector('select[data-axis=y]'); y.value = '2'; "
                    + "y.dispatchEvent(new Event('change')); return true; })()");
            assertThat(chrome.eval(cells).asText()).isEqualTo("6");
            // every counted trial is one point of the scatter, the chosen one apart
            int counted = (int) Files.readAllLines(out.resolve("trials.csv")).stream().filter(l -> l.contains(",ok,"))
                    .count();
            assertThat(chrome.eval("window.hftReport.charts.filter(function (c) { return c.name === "
                    + "'is-oos-scatter'; })[0].chart.getOption().series.reduce(function (n, x) { "
                    + "return n + x.data.length; }, 0)").asInt()).isEqualTo(counted);
        }
    }

    @Test
    void noTableOverflowsItsCardAt1400Or1920PixelsAndEachPageIsScreenshotted() throws Exception {
        Path bt = tmp.resolve("bt");
        assertThat(hft("backtest", "--days", "10", "--out", bt.toString()).code()).isZero();
        Path opt = tmp.resolve("opt");
        assertThat(hft(args("optimize", opt, "--cpcv", "4,2")).code()).isZero();
        Path wf = tmp.resolve("wf");
        assertThat(hft(args("walkforward", wf, "--train", "10d", "--test", "4d")).code()).isZero();
        Path shots = Path.of("target", "screenshots");
        try (HeadlessChrome chrome = HeadlessChrome.start(HeadlessChrome.browserOrSkip())) {
            for (int width : new int[] {1400, 1920}) {
                chrome.viewport(width, 1000);
                for (Path page : List.of(bt, opt, wf)) {
                    chrome.load(page.resolve("report.html").toUri().toString());
                    // open the collapsed full reports, so their tables are measured too
                    chrome.eval("(function () { document.querySelectorAll('details').forEach(function (d) { "
                            + "d.open = true; }); return true; })()");
                    assertThat(chrome.overflowingTables()).as("%s at %d px", page.getFileName(), width).isEmpty();
                    Path png = shots.resolve("report-" + page.getFileName() + "-" + width + ".png");
                    chrome.screenshot(png);
                    assertThat(Files.size(png)).isPositive();
                }
            }
            assertThat(chrome.errors()).isEmpty();
        }
    }
}
