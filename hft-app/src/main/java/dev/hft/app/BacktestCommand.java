package dev.hft.app;

import dev.hft.backtest.RunSpec;
import dev.hft.backtest.RunResult;
import dev.hft.backtest.BacktestRunner;
import dev.hft.backtest.data.BarSeries;
import dev.hft.backtest.data.DataReport;
import dev.hft.backtest.report.Metrics;
import dev.hft.backtest.report.ReportWriter;
import dev.hft.core.Instrument;
import dev.hft.journal.FsyncPolicy;
import dev.hft.journal.JournalConfig;
import dev.hft.journal.JournalWriter;
import dev.hft.backtest.report.ChartRecorder;
import dev.hft.research.HtmlReport;
import dev.hft.research.Regimes;
import dev.hft.research.ReportData;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hft backtest}: runs a strategy over historical or synthetic bars and writes the results. */
@Command(name = "backtest", sortOptions = false,
        description = {"Backtest a strategy on Binance kline files, or on the built-in synthetic data set "
            + "(60 days of 1-minute BTCUSDT and ETHUSDT, seed 42) when no --data is given."})
final class BacktestCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    RunOptions run = new RunOptions();

    @Option(names = "--journal", description = "Write the write-ahead journal of the run into <out>/journal, so "
            + "'hft replay' can check and explain it.")
    boolean journal;

    @Option(names = "--snapshot-every", paramLabel = "BARS",
            description = "With --journal: write a snapshot of the engine beside the journal every BARS bars.")
    Integer snapshotEvery;

    @Option(names = "--fsync", paramLabel = "POLICY",
            description = "Journal fsync policy: none (default for backtests), per-order, interval.")
    String fsync;

    @Option(names = "--out", paramLabel = "DIR", description = "Results directory (default runs/<run-id>).")
    Path out;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        RunOptions.Resolved r = run.resolve(stdout);
        RunSpec bc = r.config();
        List<Instrument> instruments = r.instruments();
        List<BarSeries> series = r.series();
        List<DataReport> reports = r.reports();
        String dataLabel = r.dataLabel();
        long synthSeed = r.synthSeed();
        String strategyName = bc.strategy();

        JournalConfig journalConfig = JournalConfig.of(parseFsync(fsync == null ? "none" : fsync));
        if ((fsync != null || snapshotEvery != null) && !journal) {
            throw new UserError("--fsync and --snapshot-every apply to the journal: add --journal");
        }
        if (snapshotEvery != null && snapshotEvery < 1) {
            throw new UserError("--snapshot-every must be at least 1 bar, got " + snapshotEvery);
        }
        String runId = runId();
        Path target = out != null ? out : Path.of("runs", runId);
        try (RunDirectory dir = RunDirectory.create(target, stdout)) {
            ConsoleReport.printLimits(stdout, bc);
            RunResult result;
            dev.hft.engine.TradingEngine[] engine = new dev.hft.engine.TradingEngine[1];
            // the strategy's plotted lines and the stop and take-profit levels, for the report's price charts
            ChartRecorder chart = new ChartRecorder(series);
            java.util.function.Consumer<dev.hft.engine.TradingEngine> attach = e -> {
                engine[0] = e;
                e.plotTo(chart);
            };
            if (journal) {
                stdout.println(" Journal: " + target.resolve("journal") + ", " + journalConfig.describe());
                try (JournalWriter w = JournalWriter.create(dir.path().resolve("journal"), runId, journalConfig,
                        JournalWriter.FILES)) {
                    result = BacktestRunner.run(bc, instruments, series, runId, chart, w, attach,
                            snapshotEvery == null ? 0 : snapshotEvery);
                }
            } else {
                result = BacktestRunner.run(bc, instruments, series, runId, chart, null, attach);
            }
            String failed = strategyFailure(engine[0], instruments, strategyName);
            for (String f : chart.failures()) {
                stdout.println("note: " + f + "; the report draws its lines up to there");
            }
            Metrics m = Metrics.of(result);
            ReportWriter.write(dir.path(), result, m, run.resolvedConfig(bc, dataLabel, instruments, synthSeed, result),
                    reports.isEmpty() ? null : reports, series);
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("runId", runId);
            run.put("hftVersion", dev.hft.core.BuildInfo.VERSION);
            run.put("elapsedMs", result.elapsedNanos() / 1_000_000);
            run.put("barsPerSecond",
                    result.elapsedNanos() > 0 ? (long) (result.bars() / (result.elapsedNanos() / 1e9)) : 0);
            ReportWriter.writeJson(dir.path().resolve("run.json"), run);
            writeHtml(dir.path(), "Backtest: " + strategyName + " on " + String.join(", ", m.symbols), result,
                    r, chart);
            dir.commit();
            if (failed != null) {
                // the results up to the failure are kept (and the journal, which records it); the run failed
                throw new UserError(failed);
            }
            ConsoleReport.print(stdout, strategyName, result, m, dataLabel, target.toString());
        }
        return Main.EXIT_OK;
    }

    static FsyncPolicy parseFsync(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "none" -> FsyncPolicy.NONE;
            case "per-order" -> FsyncPolicy.PER_ORDER;
            case "interval" -> FsyncPolicy.INTERVAL;
            default -> throw new UserError("--fsync must be none, per-order or interval, got '" + s + "'");
        };
    }

    /** report.html of one run, with results split by the planted or classified market regimes. */
    static void writeHtml(Path dir, String title, RunResult result, RunOptions.Resolved r, ChartRecorder chart) {
        List<byte[]> labels = Regimes.labels(r.series(), r.regimeLabels());
        Map<String, Object> page = ReportData.backtest(title, result, r.series(),
                Regimes.breakdown(result, r.series(), labels), chart);
        page.put("subtitle", r.dataLabel() + "; regimes: " + r.regimeSource());
        HtmlReport.write(dir.resolve("report.html"), page);
    }

    /**
     * The first strategy failure of the run in words (the strategy, the symbol, the exception and the strategy's
     * own {@code file:line}), or null when every strategy ran to the end.
     */
    static String strategyFailure(dev.hft.engine.TradingEngine engine, List<Instrument> instruments,
                                  String strategy) {
        if (engine == null) {
            return null;
        }
        for (int i = 0; i < instruments.size(); i++) {
            String f = engine.strategyFailure(i);
            if (f != null) {
                String[] lines = f.split("\n");
                String at = lines.length > 1 ? lines[1].trim().replaceFirst("^at ", "") : "(no frame)";
                return "strategy '" + strategy + "' threw on " + instruments.get(i).symbol() + " at " + at + ": "
                        + lines[0] + "; it decided nothing after that (its positions kept their stops). The "
                        + "results up to there are written; the journal holds the whole trace (RISK_STRATEGY_FAILED)";
            }
        }
        return null;
    }

    /** A readable, unique run id: UTC start time plus 4 random hex digits. */
    static String runId() {
        String t = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").format(ZonedDateTime.now(ZoneOffset.UTC));
        return t + "-" + String.format(Locale.ROOT, "%04x", new java.security.SecureRandom().nextInt(0x10000));
    }
}
