package dev.hft.app;

import dev.hft.backtest.report.Metrics;
import dev.hft.backtest.report.ReportWriter;
import dev.hft.research.Dataset;
import dev.hft.research.HtmlReport;
import dev.hft.research.OptimizationResult;
import dev.hft.research.SearchSpec;
import dev.hft.research.Regimes;
import dev.hft.research.ReportData;
import dev.hft.research.WalkForward;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hft walkforward}: re-optimizes on each train window and trades the next test window with the result. */
@Command(name = "walkforward", sortOptions = false,
        description = {"Walk-forward validation: optimize on each train window, trade the following test window "
            + "with the best parameters, and stitch the test windows into one out-of-sample equity curve."})
final class WalkForwardCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    RunOptions run = new RunOptions();

    @CommandLine.Mixin
    SearchOptions search = new SearchOptions();

    @Option(names = "--train", paramLabel = "DURATION", description = "Train window, e.g. 30d (default 30d).")
    String train = "30d";

    @Option(names = "--test", paramLabel = "DURATION", description = "Test window, e.g. 10d (default 10d).")
    String test = "10d";

    @Option(names = "--purge", paramLabel = "DURATION",
            description = "Gap between each train window and its test window (default 0).")
    String purge = "0";

    @Option(names = "--anchored", description = "Train windows all start at the beginning (default: rolling).")
    boolean anchored;

    @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default runs/wf-<run-id>).")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        long trainMs = Durations.parseMs("--train", train);
        long testMs = Durations.parseMs("--test", test);
        long purgeMs = Durations.parseMs("--purge", purge);
        if (trainMs == 0 || testMs == 0) {
            throw new UserError("--train and --test must be longer than 0");
        }
        RunOptions.Resolved r = run.resolve(stdout);
        SearchSpec os = search.spec(r.config());
        Dataset data = new Dataset(r.instruments(), r.series());
        List<WalkForward.Window> windows;
        try {
            windows = WalkForward.windows(data.startMs(), data.endMs(), trainMs, testMs, purgeMs, anchored);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        Path target = out != null ? out : Path.of("runs", "wf-" + BacktestCommand.runId());
        try (RunDirectory dir = RunDirectory.create(target, spec.commandLine().getOut())) {
            stdout.printf(Locale.ROOT, "walk-forward %s: %d %s windows (train %s, test %s, purge %s), %d points each%n",
                    os.space().describe(), windows.size(), anchored ? "anchored" : "rolling", train, test, purge,
                    os.space().size());
            stdout.flush();
            WalkForward.Result wf = WalkForward.run(os, data, windows, ProgressBar.on(spec.commandLine().getErr(),
                    "walk-forward "));
            List<Map<String, Object>> rows = rows(wf);
            List<OptimizationResult> opts = new ArrayList<>();
            List<String> names = new ArrayList<>();
            wf.windows().forEach(w -> {
                opts.add(w.optimization());
                names.add(Integer.toString(w.window().index()));
            });
            ResearchFiles.writeTrials(dir.path().resolve("trials.csv"), opts, names);
            List<byte[]> labels = Regimes.labels(r.series(), r.regimeLabels());
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("space", os.space().describe());
            j.put("objective", os.objective().label());
            j.put("mode", anchored ? "anchored" : "rolling");
            j.put("train", train);
            j.put("test", test);
            j.put("purge", purge);
            j.put("data", r.dataLabel());
            j.put("trials", wf.trials());
            j.put("windows", rows);
            Map<String, Object> curves = ReportData.walkCurves(wf);
            j.put("inSampleAnnualisedPct", curves.get("inSampleAnnualisedPct"));
            j.put("outOfSampleAnnualisedPct", curves.get("outOfSampleAnnualisedPct"));
            j.put("walkForwardEfficiency", curves.get("efficiency"));
            j.put("outOfSample", ResearchFiles.figures(wf.stitched(), r.series(), labels));
            ReportWriter.writeJson(dir.path().resolve("summary.json"), j);

            Map<String, Object> page = new LinkedHashMap<>();
            page.put("kind", "walk-forward");
            page.put("title", "Walk-forward: " + os.space().describe());
            page.put("subtitle", r.dataLabel() + "; regimes: " + r.regimeSource());
            page.put("walkForward", rows);
            page.put("walkCurves", curves);
            ReportData.addRun(page, "", wf.stitched(), r.series(), Regimes.breakdown(wf.stitched(), r.series(),
                    labels));
            HtmlReport.write(dir.path().resolve("report.html"), page);
            dir.commit();

            Metrics m = Metrics.of(wf.stitched());
            for (Map<String, Object> row : rows) {
                stdout.printf(Locale.ROOT, "window %s  test %s  %s  test return %s%%  trades %s  %s%n",
                        row.get("index"), row.get("test"), row.get("params"), row.get("testReturnPct"),
                        row.get("testTrades"), row.get("verdict"));
            }
            stdout.printf(Locale.ROOT, "stitched out-of-sample: return %.2f%%, Sharpe %s, win rate %.1f%%, max "
                    + "drawdown %.2f%%, %d trades, %d trials in all%n", m.totalReturnPct,
                    m.sharpe == null ? "n/a" : String.format(Locale.ROOT, "%.2f", m.sharpe), m.winRatePct,
                    m.maxDrawdownPct, m.trades, wf.trials());
            stdout.println("results: " + target + " (summary.json, trials.csv, report.html)");
        }
        return Main.EXIT_OK;
    }

    private static List<Map<String, Object>> rows(WalkForward.Result wf) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (WalkForward.WindowResult w : wf.windows()) {
            OptimizationResult o = w.optimization();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("index", w.window().index());
            row.put("train", day(w.window().trainFromMs()) + " .. " + day(w.window().trainToMs() - 1));
            row.put("test", day(w.window().testFromMs()) + " .. " + day(w.window().testToMs() - 1));
            row.put("params", o.best() == null ? "none met the constraints" : o.best().params().toString());
            row.put("testFrom", ReportWriter.iso(w.window().testFromMs()));
            Map<String, Object> values = new LinkedHashMap<>(); // the chosen values, numbers where they are numbers
            if (o.best() != null) {
                o.best().params().forEach((k, v) -> values.put(k, number(v)));
            }
            row.put("paramValues", values);
            row.put("score", o.best() == null ? null : ReportWriter.num(o.best().score()));
            Metrics m = w.test() == null ? null : Metrics.of(w.test());
            row.put("testReturnPct", m == null ? ReportWriter.num(0) : ReportWriter.num(m.totalReturnPct));
            row.put("testTrades", m == null ? 0 : m.trades);
            row.put("verdict", o.significance().significant() ? "significant" : "not significant");
            rows.add(row);
        }
        return rows;
    }

    private static Object number(String v) {
        try {
            return new java.math.BigDecimal(v);
        } catch (NumberFormatException e) {
            return v;
        }
    }

    private static String day(long ms) {
        return ReportWriter.iso(ms).substring(0, 10);
    }
}
