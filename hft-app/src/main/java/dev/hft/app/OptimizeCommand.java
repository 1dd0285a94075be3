package dev.hft.app;

import dev.hft.backtest.RunResult;
import dev.hft.backtest.report.ReportWriter;
import dev.hft.research.Confidence;
import dev.hft.research.Dataset;
import dev.hft.research.Holdout;
import dev.hft.research.HtmlReport;
import dev.hft.research.OptimizationResult;
import dev.hft.research.Optimizer;
import dev.hft.research.SearchSpec;
import dev.hft.research.Regimes;
import dev.hft.research.ReportData;
import dev.hft.research.TrialStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hft optimize}: searches a parameter space in-sample and checks the best point on a holdout. */
@Command(name = "optimize", sortOptions = false,
        description = {"Search strategy parameters on the in-sample period, then run the best on a holdout the "
            + "search never saw, and say whether the best result is distinguishable from luck (deflated Sharpe, "
            + "probability of backtest overfitting). Rerun with the same --out to resume an interrupted search."})
final class OptimizeCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    RunOptions run = new RunOptions();

    @CommandLine.Mixin
    SearchOptions search = new SearchOptions();

    @Option(names = "--holdout", paramLabel = "FRACTION",
            description = "Share of the period at the end held out of the search (default 0.25; 0 = none).")
    double holdout = 0.25;

    @Option(names = "--purge", paramLabel = "DURATION",
            description = "Gap between the in-sample period and the holdout, e.g. 1d (default 0).")
    String purge = "0";

    @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default runs/opt-<run-id>).")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        if (!(holdout >= 0 && holdout < 1)) {
            throw new UserError("--holdout must be in [0, 1), got " + holdout);
        }
        long purgeMs = Durations.parseMs("--purge", purge);
        RunOptions.Resolved r = run.resolve(stdout);
        SearchSpec os = search.spec(r.config());
        if (search.declaredNote != null) {
            stdout.println(search.declaredNote);
        }
        Dataset data = new Dataset(r.instruments(), r.series());
        Dataset is;
        try {
            is = holdout > 0 ? Holdout.inSample(data, holdout, purgeMs) : data;
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage(), e);
        }
        Path target = out != null ? out : Path.of("runs", "opt-" + BacktestCommand.runId());
        Path abs = target.toAbsolutePath().normalize();
        Path checkpoint = abs.resolveSibling("." + abs.getFileName() + ".trials.jsonl");
        try (RunDirectory dir = RunDirectory.create(target, spec.commandLine().getOut())) {
            stdout.printf(Locale.ROOT, "optimize %s over %s: %d points in the space, objective %s%n",
                    os.space().strategy(), os.space().describe().substring(os.space().strategy().length() + 1),
                    os.space().size(), os.objective().label());
            stdout.printf(Locale.ROOT, "in-sample %s .. %s%s%n", ReportWriter.iso(is.startMs()),
                    ReportWriter.iso(is.endMs()), holdout > 0 ? String.format(Locale.ROOT,
                            "; holdout %s .. %s (never seen by the search)",
                            ReportWriter.iso(Holdout.splitMs(data, holdout)), ReportWriter.iso(data.endMs()))
                            : "; no holdout");
            stdout.flush();
            Holdout h;
            OptimizationResult o;
            try (TrialStore store = TrialStore.open(checkpoint, Optimizer.fingerprint(os, is))) {
                if (store.completedCount() > 0) {
                    stdout.printf(Locale.ROOT, "resuming: %d trials already done in %s%n", store.completedCount(),
                            checkpoint);
                    stdout.flush();
                }
                ProgressBar bar = ProgressBar.on(spec.commandLine().getErr(), "optimize ");
                if (holdout > 0) {
                    h = Holdout.run(os, data, holdout, purgeMs, store, bar);
                    o = h.inSample();
                } else {
                    o = Optimizer.run(os, data, store, bar);
                    h = new Holdout(o, Holdout.bestRun(os, data, o), null, data.endMs(), 0);
                }
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage(), e);
            }
            write(dir.path(), r, data, is, h);
            Files.move(checkpoint, dir.path().resolve("trials.jsonl"), StandardCopyOption.REPLACE_EXISTING);
            dir.commit();
            print(stdout, h, target);
        }
        return Main.EXIT_OK;
    }

    private void write(Path dir, RunOptions.Resolved r, Dataset data, Dataset is, Holdout h) throws IOException {
        OptimizationResult o = h.inSample();
        ResearchFiles.writeTrials(dir.resolve("trials.csv"), o, null);
        List<byte[]> labels = Regimes.labels(r.series(), r.regimeLabels());
        Dataset oosData = h.outSample() == null ? null : data.slice(h.splitMs(), data.endMs());
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("strategy", o.spec().space().strategy());
        j.put("space", o.spec().space().describe());
        j.put("sampler", o.spec().sampler().name().toLowerCase(Locale.ROOT));
        j.put("objective", o.spec().objective().label());
        Map<String, Object> constraints = new LinkedHashMap<>();
        constraints.put("minTrades", o.spec().constraints().minTrades());
        constraints.put("maxDrawdownPct", o.spec().constraints().maxDrawdownPct());
        j.put("constraints", constraints);
        j.put("sampleSeed", o.spec().seed());
        j.put("data", r.dataLabel());
        j.put("pointsEvaluated", o.sampled());
        j.put("evaluations", o.trials().size());
        j.put("significance", ResearchFiles.significance(o.significance()));
        if (o.best() != null) {
            Map<String, Object> best = new LinkedHashMap<>();
            best.put("trial", o.best().id());
            best.put("params", o.best().params());
            best.put("score", ReportWriter.num(o.best().score()));
            j.put("best", best);
            List<byte[]> isLabels = Regimes.slice(r.series(), labels, is.series());
            j.put("inSample", ResearchFiles.figures(h.isBest(), is.series(), isLabels));
            if (h.outSample() != null) {
                List<byte[]> oosLabels = Regimes.slice(r.series(), labels, oosData.series());
                j.put("outOfSample", ResearchFiles.figures(h.outSample(), oosData.series(), oosLabels));
            }
        }
        ReportWriter.writeJson(dir.resolve("summary.json"), j);
        // the best trial's own files, as a backtest writes them: in-sample, and on the holdout when there is one
        if (h.isBest() != null) {
            ReportWriter.writeTradesAndEquity(dir, "", h.isBest());
        }
        if (h.outSample() != null) {
            ReportWriter.writeTradesAndEquity(dir, "holdout-", h.outSample());
        }

        Map<String, Object> page = ReportData.optimization("Optimization: " + o.spec().space().describe(), o);
        page.put("subtitle", r.dataLabel() + "; regimes: " + r.regimeSource());
        if (h.isBest() != null) {
            List<byte[]> isLabels = Regimes.slice(r.series(), labels, is.series());
            ReportData.addRun(page, "", h.isBest(), is.series(), Regimes.breakdown(h.isBest(), is.series(),
                    isLabels));
        }
        if (h.outSample() != null) {
            RunResult oos = h.outSample();
            List<byte[]> oosLabels = Regimes.slice(r.series(), labels, oosData.series());
            ReportData.addRun(page, "oos_", oos, oosData.series(), Regimes.breakdown(oos, oosData.series(),
                    oosLabels));
            page.put("compare", ReportData.compare(h.isBest(), oos));
            page.put("confidence", confidenceRows(h.isBest(), oos));
        }
        HtmlReport.write(dir.resolve("report.html"), page);
        Map<String, Object> runJson = new LinkedHashMap<>();
        runJson.put("hftVersion", dev.hft.core.BuildInfo.VERSION);
        runJson.put("elapsedMs", o.elapsedNanos() / 1_000_000);
        runJson.put("barEvaluationsPerSecond", (long) o.barsPerSecond());
        runJson.put("threads", o.spec().threads());
        runJson.put("evaluator", o.evaluator());
        ReportWriter.writeJson(dir.resolve("run.json"), runJson);
    }

    /** Bootstrap 95% intervals, in-sample and out-of-sample, as table rows. */
    static List<List<Object>> confidenceRows(RunResult is, RunResult oos) {
        Map<String, List<Double>> a = Confidence.of(is, ResearchFiles.BOOTSTRAP_SEED);
        Map<String, List<Double>> b = Confidence.of(oos, ResearchFiles.BOOTSTRAP_SEED);
        List<List<Object>> rows = new java.util.ArrayList<>();
        for (String k : a.keySet()) {
            rows.add(List.of(k, range(a.get(k)), range(b.get(k))));
        }
        return rows;
    }

    private static String range(List<Double> r) {
        return r == null ? "n/a" : String.format(Locale.ROOT, "%.3f .. %.3f", r.get(0), r.get(1));
    }

    private static void print(PrintWriter out, Holdout h, Path target) {
        OptimizationResult o = h.inSample();
        ResearchFiles.printTrialsLine(out, o);
        if (o.best() == null) {
            out.println("no trial met the constraints (see trials.csv for why)");
        } else {
            out.printf(Locale.ROOT, "best: #%d %s  %s %.3f%n", o.best().id(), o.best().params(),
                    o.spec().objective().label(), o.best().score());
            if (h.outSample() != null) {
                out.println(String.format(Locale.ROOT, "%-16s %12s %12s", "", "in-sample", "out-of-sample"));
                for (List<Object> row : ReportData.compare(h.isBest(), h.outSample())) {
                    out.println(String.format(Locale.ROOT, "%-16s %12s %12s", row.get(0), row.get(1), row.get(2)));
                }
            }
        }
        out.println(o.significance().verdict());
        out.println("results: " + target + " (summary.json, trials.csv, the best trial's trades.csv and equity.csv"
                + (h.outSample() != null ? " and its holdout-trades.csv and holdout-equity.csv" : "")
                + ", report.html)");
    }
}
