package dev.hft.app;

import dev.hft.backtest.RunSpec;
import dev.hft.backtest.RunResult;
import dev.hft.backtest.BacktestRunner;
import dev.hft.backtest.data.BarSeries;
import dev.hft.core.Fixed;
import dev.hft.core.Instrument;
import dev.hft.core.InstrumentTable;
import dev.hft.engine.EngineConfig;
import dev.hft.engine.journal.RecordCodec;
import dev.hft.api.Action;
import dev.hft.api.Decision;
import dev.hft.journal.FsyncPolicy;
import dev.hft.journal.JournalConfig;
import dev.hft.journal.JournalRecovery;
import dev.hft.journal.JournalWriter;
import dev.hft.research.Significance;
import dev.hft.sim.FillModel;
import dev.hft.sim.IntrabarPolicy;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hft bench}: quick measurements anyone can rerun (JMH benchmarks come with the performance work). Not a
 * test: it asserts nothing, it prints figures.
 */
@Command(name = "bench", description = {"Quick benchmarks (JMH ones: docs/PERFORMANCE.md):",
    "  pipeline  whole backtests of the liquidation hunter on the default synthetic data, in bars/s",
    "  journal   journal append and recovery-scan throughput",
    "  sign      latency of building and signing a Binance order request (HMAC and Ed25519), HdrHistogram",
    "  wire      latency from a stream message's text to signed order request bytes, through the engine",
    "  optimize  whole optimizer runs of the liquidation hunter, fast evaluator and general path, bar-evaluations/s",
    "  verdict   the luck verdict's false positives on no-edge walks and its power on planted edges (seeded)"})
