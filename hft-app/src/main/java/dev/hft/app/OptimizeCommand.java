package dev.hft.app;

import dev.hft.backtest.RunResult;
import dev.hft.backtest.report.ReportWriter;
import dev.hft.research.Confidence;
import dev.hft.research.Cpcv;
import dev.hft.research.Dataset;
import dev.hft.research.Holdout;
import dev.hft.research.HtmlReport;
import dev.hft.research.OptimizationResult;
import dev.hft.research.Optimizer;
import dev.hft.research.SearchSpec;
import dev.hft.research.Regimes;
import dev.hft.research.ReportData;
import dev.hft.research.TrialResult;
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

    @Option(names = "--cpcv", paramLabel = "GROUPS,TEST", description = "Also cross-validate the choice by "
            + "combinatorial purged cross-validation: cut the in-sample days into GROUPS groups, and for every way to "
            + "test TEST of them choose on the rest; e.g. 6,2 gives 15 splits and 5 out-of-sample paths (default: "
            + "off).")
    String cpcv;

    @Option(names = "--cpcv-purge", paramLabel = "DAYS", description = "CPCV: training days left out before each "
            + "test group (default 1).")
    int cpcvPurge = 1;

    @Option(names = "--cpcv-embargo", paramLabel = "DAYS", description = "CPCV: training days left out after each "
            + "test group (default 1).")
    int cpcvEmbargo = 1;

    @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default runs/opt-<run-id>).")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        if (!(holdout >= 0 && holdout < 1)) {
            throw new UserError("--holdout must be in [0, 1), got " + holdout);
        }
        long purgeMs = Durations.parseMs("--purge", purge);
        int[] cv = cpcvCounts();
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
        if (cv != null) {
            String problem = Cpcv.check((int) ((is.endMs() - is.startMs()) / 86_400_000L), cv[0], cv[1], cpcvPurge,
                    cpcvEmbargo);
            if (problem != null) {
                throw new UserError("--cpcv: " + problem);
            }
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
            Cpcv c;
            try {
                c = cv == null ? null : Cpcv.of(h.inSample(), cv[0], cv[1], cpcvPurge, cpcvEmbargo);
            } catch (IllegalArgumentException e) {
                throw new UserError("--cpcv: " + e.getMessage(), e);
            }
            // every counted trial on the holdout too, for the report's scatter (the choice is already made)
            List<TrialResult> holdoutTrials = h.outSample() == null ? null : Optimizer.evaluateAll(os,
                    data.slice(h.splitMs(), data.endMs()), h.inSample().fullRuns().stream()
                            .filter(TrialResult::ok).toList());
            write(dir.path(), r, data, is, h, c, holdoutTrials);
            Files.move(checkpoint, dir.path().resolve("trials.jsonl"), StandardCopyOption.REPLACE_EXISTING);
            dir.commit();
            print(stdout, h, c, target);
        }
        return Main.EXIT_OK;
    }

    /** {@code --cpcv GROUPS,TEST} as two numbers, or null when off; a clear error when malformed. */
    private int[] cpcvCounts() {
        if (cpcv == null) {
            return null;
        }
        String[] parts = cpcv.split(",");
        int[] n = new int[2];
        try {
            if (parts.length != 2) {
                throw new NumberFormatException();
            }
            n[0] = Integer.parseInt(parts[0].trim());
            n[1] = Integer.parseInt(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new UserError("--cpcv must be GROUPS,TEST (two whole numbers, e.g. 6,2), got '" + cpcv + "'");
        }
        String problem = Cpcv.check(Integer.MAX_VALUE, n[0], n[1], cpcvPurge, cpcvEmbargo);
        if (problem != null) {
            throw new UserError("--cpcv: " + problem);
        }
        return n;
    }

    private void write(Path dir, RunOptions.Resolved r, Dataset data, Dataset is, Holdout h, Cpcv c,
                       List<TrialResult> holdoutTrials) throws IOException {
        Map<String, Object> search = ReportData.search(h.inSample(), holdoutTrials);
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
        if (c != null) {
            j.put("cpcv", ResearchFiles.cpcv(c));
        }
        j.put("stability", ReportData.stability(o));
        if (search != null) {
            Map<String, Object> importance = new LinkedHashMap<>();
            for (Object p : (List<?>) search.get("importance")) {
                Map<?, ?> m = (Map<?, ?>) p;
                importance.put((String) m.get("param"), m.get("share"));
            }
            j.put("parameterImportance", importance);
            if (search.containsKey("rankCorrelation")) {
                j.put("holdoutRankCorrelation", search.get("rankCorrelation"));
            }
        }
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
        if (c != null) {
            page.put("cpcv", ReportData.cpcv(c));
        }
        if (search != null) {
            page.put("search", search);
        }
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

    private static void print(PrintWriter out, Holdout h, Cpcv c, Path target) {
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
        if (c != null) {
            double[] s = ReportData.annualised(c.pathSharpes());
            java.util.Arrays.sort(s);
            out.printf(Locale.ROOT, "CPCV %d,%d: %d splits, %d out-of-sample paths; annualised Sharpe median %.2f "
                    + "(worst %.2f, best %.2f); %.0f%% of paths made money%n", c.groups(), c.testGroups(), c.splits(),
                    c.paths(), c.medianSharpe() * Math.sqrt(365), s[0], s[s.length - 1], 100 * c.shareProfitable());
        }
        out.println("results: " + target + " (summary.json, trials.csv, the best trial's trades.csv and equity.csv"
                + (h.outSample() != null ? " and its holdout-trades.csv and holdout-equity.csv" : "")
                + ", report.html)");
    }
}