final class BenchCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Parameters(index = "0", paramLabel = "WHAT", description = "pipeline, journal, sign, wire, "
            + "optimize or verdict")
    String what;

    @Option(names = "--records", description = "Records to append (default 2,000,000).")
    int records = 2_000_000;

    @Option(names = "--messages", description = "wire: stream messages per round (default 100,000).")
    int messages = 100_000;

    @Option(names = "--rounds", description = "Measured rounds after the warm-up (default 3; pipeline: 5).")
    Integer rounds;

    @Option(names = "--days", description = "pipeline, optimize, verdict: days of synthetic 1-minute data per "
            + "symbol (default 60; optimize: 365; verdict: 60, then 180).")
    Integer days;

    @Option(names = "--seeds", description = "verdict: seeds per case (default 10).")
    int seeds = 10;

    @Option(names = "--first-seed", description = "verdict: first seed (default 1).")
    long firstSeed = 1;

    /** Whole in-memory backtests on the default data; median and best bars/s after three warm-up runs. */
    private int pipeline() {
        int n = rounds == null ? 5 : rounds;
        int days = this.days == null ? SyntheticData.DAYS_DEFAULT : this.days;
        if (n < 1 || days < 1) {
            throw new UserError("--rounds and --days must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        InstrumentTable table = InstrumentTable.builtIn();
        List<Instrument> insts = List.of(table.find("BTCUSDT"),
                table.find("ETHUSDT"));
        List<BarSeries> data = new ArrayList<>();
        for (Instrument i : insts) {
            data.add(SyntheticData.series(i, SyntheticData.SEED_DEFAULT,
                    LocalDate.parse(SyntheticData.START_DEFAULT), days));
        }
        RunSpec cfg = new RunSpec("liquidation-hunter",
                Map.of(), new EngineConfig(Fixed.of(10_000), 0.1, 0), null,
                null, null, false, null, 1.0, FillModel.NEXT_OPEN, IntrabarPolicy.STOP_FIRST,
                0);
        long bars = 0;
        double[] rates = new double[n];
        for (int k = -3; k < n; k++) {
            RunResult r = BacktestRunner.run(cfg, insts, data, "bench");
            bars = r.bars();
            if (k >= 0) {
                rates[k] = r.bars() / (r.elapsedNanos() / 1e9);
            }
        }
        Arrays.sort(rates);
        out.printf(Locale.ROOT, "pipeline benchmark: liquidation hunter, %,d bars (%d days x 2 symbols), full "
                + "pipeline, no journal, 3 warm-up + %d runs, %s%n", bars, days, n,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        out.printf(Locale.ROOT, "median %,.0f bars/s, best %,.0f bars/s%n", rates[n / 2], rates[n - 1]);
        out.flush();
        return Main.EXIT_OK;
    }

    /**
     * Order command to signed request text: parameters with the current timestamp, percent-encoded query, signature
     * appended. Keys are the public test vectors of Binance's docs and RFC 8032, never a real key.
     */
    private int sign() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "sign benchmark: order request build + sign (one warm-up round, one measured), %s%n",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        java.util.Map<String, dev.hft.binance.auth.Signer> signers = new java.util.LinkedHashMap<>();
        signers.put("HMAC-SHA256", new dev.hft.binance.auth.HmacSigner(
                dev.hft.binance.auth.Secret.of(WireBench.SECRET)));
        signers.put("Ed25519", dev.hft.binance.auth.Ed25519Signer.fromPem(dev.hft.binance.auth.Secret.of(
                "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g")));
        long sink = 0;
        for (var e : signers.entrySet()) {
            int n = e.getKey().startsWith("HMAC") ? 200_000 : 5_000; // Ed25519 is ~300x slower per signature
            org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(3);
            for (int round = 0; round < 2; round++) {
                h.reset();
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    dev.hft.binance.http.RequestParams p = new dev.hft.binance.http.RequestParams()
                            .put("symbol", "BTCUSDT")
                            .put("side", "BUY").put("type", "MARKET").put("quantity", "0.01200")
                            .put("newClientOrderId", "20261124-125304-d2d3-" + i).put("recvWindow", 5000)
                            .put("timestamp", 1_764_000_000_000L + i);
                    String q = p.query();
                    String signed = q + "&signature=" + dev.hft.binance.http.RequestParams.encode(e.getValue().sign(q));
                    h.recordValue(System.nanoTime() - t0);
                    sink += signed.length();
                }
            }
            out.printf(Locale.ROOT, "  %-12s %,8d signs  p50 %6.1f us  p99 %6.1f us  p99.9 %7.1f us  max %8.1f us%n",
                    e.getKey(), n, h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3,
                    h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
        }
        out.println(sink == 0 ? "" : "  (target for the whole path from WebSocket text to signed bytes: p99 < 50 us)");
        return Main.EXIT_OK;
    }

    /**
     * Whole optimizer runs (shared preparation, trials on all cores, the engine's check of the best trial) on one
     * symbol: 64 points on the fast evaluator, 8 of them on the general path (the engine per trial over the shared
     * tape); the two must agree on a shared point.
     */
    private int optimize() {
        int n = rounds == null ? 3 : rounds;
        int days = this.days == null ? 365 : this.days;
        if (n < 1 || days < 1) {
            throw new UserError("--rounds and --days must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        Instrument btc = InstrumentTable.builtIn().find("BTCUSDT");
        dev.hft.research.Dataset data = new dev.hft.research.Dataset(List.of(btc), List.of(SyntheticData.series(btc,
                SyntheticData.SEED_DEFAULT, LocalDate.parse(SyntheticData.START_DEFAULT), days)));
        RunSpec base = new RunSpec("liquidation-hunter", Map.of(),
                new EngineConfig(Fixed.of(10_000), 0.1, 0), null, null, null, false, null, 1.0, FillModel.NEXT_OPEN,
                IntrabarPolicy.STOP_FIRST, 0);
        int threads = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "optimize benchmark: liquidation hunter, %,d bars per trial (%d days, BTCUSDT), "
                + "%d threads, 1 warm-up + %d runs, %s%n", data.bars(), days, threads, n,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        dev.hft.research.OptimizationResult fast = null;
        double[] rates = new double[n];
        for (int k = -1; k < n; k++) {
            fast = dev.hft.research.Optimizer.run(optimizeSpec(base, "0.01,0.015,0.02,0.025",
                    "0.004,0.008,0.012,0.016", "0.05,0.1,0.15,0.2", threads, dev.hft.research.Evaluator.AUTO), data,
                    null, null);
            if (k >= 0) {
                rates[k] = fast.barsPerSecond();
            }
        }
        Arrays.sort(rates);
        out.printf(Locale.ROOT, "  fast evaluator, %d points: median %,.0f bar-evaluations/s, best %,.0f%n",
                fast.trials().size(), rates[n / 2], rates[n - 1]);
        out.flush();
        dev.hft.research.SearchSpec general = optimizeSpec(base, "0.01,0.02", "0.004,0.012", "0.05,0.15", threads,
                dev.hft.research.Evaluator.ENGINE);
        dev.hft.research.Optimizer.run(general, data, null, null); // its warm-up
        dev.hft.research.OptimizationResult engine = dev.hft.research.Optimizer.run(general, data, null, null);
        out.printf(Locale.ROOT, "  general path (the engine per trial over the tape), %d points: %,.0f "
                + "bar-evaluations/s (1 warm-up + 1 run)%n", engine.trials().size(), engine.barsPerSecond());
        dev.hft.research.TrialResult a = fast.trials().stream().filter(t -> engine.trials().stream()
                .anyMatch(e -> e.params().equals(t.params()))).findFirst().orElseThrow();
        dev.hft.research.TrialResult b = engine.trials().stream().filter(e -> e.params().equals(a.params()))
                .findFirst().orElseThrow();
        boolean same = a.trades() == b.trades() && Double.compare(a.returnPct(), b.returnPct()) == 0
                && java.util.Arrays.equals(a.daily(), b.daily());
        out.printf(Locale.ROOT, "  the same point on both: %d trades, return %.4f%% (%s)%n", a.trades(),
                a.returnPct(), same ? "identical figures" : "DIFFERENT FIGURES");
        out.flush();
        return same ? Main.EXIT_OK : Main.EXIT_INTERNAL;
    }

    /**
     * The luck verdict's calibration: every case of {@link dev.hft.research.VerdictCalibration#cases()} over
     * {@code --seeds} seeds; a table of how often it called an edge, how often the holdout made money and how often
     * both, then the false-positive rate over the no-edge cases and the power of each planted case.
     */
    private int verdict() {
        List<Integer> lengths = days == null ? List.of(60, 180) : List.of(days);
        if (seeds < 1 || lengths.get(0) < 8) {
            throw new UserError("--seeds must be at least 1 and --days at least 8");
        }
        for (int d : lengths) {
            verdict(d);
        }
        return Main.EXIT_OK;
    }

    private void verdict(int days) {
        PrintWriter out = spec.commandLine().getOut();
        int threads = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "verdict calibration: %d seeds per case from %d, %d days of 1-minute BTCUSDT, "
                + "the last %.0f%% held out, %d threads%n", seeds, firstSeed, days,
                dev.hft.research.VerdictCalibration.HOLDOUT * 100, threads);
        out.printf(Locale.ROOT, "%-48s %-4s %-5s %4s %5s %8s %5s %5s %-11s %8s %7s%n", "case", "edge", "costs",
                "runs", "sig.", "holdout+", "found", "naive", "E/EO/U/N", "luck bar", "best SR");
        int falseRuns = 0;
        int falsePositives = 0;
        List<String> power = new ArrayList<>();
        long t0 = System.nanoTime();
        for (dev.hft.research.VerdictCalibration.Case c : dev.hft.research.VerdictCalibration.cases()) {
            dev.hft.research.VerdictCalibration.Outcome o =
                    dev.hft.research.VerdictCalibration.run(c, firstSeed, seeds, days, threads);
            int[] f = o.findings();
            out.printf(Locale.ROOT, "%-48s %-4s %-5s %4d %5d %8d %5d %5d %-11s %8.3f %7.3f%n", c.name(),
                    c.planted() ? "yes" : "no", c.costs() ? "yes" : "no", o.runs(), o.significant(),
                    o.holdoutProfitable(), o.found(), o.naive(),
                    f[Significance.Finding.EDGE.ordinal()] + "/" + f[Significance.Finding.EDGE_BUT_SELECTION_OVERFIT
                            .ordinal()] + "/" + f[Significance.Finding.UNDECIDED.ordinal()] + "/"
                            + f[Significance.Finding.NO_EDGE.ordinal()], o.meanLuckBar(), o.meanBestSharpe());
            out.flush();
            if (c.planted()) {
                power.add(String.format(Locale.ROOT, "  %s, %s: found %d of %d (%.0f%%); of the %d whose holdout "
                        + "made money, %d (%.0f%%)", c.name(), c.costs() ? "default costs" : "no costs", o.found(),
                        o.runs(), 100.0 * o.found() / o.runs(), o.holdoutProfitable(), o.found(),
                        o.holdoutProfitable() == 0 ? 0 : 100.0 * o.found() / o.holdoutProfitable()));
            } else {
                falseRuns += o.runs();
                falsePositives += o.significant();
            }
        }
        out.printf(Locale.ROOT, "%d days: false positives on no-edge data: %d of %d (%.1f%%)%n", days,
                falsePositives, falseRuns, falseRuns == 0 ? 0 : 100.0 * falsePositives / falseRuns);
        out.printf(Locale.ROOT, "%d days: power on planted edges:%n", days);
        power.forEach(out::println);
        out.printf(Locale.ROOT, "(%.0f s; sig. = the verdict called an edge; holdout+ = the chosen point made money on "
                + "the holdout; found = both; naive = the best trial's PSR against zero reached 0.95, what a test "
                + "that ignores the search would call; E/EO/U/N = findings EDGE, EDGE_BUT_SELECTION_OVERFIT, "
                + "UNDECIDED, NO_EDGE; luck bar and best SR per day; method: docs/RESEARCH.md)%n%n",
                (System.nanoTime() - t0) / 1e9);
        out.flush();
    }

    private static dev.hft.research.SearchSpec optimizeSpec(RunSpec base, String takeProfit,
                                                                String stopLoss, String extreme, int threads,
                                                                dev.hft.research.Evaluator evaluator) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        m.put("takeProfit", takeProfit);
        m.put("stopLoss", stopLoss);
        m.put("extreme", extreme);
        return new dev.hft.research.SearchSpec(base, dev.hft.research.ParamSpace.parse(
                dev.hft.engine.strategy.StrategyRegistry.get("liquidation-hunter"), m),
                dev.hft.research.Sampler.GRID, 0, dev.hft.research.Objective.SHARPE,
                dev.hft.research.Constraints.DEFAULT, 1, threads, evaluator);
    }

    @Override
    public Integer call() throws IOException {
        if ("pipeline".equals(what)) {
            return pipeline();
        }
        if ("optimize".equals(what)) {
            return optimize();
        }
        if ("sign".equals(what)) {
            return sign();
        }
        if ("verdict".equals(what)) {
            return verdict();
        }
        if ("wire".equals(what)) {
            if (messages < 100 || rounds != null && rounds < 1) {
                throw new UserError("--messages must be >= 100 and --rounds >= 1");
            }
            return WireBench.run(spec.commandLine().getOut(), messages, rounds == null ? 3 : rounds);
        }
        if (!"journal".equals(what)) {
            throw new UserError("unknown benchmark '" + what + "'; known: pipeline, journal, sign, wire, optimize, "
                    + "verdict");
        }
        int rounds = this.rounds == null ? 3 : this.rounds;
        if (records < 1000 || rounds < 1) {
            throw new UserError("--records must be >= 1000 and --rounds >= 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "journal benchmark: %,d typical decision records per round, fsync none, %d rounds "
                + "(+1 warm-up), %s%n", records, rounds, System.getProperty("java.vm.name") + " "
                + System.getProperty("java.version"));
        RecordCodec codec = new RecordCodec();
        Decision d = new Decision().enter(Action.ENTER_LONG, dev.hft.core.ReasonCode.ENTRY_LIQ_LONG, 0.812232928,
                0.008, 0.02);
        double bestAppend = 0;
        double bestScan = 0;
        long bytes = 0;
        for (int round = 0; round <= rounds; round++) {
            Path dir = Files.createTempDirectory("hft-bench-journal");
            try {
                long t0 = System.nanoTime();
                try (JournalWriter w = JournalWriter.create(dir, "bench", JournalConfig.of(FsyncPolicy.NONE),
                        JournalWriter.FILES)) {
                    for (int i = 0; i < records; i++) {
                        w.append("decision", 1_704_067_259_999L + i * 60_000L, codec.decision(i & 1, d), false);
                    }
                    bytes = w.bytesWritten();
                }
                long t1 = System.nanoTime();
                long[] n = new long[1];
                JournalRecovery.Result r = JournalRecovery.scan(dir, rec -> n[0]++, false);
                long t2 = System.nanoTime();
                if (n[0] != records || r.status() != JournalRecovery.Status.CLEAN) {
                    throw new IllegalStateException("benchmark journal did not read back: " + r.message());
                }
                double append = records / ((t1 - t0) / 1e9);
                double scan = records / ((t2 - t1) / 1e9);
                if (round > 0) {
                    bestAppend = Math.max(bestAppend, append);
                    bestScan = Math.max(bestScan, scan);
                    out.printf(Locale.ROOT, "  round %d: append %,.0f records/s, recovery scan %,.0f records/s%n",
                            round, append, scan);
                }
            } finally {
                try (Stream<Path> s = Files.walk(dir)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
        out.printf(Locale.ROOT, "best: append %,.0f records/s (%.0f bytes/record); recovery scan %,.0f records/s = "
                + "%.1f ms per 100,000 records%n", bestAppend, (double) bytes / records, bestScan, 1e8 / bestScan);
        out.flush();
        return Main.EXIT_OK;
    }
}
